using System.Globalization;
using System.Text.Json;
using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.SqlFrontend.Predict;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Tests.Scoring;
using Xunit;

namespace PredictEngine.Tests.Frontend;

/// <summary>PREDICT's binding rules: DATA columns to inputs, WITH columns to outputs, and the projection of scored batches.</summary>
public class PredictBinderTests
{
    private static WithColumn[] With(params string[] columns) =>
        [.. columns.Select(c => c.Split(' ', 2)).Select(p => new WithColumn(p[0], SqlTypeName.Parse(p[1])))];

    private static ModelSettings Map(ModelSignature signature, IReadOnlyList<string> columns) =>
        ModelSettings.Parse(JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { ["input"] = columns }), null, signature);

    private static ColumnBatch Score(ModelSession session, ColumnBatch data, PredictBinding plan)
    {
        using var scored = new ScoringOperator(session, plan.Binding, data.Schema).Score(data);
        return PredictProjection.Apply(scored, data.ColumnCount, plan);
    }

    [Fact]
    public void PerColumnInputsBindByNameLikeMicrosoft()
    {
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var expected = GoldenCsv.Load("linear_percol.expected.csv").Doubles("score");
        using var session = TestModels.Load("linear_percol");
        using var data = TestBatches.Reals(inputs);
        var plan = PredictBinder.Bind(session.Signature, data.Schema, With("SCORE float"), ModelSettings.None);
        using var result = Score(session, data, plan);

        Assert.Equal([.. inputs.Columns, "SCORE"], TestBatches.Names(result));
        Assert.Equal("float", result["SCORE"].Type.ToString());
        for (var r = 0; r < expected.Length; r++)
        {
            Golden.AssertClose(expected[r], result["SCORE"].GetValues<double>()[r], $"row {r}");
        }
    }

    [Fact]
    public void InputMapsFeedMatrixInputsAndMultiValuedOutputsBecomeJson()
    {
        var inputs = GoldenCsv.Load("tree_classifier.inputs.csv");
        var expected = GoldenCsv.Load("tree_classifier.expected.csv");
        using var session = TestModels.Load("tree_classifier");
        using var data = TestBatches.Reals(inputs);
        var plan = PredictBinder.Bind(session.Signature, data.Schema,
            With("label bigint", "probabilities_1 real", "probabilities nvarchar(max)"), Map(session.Signature, inputs.Columns));
        using var result = Score(session, data, plan);

        Assert.Equal(["label", "probabilities_1", "probabilities"], TestBatches.Names(result, 30));
        for (var r = 0; r < inputs.RowCount; r++)
        {
            Assert.Equal(long.Parse(expected.Column("label")[r], CultureInfo.InvariantCulture), result["label"].GetValues<long>()[r]);
            var json = JsonSerializer.Deserialize<double[]>(result["probabilities"].GetString(r))!;
            Golden.AssertClose(expected.Doubles("probabilities_0")[r], json[0], $"row {r} p0");
            Golden.AssertClose(expected.Doubles("probabilities_1")[r], json[1], $"row {r} p1");
        }
    }

    [Fact]
    public void ZipMapKeysNameColumnsAndJsonObjects()
    {
        var inputs = GoldenCsv.Load("zipmap_classifier.inputs.csv");
        var expected = GoldenCsv.Load("zipmap_classifier.expected.csv");
        using var session = TestModels.Load("zipmap_classifier");
        using var data = TestBatches.Reals(inputs);
        var plan = PredictBinder.Bind(session.Signature, data.Schema,
            With("label nvarchar(20)", "output_probability_virginica float", "output_probability nvarchar(max)"), Map(session.Signature, inputs.Columns));
        using var result = Score(session, data, plan);

        for (var r = 0; r < inputs.RowCount; r++)
        {
            Assert.Equal(expected.Column("label")[r], result["label"].GetString(r));
            Golden.AssertClose(expected.Doubles("output_probability_virginica")[r], result["output_probability_virginica"].GetValues<double>()[r], $"row {r}");
            var json = JsonSerializer.Deserialize<Dictionary<string, double>>(result["output_probability"].GetString(r))!;
            Golden.AssertClose(expected.Doubles("output_probability_setosa")[r], json["setosa"], $"row {r} setosa");
        }
    }

    [Theory]
    [InlineData("tree_classifier", null, "label bigint", ErrorNumbers.ModelInputMismatch, "@input_map")]
    [InlineData("linear_percol", "drop:bmi", "score real", ErrorNumbers.InvalidColumnName, "Invalid column name 'bmi'")]
    [InlineData("linear_percol", null, "prediction real", ErrorNumbers.ModelInputMismatch, "matches no model output")]
    [InlineData("linear_percol", null, "score int", ErrorNumbers.ModelInputMismatch, "Declare the column as real")]
    [InlineData("tree_classifier", "map", "probabilities real", ErrorNumbers.ModelInputMismatch, "nvarchar(max) to receive them as JSON")]
    [InlineData("tree_classifier", "map", "probabilities_2 real", ErrorNumbers.ModelInputMismatch, "points past output 'probabilities'")]
    [InlineData("tree_classifier", "map", "label int", ErrorNumbers.ModelInputMismatch, "would lose information")]
    public void RefusalsShowTheSignature(string model, string? setup, string with, int number, string message)
    {
        var inputs = GoldenCsv.Load(model + ".inputs.csv");
        using var session = TestModels.Load(model);
        var columns = inputs.Columns.Where(c => setup != "drop:bmi" || c != "bmi").ToArray();
        var schema = new BatchSchema([.. columns.Select(c => new ColumnField(c, PredictEngine.Storage.Types.SqlType.Real))]);
        var settings = setup == "map" ? Map(session.Signature, inputs.Columns) : ModelSettings.None;

        var error = Assert.Throws<EngineException>(() => PredictBinder.Bind(session.Signature, schema, With(with), settings));
        Assert.Equal(number, error.Number);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("Model signature: inputs:", error.Message, StringComparison.Ordinal);
    }
}
