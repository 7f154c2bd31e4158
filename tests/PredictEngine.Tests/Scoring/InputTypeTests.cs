using System.Globalization;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>
/// Which SQL columns feed which tensor types, through the operator: exact types (lent to ONNX Runtime
/// without a copy), lossless widenings (converted), and refusals that name the CAST to write.
/// types_identity.onnx returns each of its eight inputs unchanged as <c>&lt;input&gt;_out</c>.
/// </summary>
public class InputTypeTests
{
    /// <summary>The int8 input is fed from a bit column (the only lossless source), so it gets 0/1 rather than the CSV's int8 extremes.</summary>
    private static readonly double[] BitsForInt8 = [1, 0, 1, 1, 0];

    [Fact]
    public void EveryElementTypeRoundTripsThroughTheOperator()
    {
        var csv = GoldenCsv.Load("types_identity.inputs.csv");
        var expected = GoldenCsv.Load("types_identity.expected.csv");
        using var session = TestModels.Load("types_identity");
        using var batch = IdentityBatch();

        using var scored = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema).Score(batch);

        Assert.Equal(["f32_out", "f64_out", "i64_out", "i32_out", "i8_out", "u8_out", "b_out", "s_out"], TestBatches.Names(scored, 8));
        Assert.Equal(
            [SqlType.Real, SqlType.Float, SqlType.BigInt, SqlType.Int, SqlType.SmallInt, SqlType.TinyInt, SqlType.Bit, SqlType.NVarChar(SqlType.MaxLength)],
            scored.Schema.Fields.Skip(8).Select(f => f.Type));

