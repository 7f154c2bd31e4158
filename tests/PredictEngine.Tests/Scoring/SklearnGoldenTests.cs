using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>
/// The scoring operator against scikit-learn's own predictions (tests/models/*.expected.csv): inputs
/// come in as <c>real</c> columns, outputs are compared column by column, by name, labels included.
/// </summary>
public class SklearnGoldenTests
{
    [Theory]
    [InlineData("linear_percol", null)] // ten [N,1] inputs, one column each, bound by name
    [InlineData("tree_regressor", "input")]
    [InlineData("tree_classifier", "input")]
    [InlineData("zipmap_classifier", "input")]
    [InlineData("mlp_regressor", "input")]
    [InlineData("matrix_out", "x")]
    [InlineData("bench_linear30", "input")]
    [InlineData("bench_forest100", "input")]
    public void ScoresLikeScikitLearn(string model, string? matrixInput, params string[] notCompared)
    {
        var inputs = GoldenCsv.Load(model + ".inputs.csv");
        var expected = GoldenCsv.Load(model + ".expected.csv");
        using var session = TestModels.Load(model);
        using var batch = TestBatches.Reals(inputs);
        var binding = matrixInput is null
            ? ScoringBinding.ByName(session.Signature)
            : new ScoringBinding([InputBinding.Matrix(matrixInput, inputs.Columns)]);
        var scoring = new ScoringOperator(session, binding, batch.Schema);

        using var scored = scoring.Score(batch);

        Assert.Equal(inputs.RowCount, scored.RowCount);
        Assert.Equal([.. inputs.Columns, .. expected.Columns], TestBatches.Names(scored));
        Golden.AssertMatches(expected, scored, 0, notCompared);
    }

    [Fact]
    public void ClassifierOutputsBecomeTypedColumns()
    {
        var inputs = GoldenCsv.Load("tree_classifier.inputs.csv");
        using var session = TestModels.Load("tree_classifier");
        using var batch = TestBatches.Reals(inputs);
        var scoring = new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix("input", inputs.Columns)]), batch.Schema);

        using var scored = scoring.Score(batch);

        Assert.Equal(SqlType.BigInt, scored["label"].Type);
        Assert.Equal(SqlType.Real, scored["probabilities_0"].Type);
        Assert.Equal(SqlType.Real, scored["probabilities_1"].Type);
        for (var r = 0; r < scored.RowCount; r++)
        {
            var p0 = scored["probabilities_0"].GetValues<float>()[r];
            var p1 = scored["probabilities_1"].GetValues<float>()[r];
            Golden.AssertClose(1.0, p0 + p1, $"row {r} probabilities sum");
        }
    }

    [Fact]
    public void ZipMapBecomesOneColumnPerClassInLabelOrder()
    {
        var inputs = GoldenCsv.Load("zipmap_classifier.inputs.csv");
        using var session = TestModels.Load("zipmap_classifier");
        using var batch = TestBatches.Reals(inputs);
        var scoring = new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix("input", inputs.Columns)]), batch.Schema);

        using var scored = scoring.Score(batch);

        Assert.Equal(["label", "output_probability_setosa", "output_probability_versicolor", "output_probability_virginica"], TestBatches.Names(scored, 4));
        Assert.Equal(SqlType.NVarChar(SqlType.MaxLength), scored["label"].Type);
        Assert.Equal(SqlType.Real, scored["output_probability_virginica"].Type);
        var labels = Enumerable.Range(0, scored.RowCount).Select(scored["label"].GetString).ToArray();
        Assert.Equal(["setosa", "versicolor", "virginica"], labels.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("y")]
    [InlineData("rowsum")]
    public void ComputesOnlyTheRequestedOutputs(string output)
    {
        var inputs = GoldenCsv.Load("matrix_out.inputs.csv");
        var expected = GoldenCsv.Load("matrix_out.expected.csv");
        using var session = TestModels.Load("matrix_out");
        using var batch = TestBatches.Reals(inputs);
        var scoring = new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix("x", inputs.Columns)], [output]), batch.Schema);

        using var scored = scoring.Score(batch);

        var names = TestBatches.Names(scored, inputs.Columns.Count);
        Assert.Equal(output == "y" ? ["y_0", "y_1", "y_2"] : ["rowsum"], names);
        var x = inputs.Columns.Select(inputs.Floats).ToArray();
        for (var r = 0; r < scored.RowCount; r++)
        {
            if (output == "y")
            {
                // 2 * x is exact in float32.
                Assert.Equal([2 * x[0][r], 2 * x[1][r], 2 * x[2][r]], names.Select(n => scored[n].GetValues<float>()[r]));
            }
            else
            {
                Golden.AssertClose(expected.Doubles("rowsum")[r], scored["rowsum"].GetValues<float>()[r], $"rowsum row {r}");
            }
        }
    }

    /// <summary>Batches larger than the operator's 1024-row fill block, starting mid-way through the golden rows.</summary>
    [Theory]
    [InlineData("bench_forest100", "input", 5000, 7)]
    [InlineData("tree_classifier", "input", 2049, 3)]
    [InlineData("linear_percol", null, 3001, 11)]
    public void ScoresBatchesLargerThanOneFillBlock(string model, string? matrixInput, int rows, int firstRow, params string[] notCompared)
    {
        var inputs = GoldenCsv.Load(model + ".inputs.csv");
        var expected = GoldenCsv.Load(model + ".expected.csv");
        using var session = TestModels.Load(model);
        using var batch = TestBatches.Reals(inputs, rows, firstRow);
        var binding = matrixInput is null
            ? ScoringBinding.ByName(session.Signature)
            : new ScoringBinding([InputBinding.Matrix(matrixInput, inputs.Columns)]);

        using var scored = new ScoringOperator(session, binding, batch.Schema).Score(batch);

        Assert.Equal(rows, scored.RowCount);
        Golden.AssertMatches(expected, scored, firstRow, notCompared);
    }

    [Fact]
    public void EmptyBatchGivesEmptyOutputColumns()
    {
        var inputs = GoldenCsv.Load("tree_classifier.inputs.csv");
        using var session = TestModels.Load("tree_classifier");
        using var batch = TestBatches.Reals(inputs, rows: 0);
        var scoring = new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix("input", inputs.Columns)]), batch.Schema);

        using var scored = scoring.Score(batch);

        Assert.Equal(0, scored.RowCount);
        Assert.Equal(["label", "probabilities_0", "probabilities_1"], TestBatches.Names(scored, 30));
    }
}
