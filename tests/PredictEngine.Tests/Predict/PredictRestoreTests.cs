using PredictEngine.ModelRegistry;
using PredictEngine.SqlFrontend.Predict;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Tests.Scoring;
using Xunit;

namespace PredictEngine.Tests.Predict;

/// <summary>A view over PREDICT survives a restart: the function is re-registered from ml.predict_functions.</summary>
public sealed class PredictRestoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "predict-restore-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ViewsOverPredictWorkInANewDatabaseInstanceAfterRestore(bool registered)
    {
        Directory.CreateDirectory(_directory);
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var expected = GoldenCsv.Load("linear_percol.expected.csv").Doubles("score").Sum();
        var bytes = PredictFixture.Model("linear_percol");
        using (var database = EmbeddedDatabase.OpenDataDirectory(_directory))
        using (var cache = new ModelSessionCache(TestModels.Cpu))
        {
            var catalog = new ModelCatalog(database, cache);
            if (registered)
            {
                catalog.Register("lin", bytes, "sa");
            }

            using var connection = database.Connect();
            var columns = new PredictFixtureTables(connection).Load("t", inputs);
            var plan = new PredictPlanner(connection, cache, catalog).Plan(bytes, "SELECT * FROM t", columns, PredictFixture.With("score float"), "ONNX", 1);
            connection.Execute($"CREATE VIEW scored AS {plan.Sql}");
        }

        using (var database = EmbeddedDatabase.OpenDataDirectory(_directory))
        using (var cache = new ModelSessionCache(TestModels.Cpu))
        {
            var catalog = new ModelCatalog(database, cache);
            using var connection = database.Connect();
            Assert.Throws<EngineException>(() => connection.Execute("SELECT sum(score) FROM scored"));

            Assert.Equal(1, PredictFunctions.Restore(connection, cache, catalog));
            using var reader = connection.ExecuteReader("SELECT sum(score) FROM scored");
            using var batch = reader.ReadBatch()!;
            Golden.AssertClose(expected, batch[0].GetValues<double>()[0], "sum over the view");
            using var stored = connection.ExecuteReader("SELECT model IS NULL FROM ml.predict_functions");
            using var row = stored.ReadBatch()!;
            Assert.Equal(registered, row[0].GetValues<bool>()[0]);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
