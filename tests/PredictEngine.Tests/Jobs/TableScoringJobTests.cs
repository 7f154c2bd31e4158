using System.Globalization;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Jobs;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Jobs;

/// <summary>The embedded pipeline end to end: CSV → table → batches → operator on several workers → output table.</summary>
public class TableScoringJobTests
{
    private static readonly SessionSettings Cpu = new() { Provider = ExecutionProviderKind.Cpu };

    [Theory]
    [InlineData(65536, 1)]
    [InlineData(100, 3)]
    [InlineData(7, 2)]
    public void ScoresTheExampleLikeScikitLearn(int batchRows, int workers)
    {
        using var db = EmbeddedDatabase.OpenInMemory();
        using var connection = db.Connect();
        LoadCsv(connection, Path.Combine(TestPaths.RepoRoot, "examples", "breast_cancer.csv"), "bc");
        using var session = ModelSession.Load(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "examples", "breast_cancer_forest.onnx")), Cpu);
        var log = new List<string>();
        var result = TableScoringJob.Run(db, new TableScoringRequest("bc", session, "scored", Exclude: ["id", "target"], BatchRows: batchRows, Workers: workers), log.Add);

        Assert.Equal(569, result.Rows);
        Assert.Equal((569 + batchRows - 1) / batchRows, result.Batches);
        Assert.Equal(["label", "probabilities_0", "probabilities_1"], result.PredictionColumns);
        Assert.Contains(log, l => l.StartsWith("CAST 30 column(s) from float to real", StringComparison.Ordinal));

        var expected = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "examples", "breast_cancer.sklearn.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(p => long.Parse(p[0], CultureInfo.InvariantCulture), p => (Label: long.Parse(p[1], CultureInfo.InvariantCulture), P1: double.Parse(p[2], CultureInfo.InvariantCulture)));
        using var reader = connection.ExecuteReader("SELECT id, label, probabilities_1 FROM scored ORDER BY id");
        var seen = 0;
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++, seen++)
                {
                    var (label, p1) = expected[batch[0].GetValues<long>()[r]];
                    Assert.Equal(label, batch[1].GetValues<long>()[r]);
                    Assert.Equal(p1, batch[2].GetValues<float>()[r], 1e-4);
                }
            }
        }

        Assert.Equal(569, seen);
    }

    [Fact]
    public void PerColumnModelBindsByName()
    {
        using var db = EmbeddedDatabase.OpenInMemory();
        using var connection = db.Connect();
        LoadCsv(connection, TestPaths.Model("linear_percol.inputs.csv"), "diabetes");
        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("linear_percol.onnx")), Cpu);
        var result = TableScoringJob.Run(db, new TableScoringRequest("diabetes", session, "scored"), _ => { });
        Assert.Equal(50, result.Rows);

        var expected = File.ReadAllLines(TestPaths.Model("linear_percol.expected.csv")).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        using var reader = connection.ExecuteReader("SELECT score FROM scored");
        using var batch = reader.ReadBatch()!;
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r], batch[0].GetValues<float>()[r], 1e-4 + (1e-4 * Math.Abs(expected[r])));
        }
    }

    [Fact]
    public void MissingFeatureColumnNamesTheModelSignature()
    {
        using var db = EmbeddedDatabase.OpenInMemory();
        using var connection = db.Connect();
        connection.Execute("CREATE TABLE t (age REAL, sex REAL)");
        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("linear_percol.onnx")), Cpu);
        var error = Assert.Throws<EngineException>(() => TableScoringJob.Run(db, new TableScoringRequest("t", session, "out"), _ => { }));
        Assert.Equal(ErrorNumbers.InvalidColumnName, error.Number);
        Assert.Contains("Invalid column name 'bmi'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Model signature: inputs: age tensor(float)[N,1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, connection.Execute("SELECT 1")); // The connection still works.
    }

    private static void LoadCsv(StorageConnection connection, string path, string table) =>
        connection.Execute($"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true)");
}

public class TableScoringJobFailureTests
{
    [Fact]
    public void AFailedJobLeavesTheOutputTableAsItWas()
    {
        using var db = EmbeddedDatabase.OpenInMemory();
        using (var setup = db.Connect())
        {
            // The NULL in row 8 fails the third batch of 4 rows, after the output table was replaced and written to.
            setup.Execute("""
                CREATE TABLE t AS SELECT r::FLOAT AS age, 1::FLOAT AS sex, CASE WHEN r = 8 THEN NULL ELSE 0.1 END::FLOAT AS bmi, 0::FLOAT AS bp,
                  0::FLOAT AS s1, 0::FLOAT AS s2, 0::FLOAT AS s3, 0::FLOAT AS s4, 0::FLOAT AS s5, 0::FLOAT AS s6 FROM range(10) x(r)
                """);
            setup.Execute("CREATE TABLE out AS SELECT 'previous run' AS note");
        }

        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("linear_percol.onnx")), new SessionSettings { Provider = ExecutionProviderKind.Cpu });
        var error = Assert.Throws<EngineException>(() => TableScoringJob.Run(db, new TableScoringRequest("t", session, "out", BatchRows: 4, Workers: 1), _ => { }));
        Assert.Equal(ErrorNumbers.ModelInputNull, error.Number);

        using var check = db.Connect();
        using var reader = check.ExecuteReader("SELECT note FROM out");
        using var batch = reader.ReadBatch()!;
        Assert.Equal("previous run", batch[0].GetString(0));
    }
}
