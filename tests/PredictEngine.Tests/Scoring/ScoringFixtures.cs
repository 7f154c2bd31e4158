using System.Globalization;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>The models under tests/models, loaded on the CPU provider.</summary>
internal static class TestModels
{
    public static readonly SessionSettings Cpu = new() { Provider = ExecutionProviderKind.Cpu };

    public static ModelSession Load(string model) => ModelSession.Load(File.ReadAllBytes(TestPaths.Model(model + ".onnx")), Cpu);

    /// <summary>Binds a single-input model's [N,F] input to all of <paramref name="columns"/>, or a per-column model by name.</summary>
    public static ScoringBinding Bind(ModelSession session, IReadOnlyList<string> columns) =>
        session.Signature.Inputs.Count == 1 && session.Signature.Inputs[0].Rank == 2 && columns.Count > 1
            ? new ScoringBinding([InputBinding.Matrix(session.Signature.Inputs[0].Name, columns)])
            : ScoringBinding.ByName(session.Signature);
}

/// <summary>A golden CSV of tests/models (UTF-8, one header row, no quoting: the generator writes none).</summary>
internal sealed class GoldenCsv
{
    private readonly string[] _columns;
    private readonly string[][] _rows;

    private GoldenCsv(string[] columns, string[][] rows)
    {
        _columns = columns;
        _rows = rows;
    }

    public IReadOnlyList<string> Columns => _columns;

    public int RowCount => _rows.Length;

    public static GoldenCsv Load(string file)
    {
        var lines = File.ReadAllLines(TestPaths.Model(file));
        var columns = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0 || columns.Length == 1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, r => Assert.Equal(columns.Length, r.Length));
        return new GoldenCsv(columns, rows);
    }

    public string[] Column(string name)
    {
        var index = Array.IndexOf(_columns, name);
        Assert.True(index >= 0, $"The CSV has no column '{name}'.");
        return [.. _rows.Select(r => r[index])];
    }

    public float[] Floats(string name) => [.. Column(name).Select(v => float.Parse(v, CultureInfo.InvariantCulture))];

    public double[] Doubles(string name) => [.. Column(name).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
}

/// <summary>Builds batches the way a scan does: rented vectors written by row, then sealed with a length.</summary>
internal static class TestBatches
{
    public static ColumnVector Vector<T>(SqlType type, ReadOnlySpan<T> values, params int[] nullRows)
        where T : unmanaged
    {
        var vector = ColumnVector.Allocate(type, values.Length);
        values.CopyTo(vector.GetWritableValues<T>());
        foreach (var row in nullRows)
        {
            vector.SetNull(row);
        }

        vector.SetLength(values.Length);
        return vector;
    }

    /// <summary>A column of <paramref name="type"/> holding <paramref name="values"/>, each converted exactly to the column's physical type.</summary>
    public static ColumnVector Numbers(SqlType type, params double[] values) => type.Physical switch
    {
        PhysicalKind.Float32 => Vector<float>(type, [.. values.Select(v => checked((float)v))]),
        PhysicalKind.Float64 => Vector<double>(type, values),
        PhysicalKind.Int64 => Vector<long>(type, [.. values.Select(v => checked((long)v))]),
        PhysicalKind.Int32 => Vector<int>(type, [.. values.Select(v => checked((int)v))]),
        PhysicalKind.Int16 => Vector<short>(type, [.. values.Select(v => checked((short)v))]),
        PhysicalKind.UInt8 or PhysicalKind.Bool8 => Vector<byte>(type, [.. values.Select(v => checked((byte)v))]),
        PhysicalKind.Decimal128 => Vector<Int128>(type, [.. values.Select(v => (Int128)(v * Math.Pow(10, type.Scale)))]),
        _ => throw new NotSupportedException($"No test values for {type}."),
    };

