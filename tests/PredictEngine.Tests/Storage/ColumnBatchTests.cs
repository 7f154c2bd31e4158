using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>Vector ownership: batches share vectors by reference count and give buffers back exactly once.</summary>
public sealed class ColumnBatchTests
{
    [Fact]
    public void WithAppendedColumnsSharesVectorsInsteadOfCopying()
    {
        var original = TypeRoundTripTests.Batch([("id", SqlType.Int, [1, null, 3]), ("name", SqlType.NVarChar(20), ["a", "日本語のテキスト", null])]);
        var id = original[0];
        var name = original[1];
        var score = ColumnValues.Build(SqlType.Float, [0.5, 1.5, null]);

        var scored = original.WithAppendedColumns([new ColumnField("score", SqlType.Float)], [score]);
        Assert.Equal(["id", "name", "score"], scored.Schema.Fields.Select(f => f.Name));
        Assert.Same(id, scored[0]);
        Assert.Same(name, scored[1]);
        Assert.Same(score, scored["SCORE"]);

        original.Dispose();
        original.Dispose();
        Assert.Throws<ObjectDisposedException>(() => original.WithAppendedColumns([], []));

        // The shared vectors are still alive through the new batch.
        Assert.Equal(3, scored.RowCount);
        Assert.Equal([1, null, 3], Enumerable.Range(0, 3).Select(r => ColumnValues.Read(scored[0], r)));
        Assert.Equal(["a", "日本語のテキスト", null], Enumerable.Range(0, 3).Select(r => ColumnValues.Read(scored[1], r)));
        Assert.Equal([0.5, 1.5, null], Enumerable.Range(0, 3).Select(r => ColumnValues.Read(scored[2], r)));

        scored.Dispose();
        scored.Dispose();
        foreach (var vector in new[] { id, name, score })
        {
            // The last reference is gone: the buffers went back to the pool and cannot be revived.
            Assert.Throws<ObjectDisposedException>(() => vector.Retain());
        }
    }

    [Fact]
    public void FailedWithAppendedColumnsLeavesReferenceCountsAsTheyWere()
    {
        var original = TypeRoundTripTests.Batch([("id", SqlType.Int, [1, 2, 3])]);
        var id = original[0];
        using var tooShort = ColumnValues.Build(SqlType.Int, [1, 2]);
        Assert.Throws<ArgumentException>(() => original.WithAppendedColumns([new ColumnField("x", SqlType.Int)], [tooShort]));
        Assert.Throws<ArgumentException>(() => original.WithAppendedColumns([], [tooShort]));

        original.Dispose();
        Assert.Throws<ObjectDisposedException>(() => id.Retain());
    }

    [Fact]
    public void ConstructorChecksShape()
    {
        using var ints = ColumnValues.Build(SqlType.Int, [1, 2]);
        var schema = new BatchSchema([new ColumnField("a", SqlType.Int)]);
        Assert.Throws<ArgumentException>(() => new ColumnBatch(schema, [ints, ints], 2));
        Assert.Throws<ArgumentException>(() => new ColumnBatch(schema, [ints], 3));
        Assert.Throws<ArgumentException>(() => new ColumnBatch(new BatchSchema([new ColumnField("a", SqlType.BigInt)]), [ints], 2));
        var batch = new ColumnBatch(schema, [ints.Retain()], 2);
        Assert.Same(ints, batch["A"]);
        Assert.Throws<KeyNotFoundException>(() => batch["b"]);
        Assert.Equal(0, schema.IndexOf("A"));
        Assert.Equal(-1, schema.IndexOf("b"));
        batch.Dispose();
        Assert.Equal(2, ints.Length);
        Assert.Equal([1, 2], ints.GetValues<int>().ToArray());
    }

    [Fact]
    public void VariableWidthVectorGrowsKeepingValuesAndNulls()
    {
        using var vector = ColumnVector.Allocate(SqlType.VarBinary(SqlType.MaxLength), 0, 1);
        var expected = new List<byte[]?>();
        for (var i = 0; i < 1000; i++)
        {
            if (i % 3 == 1)
            {
                vector.AppendNull();
                expected.Add(null);
            }
            else
            {
                var value = Enumerable.Range(0, i % 40).Select(b => (byte)(b + i)).ToArray();
                vector.AppendBytes(value);
                expected.Add(value);
            }
        }

        Assert.Equal(1000, vector.Length);
        Assert.True(vector.Capacity >= 1000);
        Assert.Equal(expected.Count(e => e is null), vector.NullCount);
        Assert.Equal(vector.NullCount, Bitmap.CountUnset(vector.Validity, vector.Length));
        Assert.Equal(vector.Data.Length, vector.Offsets[^1]);
        for (var i = 0; i < expected.Count; i++)
        {
            ColumnValues.AssertSame(expected[i], ColumnValues.Read(vector, i), $"row {i}");
        }
    }

    [Fact]
    public void AppendNullFillsAFullVector()
    {
        using var vector = ColumnVector.Allocate(SqlType.NVarChar(10), 1);
        vector.AppendString("x");
        vector.AppendNull();
        vector.AppendNull();
        Assert.Equal(3, vector.Length);
        Assert.Equal(2, vector.NullCount);
        Assert.Equal("x", vector.GetString(0));
        Assert.True(vector.IsNull(2));
        Assert.Equal(0, vector.GetBytes(1).Length);
    }

    [Fact]
    public void FixedAndVariableWidthApisDoNotMix()
    {
        using var ints = ColumnVector.Allocate(SqlType.Int, 4);
        using var text = ColumnVector.Allocate(SqlType.NVarChar(4), 4);
        Assert.Throws<InvalidOperationException>(() => ints.AppendString("x"));
        Assert.Throws<InvalidOperationException>(() => ints.AppendNull());
        Assert.Throws<InvalidOperationException>(() => text.GetWritableValues<int>());
        Assert.Throws<InvalidOperationException>(() => text.SetLength(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ints.SetLength(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ints.SetNull(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ints.IsNull(0));

        ints.GetWritableValues<int>()[2] = 42;
        ints.SetNull(1);
        ints.SetNull(1);
        ints.SetLength(3);
        Assert.Equal(1, ints.NullCount);
        Assert.Equal(12, ints.ValuesMemory.Length);
        Assert.Equal(42, ints.GetValues<int>()[2]);
        Assert.True(ints.IsNull(1));
        Assert.False(ints.IsNull(2));
    }
}
