using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Registry;

public sealed class ModelCatalogTests : IDisposable
{
    private static readonly byte[] Classifier = File.ReadAllBytes(TestPaths.Model("tree_classifier.onnx"));
    private static readonly byte[] Linear = File.ReadAllBytes(TestPaths.Model("linear_percol.onnx"));
    private static readonly string Columns30 = "[" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"\"input_{i}\"")) + "]";

    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly ModelSessionCache _cache = new(new SessionSettings { Provider = ExecutionProviderKind.Cpu });
    private readonly ModelCatalog _catalog;

    public ModelCatalogTests()
    {
        _catalog = new ModelCatalog(_database, _cache);
    }

    [Fact]
    public void RegistersVersionsAndDescribesTheNewest()
    {
        var first = _catalog.Register("bc", Classifier, "sa", "first", $$"""{"input": {{Columns30}}}""", """{"input": "nan"}""");
        var second = _catalog.Register("BC", Classifier, "sa", "second");
        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.NotEqual(first.ModelId, second.ModelId);
        Assert.Equal(64, first.Sha256.Length);

        var newest = _catalog.Describe("bc");
        Assert.Equal(2, newest.Model.Version);
        Assert.Equal("second", newest.Description);
        Assert.Empty(newest.Settings.InputMap);

        var v1 = _catalog.Describe("bc", 1);
        Assert.Equal(30, v1.Settings.InputMap["input"].Count);
        Assert.Equal(NullHandling.NaN, v1.Settings.NullPolicies["input"].Handling);
        Assert.Equal("label tensor(int64)[N]", v1.Signature.Outputs[0].ToString());
    }

    [Fact]
    public void TheTableIsPlainSql()
    {
        _catalog.Register("lin", Linear, "sa", "diabetes");
        using var connection = _database.Connect();
        using var reader = connection.ExecuteReader("SELECT name, version, octet_length(model), inputs, created_by FROM ml.models");
        using var row = reader.ReadBatch()!;
        Assert.Equal("lin", row[0].GetString(0));
        Assert.Equal(Linear.Length, row[2].GetValues<long>()[0]);
        Assert.Contains("\"sql_type\":\"real\"", row[3].GetString(0), StringComparison.Ordinal);
        Assert.Equal("sa", row[4].GetString(0));
    }

    [Fact]
    public void SettingsFollowTheBytes()
    {
        _catalog.Register("bc", Classifier, "sa", inputMapJson: $$"""{"input": {{Columns30}}}""", nullPolicyJson: """{"input": 0}""");
        using var session = ModelSession.Load(Classifier);
        var settings = _catalog.SettingsFor(Classifier, session.Signature);
        Assert.Equal(NullHandling.Default, settings.NullPolicies["input"].Handling);
        Assert.Equal("input_29", settings.InputMap["input"][29]);
        Assert.Same(ModelSettings.None, _catalog.SettingsFor(Linear, session.Signature));
    }

    [Fact]
    public void DropsVersionsAndReportsMissingModels()
    {
        _catalog.Register("lin", Linear, "sa");
        _catalog.Register("lin", Linear, "sa");
        Assert.Equal(1, _catalog.Drop("lin", 1));
        Assert.Equal(2, _catalog.Describe("lin").Model.Version);
        Assert.Equal(1, _catalog.Drop("lin"));
        var error = Assert.Throws<EngineException>(() => _catalog.Describe("lin"));
        Assert.Equal(ErrorNumbers.ModelNotFound, error.Number);
        Assert.Contains("Cannot find the model 'lin'", error.Message, StringComparison.Ordinal);
        Assert.Throws<EngineException>(() => _catalog.Drop("lin"));
    }

    [Theory]
    [InlineData("not_onnx.bin", null, null, ErrorNumbers.InvalidModel, "not a valid ONNX model")]
    [InlineData("tree_classifier.onnx", """{"inputs": ["a"]}""", null, ErrorNumbers.InvalidModelSettings, "no input named 'inputs'")]
    [InlineData("tree_classifier.onnx", """{"input": ["a", "b"]}""", null, ErrorNumbers.InvalidModelSettings, "takes 30 column(s), but the map lists 2")]
    [InlineData("tree_classifier.onnx", """["a"]""", null, ErrorNumbers.InvalidModelSettings, "must be a JSON object")]
    [InlineData("tree_classifier.onnx", "{oops", null, ErrorNumbers.InvalidModelSettings, "is not valid JSON")]
    [InlineData("tree_classifier.onnx", null, """{"input": "zero"}""", ErrorNumbers.InvalidModelSettings, "must be \"nan\", \"error\" or a number")]
    public void RefusesBadRegistrations(string file, string? inputMap, string? nullPolicy, int number, string message)
    {
        var error = Assert.Throws<EngineException>(() => _catalog.Register("bad", File.ReadAllBytes(TestPaths.Model(file)), "sa", null, inputMap, nullPolicy));
        Assert.Equal(number, error.Number);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        using var connection = _database.Connect();
        using var reader = connection.ExecuteReader("SELECT count(*) FROM ml.models");
        using var row = reader.ReadBatch()!;
        Assert.Equal(0, row[0].GetValues<long>()[0]);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _database.Dispose();
    }
}