    public static ColumnVector Strings(IReadOnlyList<string?> values)
    {
        var vector = ColumnVector.Allocate(SqlType.NVarChar(SqlType.MaxLength), values.Count);
        foreach (var value in values)
        {
            if (value is null)
            {
                vector.AppendNull();
            }
            else
            {
                vector.AppendString(value);
            }
        }

        return vector;
    }

    public static ColumnBatch Batch(params (string Name, ColumnVector Vector)[] columns)
    {
        var schema = new BatchSchema([.. columns.Select(c => new ColumnField(c.Name, c.Vector.Type))]);
        return new ColumnBatch(schema, [.. columns.Select(c => c.Vector)], columns.Length == 0 ? 0 : columns[0].Vector.Length);
    }

    /// <summary>
    /// Every CSV column as a <c>real</c> column. With <paramref name="rows"/>, the CSV rows repeat
    /// (starting at <paramref name="firstRow"/>) to fill that many rows.
    /// </summary>
    public static ColumnBatch Reals(GoldenCsv csv, int? rows = null, int firstRow = 0)
    {
        var count = rows ?? csv.RowCount;
        var columns = new (string, ColumnVector)[csv.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var source = csv.Floats(csv.Columns[c]);
            var vector = ColumnVector.Allocate(SqlType.Real, count);
            var target = vector.GetWritableValues<float>();
            for (var r = 0; r < count; r++)
            {
                target[r] = source[(firstRow + r) % source.Length];
            }

            vector.SetLength(count);
            columns[c] = (csv.Columns[c], vector);
        }

        return Batch(columns);
    }

    /// <summary>A numeric value of any fixed-width numeric column, as double.</summary>
    public static double Number(ColumnVector column, int row) => column.Type.Physical switch
    {
        PhysicalKind.Float32 => column.GetValues<float>()[row],
        PhysicalKind.Float64 => column.GetValues<double>()[row],
        PhysicalKind.Int64 => column.GetValues<long>()[row],
        PhysicalKind.Int32 => column.GetValues<int>()[row],
        PhysicalKind.Int16 => column.GetValues<short>()[row],
        PhysicalKind.UInt8 or PhysicalKind.Bool8 => column.GetValues<byte>()[row],
        _ => throw new InvalidOperationException($"{column.Type} is not numeric."),
    };

    public static string[] Names(ColumnBatch batch, int from = 0) => [.. batch.Schema.Fields.Skip(from).Select(f => f.Name)];
}

/// <summary>Compares scored batches with scikit-learn's expected CSV (tests/models/README.md tolerances).</summary>
internal static class Golden
{
    /// <summary>|actual - expected| &lt;= 1e-4 + 1e-4 * |expected|.</summary>
    public static void AssertClose(double expected, double actual, string where)
    {
        Assert.True(Math.Abs(actual - expected) <= 1e-4 + (1e-4 * Math.Abs(expected)), $"{where}: expected {expected:R}, got {actual:R}.");
    }

    /// <summary>Each expected column by name (but <paramref name="skip"/>): strings and integer labels exactly, floating point within tolerance.</summary>
    public static void AssertMatches(GoldenCsv expected, ColumnBatch scored, int firstRow = 0, params string[] skip)
    {
        foreach (var name in expected.Columns.Except(skip))
        {
            var column = scored[name];
            var values = expected.Column(name);
            for (var r = 0; r < scored.RowCount; r++)
            {
                var want = values[(firstRow + r) % values.Length];
                var where = $"{name} row {r}";
                if (column.Type.IsString)
                {
                    Assert.Equal(want, column.GetString(r));
                }
                else if (column.Type.Physical is PhysicalKind.Float32 or PhysicalKind.Float64)
                {
                    AssertClose(double.Parse(want, CultureInfo.InvariantCulture), TestBatches.Number(column, r), where);
                }
                else
                {
                    Assert.Equal(long.Parse(want, CultureInfo.InvariantCulture), (long)TestBatches.Number(column, r));
                }
            }
        }
    }
}