        // Exact, including float32/float64 maximum and smallest subnormal, int64/int32 extremes, UTF-8 and "".
        Assert.Equal(expected.Floats("f32_out"), scored["f32_out"].GetValues<float>().ToArray());
        Assert.Equal(expected.Doubles("f64_out"), scored["f64_out"].GetValues<double>().ToArray());
        Assert.Equal(Parse(expected, "i64_out", long.Parse), scored["i64_out"].GetValues<long>().ToArray());
        Assert.Equal(Parse(expected, "i32_out", int.Parse), scored["i32_out"].GetValues<int>().ToArray());
        Assert.Equal(BitsForInt8.Select(v => (short)v), scored["i8_out"].GetValues<short>().ToArray());
        Assert.Equal(Parse(expected, "u8_out", byte.Parse), scored["u8_out"].GetValues<byte>().ToArray());
        Assert.Equal(Parse(expected, "b_out", byte.Parse), scored["b_out"].GetValues<byte>().ToArray());
        Assert.Equal(expected.Column("s_out"), Enumerable.Range(0, scored.RowCount).Select(scored["s_out"].GetString));
        Assert.Equal(csv.Column("s"), expected.Column("s_out"));
    }

    [Theory]
    [InlineData("f32", "smallint", new double[] { -32768, 32767, 0, -1, 7 })]
    [InlineData("f32", "tinyint", new double[] { 0, 255, 1, 128, 42 })]
    [InlineData("f32", "bit", new double[] { 1, 0, 1, 0, 1 })]
    [InlineData("f64", "real", new double[] { -1.5, 3.4028234663852886e+38, 1.401298464324817e-45, 0.10000000149011612, 0 })]
    [InlineData("f64", "int", new double[] { int.MinValue, int.MaxValue, 0, -1, 16777217 })]
    [InlineData("f64", "smallint", new double[] { -32768, 32767, 0, -1, 7 })]
    [InlineData("i64", "int", new double[] { int.MinValue, int.MaxValue, 0, -1, 42 })]
    [InlineData("i64", "tinyint", new double[] { 0, 255, 1, 128, 42 })]
    [InlineData("i32", "smallint", new double[] { -32768, 32767, 0, -1, 7 })]
    [InlineData("i32", "bit", new double[] { 1, 0, 1, 0, 1 })]
    [InlineData("u8", "bit", new double[] { 1, 0, 1, 0, 1 })]
    public void LosslessWideningGivesTheSameValues(string input, string sqlType, double[] values)
    {
        using var session = TestModels.Load("types_identity");
        using var batch = IdentityBatch(input, TestBatches.Numbers(Sql(sqlType), values));

        using var scored = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema).Score(batch);

        var output = scored[input + "_out"];
        Assert.Equal(values, Enumerable.Range(0, scored.RowCount).Select(r => TestBatches.Number(output, r)));
    }

    [Fact]
    public void MatrixInputMixesWidenedColumnTypes()
    {
        using var session = TestModels.Load("matrix_out");
        double[] small = [-32768, 32767, 0, -1, 12345];
        double[] tiny = [0, 255, 1, 128, 42];
        double[] bits = [1, 0, 1, 0, 1];
        using var batch = TestBatches.Batch(
            ("a", TestBatches.Numbers(SqlType.SmallInt, small)),
            ("b", TestBatches.Numbers(SqlType.TinyInt, tiny)),
            ("c", TestBatches.Numbers(SqlType.Bit, bits)));

        using var scored = new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix("x", ["a", "b", "c"])]), batch.Schema).Score(batch);

        for (var r = 0; r < batch.RowCount; r++)
        {
            Assert.Equal(2 * small[r], scored["y_0"].GetValues<float>()[r]);
            Assert.Equal(2 * tiny[r], scored["y_1"].GetValues<float>()[r]);
            Assert.Equal(2 * bits[r], scored["y_2"].GetValues<float>()[r]);
            Assert.Equal(small[r] + tiny[r] + bits[r], scored["rowsum"].GetValues<float>()[r]);
        }
    }

    [Theory]
    [InlineData("f32", "float", "CAST(f32 AS real)")]
    [InlineData("f32", "int", "CAST(f32 AS real)")]
    [InlineData("f32", "bigint", "CAST(f32 AS real)")]
    [InlineData("f32", "decimal", "CAST(f32 AS real)")]
    [InlineData("f64", "bigint", "CAST(f64 AS float)")]
    [InlineData("i32", "bigint", "CAST(i32 AS int)")]
    [InlineData("u8", "smallint", "CAST(u8 AS tinyint)")]
    [InlineData("b", "tinyint", "CAST(b AS bit)")]
    [InlineData("s", "int", "CAST(s AS nvarchar(max))")]
    [InlineData("i8", "tinyint", "No SQL Server type converts to int8 without loss")]
    public void LossyConversionsAreRefusedWithTheCastToWrite(string input, string sqlType, string fix)
    {
        using var session = TestModels.Load("types_identity");
        var type = Sql(sqlType);
        using var batch = IdentityBatch(input, TestBatches.Numbers(type, 1, 0, 1, 0, 1));

        var error = Assert.Throws<EngineException>(() => new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema));

        Assert.Equal(ErrorNumbers.ModelInputMismatch, error.Number);
        Assert.Contains($"Column '{input}' is {type}", error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.Contains("Model signature: inputs: f32 tensor(float)[N]", error.Message, StringComparison.Ordinal);
        AssertStillScores(session);
    }

    /// <summary>SQL float is ONNX double: the refusal must not read as "float to float".</summary>
    [Fact]
    public void FloatIntoFloatRefusalNamesBothTypeSystems()
    {
        using var session = TestModels.Load("types_identity");
        using var batch = IdentityBatch("f32", TestBatches.Numbers(SqlType.Float, 1, 2, 3, 4, 5));

        var error = Assert.Throws<EngineException>(() => new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema));

        Assert.Contains("converting SQL float to ONNX float is not exact", error.Message, StringComparison.Ordinal);
    }

    internal static void AssertStillScores(PredictEngine.Scoring.ModelSession session)
    {
        using var batch = IdentityBatch();
        using var scored = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema).Score(batch);
        Assert.Equal(-1.5f, scored["f32_out"].GetValues<float>()[0]);
        Assert.Equal("日本", scored["s_out"].GetString(4));
    }

    /// <summary>types_identity's inputs in their exact SQL types; <paramref name="replace"/> swaps one column for <paramref name="with"/>.</summary>
    internal static ColumnBatch IdentityBatch(string? replace = null, ColumnVector? with = null)
    {
        var csv = GoldenCsv.Load("types_identity.inputs.csv");
        (string Name, Func<ColumnVector> Make)[] columns =
        [
            ("f32", () => TestBatches.Vector<float>(SqlType.Real, csv.Floats("f32"))),
            ("f64", () => TestBatches.Vector<double>(SqlType.Float, csv.Doubles("f64"))),
            ("i64", () => TestBatches.Vector<long>(SqlType.BigInt, Parse(csv, "i64", long.Parse))),
            ("i32", () => TestBatches.Vector<int>(SqlType.Int, Parse(csv, "i32", int.Parse))),
            ("i8", () => TestBatches.Numbers(SqlType.Bit, BitsForInt8)),
            ("u8", () => TestBatches.Vector<byte>(SqlType.TinyInt, Parse(csv, "u8", byte.Parse))),
            ("b", () => TestBatches.Vector<byte>(SqlType.Bit, Parse(csv, "b", byte.Parse))),
            ("s", () => TestBatches.Strings(csv.Column("s"))),
        ];
        return TestBatches.Batch([.. columns.Select(c => (c.Name, c.Name == replace ? with! : c.Make()))]);
    }

    private static T[] Parse<T>(GoldenCsv csv, string column, Func<string, IFormatProvider, T> parse) =>
        [.. csv.Column(column).Select(v => parse(v, CultureInfo.InvariantCulture))];

    private static SqlType Sql(string name) => name switch
    {
        "bit" => SqlType.Bit,
        "tinyint" => SqlType.TinyInt,
        "smallint" => SqlType.SmallInt,
        "int" => SqlType.Int,
        "bigint" => SqlType.BigInt,
        "real" => SqlType.Real,
        "float" => SqlType.Float,
        "decimal" => SqlType.Decimal(10, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such test type."),
    };
}
