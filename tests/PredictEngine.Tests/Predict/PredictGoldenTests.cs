using PredictEngine.Storage.Types;
using PredictEngine.Tests.Scoring;
using Xunit;

namespace PredictEngine.Tests.Predict;

/// <summary>PREDICT planned as a DuckDB scalar function and run in DuckDB, against scikit-learn's own predictions.</summary>
public class PredictGoldenTests
{
    [Theory]
    [InlineData("linear_percol", false, new[] { "score float" })]
    [InlineData("tree_regressor", true, new[] { "variable float" })]
    [InlineData("mlp_regressor", true, new[] { "variable real" })]
    [InlineData("tree_classifier", true, new[] { "label bigint", "probabilities_0 real", "probabilities_1 real" })]
    [InlineData("zipmap_classifier", true, new[] { "label nvarchar(max)", "output_probability_setosa real", "output_probability_versicolor float", "output_probability_virginica real" })]
    public void ScoresLikeScikitLearn(string model, bool mapped, string[] with)
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load(model + ".inputs.csv");
        var expected = GoldenCsv.Load(model + ".expected.csv");
        var columns = f.LoadInputs("t", inputs);
        var bytes = PredictFixture.Model(model);
        if (mapped)
        {
            f.Catalog.Register(model, bytes, "sa", inputMapJson: System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { ["input"] = inputs.Columns }));
        }

        var plan = f.Planner.Plan(bytes, "SELECT * FROM t", columns, PredictFixture.With(with), "ONNX", 1);

        using var result = f.Query($"SELECT * FROM ({plan.Sql}) ORDER BY id");
        Assert.Equal(inputs.RowCount, result.RowCount);
        Assert.Equal([.. columns.Select(c => c.Name), .. with.Select(w => w.Split(' ')[0])], result.Schema.Fields.Select(x => x.Name));
        Golden.AssertMatches(expected, result);
        var statistics = f.Planner.TakeStatistics();
        Assert.Equal(inputs.RowCount, statistics.Rows);
        Assert.Equal(0, f.Planner.TakeStatistics().Rows);
    }

    [Fact]
    public void OutputTypesAreTheDeclaredOnes()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var columns = f.LoadInputs("t", inputs);
        var plan = f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT * FROM t", columns, PredictFixture.With("score real"), null, 1);
        Assert.Equal(SqlType.Real, Assert.Single(plan.Outputs).Type);
        using var result = f.Query(plan.Sql);
        Assert.Equal(SqlType.Real, result["score"].Type);
    }

    [Fact]
    public void JoinsAndInsertSelectRunOverThePlan()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var expected = GoldenCsv.Load("linear_percol.expected.csv").Doubles("score");
        var columns = f.LoadInputs("t", inputs);
        f.Connection.Execute("CREATE TABLE names AS SELECT id, 'row' || id AS label FROM range(0, 50) r(id); CREATE TABLE scores (id INTEGER, score DOUBLE)");
        var plan = f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT * FROM t WHERE id % 2 = 0", columns, PredictFixture.With("score float"), "onnx", 1);

        using (var joined = f.Query($"SELECT n.label, p.score FROM names n JOIN ({plan.Sql}) p ON p.id = n.id WHERE p.score > 0 ORDER BY n.id"))
        {
            Assert.Equal(expected.Where((_, i) => i % 2 == 0 && expected[i] > 0).Count(), joined.RowCount);
            Assert.Equal("row0", joined["label"].GetString(0));
            Golden.AssertClose(expected[0], joined["score"].GetValues<double>()[0], "joined row 0");
        }

        Assert.Equal(25, f.Connection.Execute($"INSERT INTO scores SELECT id, score FROM ({plan.Sql})"));
        using var stored = f.Query("SELECT id, score FROM scores ORDER BY id");
        for (var r = 0; r < stored.RowCount; r++)
        {
            Golden.AssertClose(expected[stored["id"].GetValues<int>()[r]], stored["score"].GetValues<double>()[r], $"stored row {r}");
        }

        // A view over the plan works from another connection: the function lives in the database.
        f.Connection.Execute($"CREATE VIEW predictions AS {plan.Sql}");
        using var other = f.Database.Connect();
        using var reader = other.ExecuteReader("SELECT count(*), sum(score) FROM predictions");
        using var total = reader.ReadBatch()!;
        Assert.Equal(25L, total[0].GetValues<long>()[0]);
        Golden.AssertClose(expected.Where((_, i) => i % 2 == 0).Sum(), total[1].GetValues<double>()[0], "view sum");
    }

    [Fact]
    public void TwoThreadsScoreAtOnce()
    {
        using var f = new PredictFixture();
        f.Connection.Execute("CREATE TABLE big AS SELECT i AS id, " + string.Join(", ", Enumerable.Range(0, 30).Select(c => $"CAST(((i * {c + 7}) % 101) / 10.0 AS FLOAT) AS input_{c}")) + " FROM range(0, 200000) r(i)");
        var columns = new List<PredictEngine.SqlFrontend.Binding.ColumnInfo> { new("id", SqlType.BigInt, false) };
        columns.AddRange(Enumerable.Range(0, 30).Select(c => new PredictEngine.SqlFrontend.Binding.ColumnInfo($"input_{c}", SqlType.Real, true)));
        var bytes = PredictFixture.Model("bench_linear30");
        f.Catalog.Register("lin", bytes, "sa", inputMapJson: System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string[]> { ["input"] = [.. Enumerable.Range(0, 30).Select(c => $"input_{c}")] }));
        var plan = f.Planner.Plan(bytes, "SELECT * FROM big", columns, PredictFixture.With("variable real"), "ONNX", 1);
        var sums = new double[2];
        Parallel.For(0, 2, i =>
        {
            using var connection = f.Database.Connect();
            using var reader = connection.ExecuteReader($"SELECT count(*), sum(variable) FROM ({plan.Sql})");
            using var batch = reader.ReadBatch()!;
            Assert.Equal(200000L, batch[0].GetValues<long>()[0]);
            sums[i] = batch[1].GetValues<double>()[0];
        });
        Assert.Equal(sums[0], sums[1], 3);
        Assert.Equal(400000L, f.Planner.TakeStatistics().Rows);
    }

    [Fact]
    public void PlannerSettingsGiveTheFunctionItsOwnSession()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("mlp_regressor.inputs.csv");
        var expected = GoldenCsv.Load("mlp_regressor.expected.csv");
        var columns = f.LoadInputs("t", inputs);
        var bytes = PredictFixture.Model("mlp_regressor");
        f.Catalog.Register("mlp", bytes, "sa", inputMapJson: System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { ["input"] = inputs.Columns }));
        var planner = new PredictEngine.SqlFrontend.Predict.PredictPlanner(f.Connection, f.Cache, f.Catalog, TestModels.Cpu with { IntraOpThreads = 1 });

        var plan = planner.Plan(bytes, "SELECT * FROM t", columns, PredictFixture.With("variable float"), "ONNX", 1);
        using var result = f.Query($"SELECT * FROM ({plan.Sql}) ORDER BY id");

        Golden.AssertMatches(expected, result);
        var statistics = planner.TakeStatistics();
        Assert.Equal(inputs.RowCount, statistics.Rows);
        Assert.True(statistics.Chunks >= 1);
        Assert.True(statistics.ModelTime > TimeSpan.Zero);
        Assert.Equal("CPUExecutionProvider", statistics.Provider);
    }

    [Fact]
    public void AnOutputNamedLikeADataColumnGetsAnotherSqlName()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var expected = GoldenCsv.Load("linear_percol.expected.csv").Doubles("score");
        var columns = f.LoadInputs("t", inputs);
        f.Connection.Execute("ALTER TABLE t ADD COLUMN score VARCHAR DEFAULT 'old'");
        PredictEngine.SqlFrontend.Binding.ColumnInfo[] withScore = [.. columns, new("score", SqlType.NVarChar(SqlType.MaxLength), true)];

        var plan = f.Planner.Plan(PredictFixture.Model("linear_percol"), "SELECT * FROM t", withScore, PredictFixture.With("score float"), null, 1);

        var output = Assert.Single(plan.Outputs);
        Assert.Equal("score", output.Name);
        Assert.NotEqual("score", output.SqlName, StringComparer.OrdinalIgnoreCase);
        using var result = f.Query($"SELECT * FROM ({plan.Sql}) ORDER BY id");
        Assert.Equal("old", result["score"].GetString(0));
        Golden.AssertClose(expected[0], result[output.SqlName].GetValues<double>()[0], "renamed output");
    }

    [Fact]
    public void MultiValuedOutputsArriveAsJsonInNvarcharMax()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("zipmap_classifier.inputs.csv");
        var expected = GoldenCsv.Load("zipmap_classifier.expected.csv");
        var columns = f.LoadInputs("t", inputs);
        var bytes = PredictFixture.Model("zipmap_classifier");
        f.Catalog.Register("iris", bytes, "sa", inputMapJson: System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { ["input"] = inputs.Columns }));

        var plan = f.Planner.Plan(bytes, "SELECT * FROM t", columns, PredictFixture.With("output_probability nvarchar(max)"), "ONNX", 1);
        using var result = f.Query($"SELECT id, output_probability FROM ({plan.Sql}) ORDER BY id");

        using var json = System.Text.Json.JsonDocument.Parse(result["output_probability"].GetString(0));
        Golden.AssertClose(expected.Doubles("output_probability_setosa")[0], json.RootElement.GetProperty("setosa").GetDouble(), "setosa as JSON");
        Golden.AssertClose(expected.Doubles("output_probability_virginica")[0], json.RootElement.GetProperty("virginica").GetDouble(), "virginica as JSON");
    }
}
