using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using PredictEngine.Tests.Scoring;
using Xunit;

namespace PredictEngine.Tests.Predict;

/// <summary>Every way a PREDICT is refused, with its number and a message that shows how to fix it.</summary>
public class PredictErrorTests
{
    private static readonly string[] PerColumn = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

    private static IReadOnlyList<ColumnInfo> Reals(params string[] names) => [.. names.Select(n => new ColumnInfo(n, SqlType.Real, true))];

    [Fact]
    public void MissingInputColumnNamesTheInputAndTheDataColumns()
    {
        using var f = new PredictFixture();
        f.Connection.Execute("CREATE TABLE t AS SELECT 1.0::FLOAT AS age");
        var e = Assert.Throws<EngineException>(() => f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT * FROM t", Reals("age"), PredictFixture.With("score float"), "ONNX", 7));
        Assert.Equal(ErrorNumbers.InvalidColumnName, e.Number);
        Assert.Equal(7, e.Line);
        Assert.Contains("Invalid column name 'sex'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Model signature:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LossyOutputTypeIsRefused()
    {
        using var f = new PredictFixture();
        var e = Assert.Throws<EngineException>(() => f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT 1", Reals(PerColumn), PredictFixture.With("score int"), null, 1));
        Assert.Equal(ErrorNumbers.ModelInputMismatch, e.Number);
        Assert.Contains("would lose information", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LossyInputTypeIsRefused()
    {
        using var f = new PredictFixture();
        var columns = PerColumn.Select(n => new ColumnInfo(n, n == "bmi" ? SqlType.NVarChar(20) : SqlType.Real, true)).ToArray();
        var e = Assert.Throws<EngineException>(() => f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT 1", columns, PredictFixture.With("score float"), null, 1));
        Assert.Contains("bmi", e.Message, StringComparison.Ordinal);
        Assert.Contains("Model signature:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownWithColumnListsTheOutputs()
    {
        using var f = new PredictFixture();
        var e = Assert.Throws<EngineException>(() => f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT 1", Reals(PerColumn), PredictFixture.With("prediction float"), null, 1));
        Assert.Equal(ErrorNumbers.ModelInputMismatch, e.Number);
        Assert.Contains("WITH column 'prediction' matches no model output", e.Message, StringComparison.Ordinal);
        Assert.Contains("score", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("R")]
    [InlineData("PYTHON")]
    public void OnlyOnnxRuntimeIsSupported(string runtime)
    {
        using var f = new PredictFixture();
        var e = Assert.Throws<EngineException>(() => f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT 1", Reals(PerColumn), PredictFixture.With("score float"), runtime, 3));
        Assert.Equal(ErrorNumbers.UnsupportedPredictRuntime, e.Number);
        Assert.Equal(3, e.Line);
        Assert.Contains("only RUNTIME = ONNX", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptModelIsRefused()
    {
        using var f = new PredictFixture();
        var e = Assert.Throws<EngineException>(() => f.Planner.Plan(File.ReadAllBytes(TestPaths.Model("not_onnx.bin")), "SELECT 1", Reals(PerColumn), PredictFixture.With("score float"), null, 1));
        Assert.Equal(ErrorNumbers.InvalidModel, e.Number);
    }

    [Fact]
    public void NullInputFailsTheQueryWithMsg50110NamingTheColumn()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var columns = f.LoadInputs("t", inputs);
        f.Connection.Execute("UPDATE t SET bmi = NULL WHERE id IN (3, 4, 5)");
        var plan = f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT * FROM t", columns, PredictFixture.With("score float"), null, 1);

        var e = Assert.ThrowsAny<EngineException>(() => f.Query(plan.Sql).Dispose());
        Assert.Equal(ErrorNumbers.ModelInputNull, e.Number);
        Assert.Equal(16, e.Severity);
        Assert.Contains("Column 'bmi' has NULL values (at least 3 row(s))", e.Message, StringComparison.Ordinal);

        // Across chunks the exact count needs the whole DATA query: Explain counts it.
        f.Connection.Execute("INSERT INTO t SELECT t.id + 1000 + (r.range * 100), t.* EXCLUDE (id) FROM t, range(0, 100) r");
        var many = Assert.ThrowsAny<EngineException>(() => f.Query(plan.Sql).Dispose());
        var explained = f.Planner.Explain(many);
        Assert.Equal(ErrorNumbers.ModelInputNull, explained.Number);
        Assert.Contains("Column 'bmi' has NULL values (303 row(s)), and model input 'bmi'", explained.Message, StringComparison.Ordinal);
        var other = new EngineException(ErrorNumbers.StorageError, 16, 1, "x");
        Assert.Same(other, f.Planner.Explain(other));

        // Filtering the NULLs out makes the same plan's function work.
        var filtered = f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT * FROM t WHERE bmi IS NOT NULL", columns, PredictFixture.With("score float"), null, 1);
        using var result = f.Query(filtered.Sql);
        Assert.Equal((inputs.RowCount - 3) * 101, result.RowCount);
    }

    [Fact]
    public void NullPolicyDefaultFeedsTheValue()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var columns = f.LoadInputs("t", inputs);
        var bytes = PredictFixture.Model("linear_percol");
        f.Catalog.Register("lin", bytes, "sa", nullPolicyJson: """{"bmi": 0}""");
        f.Connection.Execute("CREATE TABLE u AS SELECT * FROM t; UPDATE u SET bmi = NULL WHERE id = 0; UPDATE t SET bmi = 0 WHERE id = 0");
        var withNull = f.Planner.Plan(bytes, "SELECT * FROM u", columns, PredictFixture.With("score float"), null, 1);
        var withZero = f.Planner.Plan(bytes, "SELECT * FROM t", columns, PredictFixture.With("score float"), null, 1);
        using var a = f.Query($"SELECT score FROM ({withNull.Sql}) WHERE id = 0");
        using var b = f.Query($"SELECT score FROM ({withZero.Sql}) WHERE id = 0");
        Assert.Equal(b["score"].GetValues<double>()[0], a["score"].GetValues<double>()[0]);
    }

    [Fact]
    public void ANullDeepInAStreamedResultFailsTheReadWithMsg50110()
    {
        using var f = new PredictFixture();
        f.Connection.Execute("CREATE TABLE t AS SELECT i AS id, " + string.Join(", ", PerColumn.Select(c => $"CASE WHEN '{c}' = 's3' AND i = 150000 THEN NULL ELSE (i % 17)::FLOAT END AS {c}")) + " FROM range(0, 200000) r(i)");
        IReadOnlyList<ColumnInfo> columns = [new("id", SqlType.BigInt, false), .. Reals(PerColumn)];
        var plan = f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT * FROM t", columns, PredictFixture.With("score float"), null, 1);

        using var reader = f.Connection.ExecuteReader(plan.Sql, 2048);
        var rows = 0L;
        var e = Assert.ThrowsAny<EngineException>(() =>
        {
            while (reader.ReadBatch() is { } batch)
            {
                rows += batch.RowCount;
                batch.Dispose();
            }
        });
        Assert.Equal(ErrorNumbers.ModelInputNull, e.Number);
        Assert.Contains("Column 's3'", e.Message, StringComparison.Ordinal);
        Assert.True(rows < 200000);
    }
}
