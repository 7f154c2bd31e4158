using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>
/// Planning and scoring errors: each carries the SQL Server message number, names the column or input
/// at fault and shows the model's signature; the session keeps scoring afterwards. Then the NULL policies.
/// </summary>
public class ScoringErrorTests
{
    private static readonly GoldenCsv LinearInputs = GoldenCsv.Load("linear_percol.inputs.csv");
    private static readonly GoldenCsv LinearExpected = GoldenCsv.Load("linear_percol.expected.csv");

    [Fact]
    public void MissingColumnIs207AndListsDataColumnsAndSignature()
    {
        using var session = TestModels.Load("linear_percol");
        using var batch = WithoutColumn(TestBatches.Reals(LinearInputs), "bmi");

        var error = Assert.Throws<EngineException>(() => new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema));

        Assert.Equal(ErrorNumbers.InvalidColumnName, error.Number);
        Assert.Contains("Invalid column name 'bmi'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DATA has: age real, sex real, bp real, s1 real", error.Message, StringComparison.Ordinal);
        Assert.Contains("Model signature: inputs: age tensor(float)[N,1], sex tensor(float)[N,1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("outputs: score tensor(float)[N,1]", error.Message, StringComparison.Ordinal);
        AssertLinearStillScores(session);
    }

    [Fact]
    public void UnknownUnboundAndDoublyBoundInputsAreRefused()
    {
        using var session = TestModels.Load("linear_percol");
        using var batch = TestBatches.Reals(LinearInputs);
        var byName = ScoringBinding.ByName(session.Signature).Inputs;

        var unknown = Refuse(session, batch, new ScoringBinding([.. byName, InputBinding.Column("glucose", "age")]));
        Assert.Contains("The model has no input named 'glucose'.", unknown.Message, StringComparison.Ordinal);

        var unbound = Refuse(session, batch, new ScoringBinding([.. byName.Where(b => b.Input != "s6")]));
        Assert.Contains("Model input 's6' (tensor(float)[N,1]) is not fed by any column. DATA has: age real", unbound.Message, StringComparison.Ordinal);

        var twice = Refuse(session, batch, new ScoringBinding([.. byName, InputBinding.Column("S6", "s5")]));
        Assert.Contains("Model input 's6' is bound 2 times", twice.Message, StringComparison.Ordinal);
        AssertLinearStillScores(session);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void WrongColumnCountForMatrixInputIsRefused(int width)
    {
        var inputs = GoldenCsv.Load("tree_regressor.inputs.csv");
        using var session = TestModels.Load("tree_regressor");
        using var batch = TestBatches.Reals(inputs);
        var columns = inputs.Columns.Concat(["input_0"]).Take(width).ToArray();

        var error = Refuse(session, batch, new ScoringBinding([InputBinding.Matrix("input", columns)]));

        Assert.Contains($"Model input 'input' is tensor(float)[N,10] and takes 10 column(s), but {width} were bound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOutputIsRefused()
    {
        using var session = TestModels.Load("linear_percol");
        using var batch = TestBatches.Reals(LinearInputs);

        var error = Refuse(session, batch, ScoringBinding.ByName(session.Signature, ["score", "confidence"]));

        Assert.Contains("The model has no output named 'confidence'.", error.Message, StringComparison.Ordinal);
        AssertLinearStillScores(session);
    }

    [Fact]
    public void NullsAreRefusedByDefaultWithColumnAndCount()
    {
        using var session = TestModels.Load("linear_percol");
        using var batch = TestBatches.Reals(LinearInputs);
        batch["bmi"].SetNull(3);
        batch["bmi"].SetNull(41);
        var scoring = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema);

        var error = Assert.Throws<EngineException>(() => scoring.Score(batch));

        Assert.Equal(ErrorNumbers.ModelInputNull, error.Number);
        Assert.Contains("Column 'bmi' has 2 NULL value(s) in this batch of 50 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("model input 'bmi' (tensor(float)[N,1]) cannot take NULL", error.Message, StringComparison.Ordinal);

        // The same operator goes on scoring batches without NULLs.
        using var clean = TestBatches.Reals(LinearInputs);
        using var scored = scoring.Score(clean);
        Golden.AssertMatches(LinearExpected, scored);
    }

    [Fact]
    public void NullsOfAMatrixInputNameTheirColumn()
    {
        var inputs = GoldenCsv.Load("tree_regressor.inputs.csv");
        using var session = TestModels.Load("tree_regressor");
        using var batch = TestBatches.Reals(inputs);
        batch["input_7"].SetNull(0);
        var scoring = new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix("input", inputs.Columns)]), batch.Schema);

        var error = Assert.Throws<EngineException>(() => scoring.Score(batch));

        Assert.Equal(ErrorNumbers.ModelInputNull, error.Number);
        Assert.Contains("Column 'input_7' has 1 NULL value(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaNPolicyFeedsNaNForNulls()
    {
        using var session = TestModels.Load("linear_percol");
        using var batch = TestBatches.Reals(LinearInputs);
        batch["bmi"].SetNull(3);
        batch["s6"].SetNull(49);
        var binding = WithPolicy(ScoringBinding.ByName(session.Signature), NullHandling.NaN, 0, "bmi", "s6");

        using var scored = new ScoringOperator(session, binding, batch.Schema).Score(batch);

        var score = scored["score"].GetValues<float>();
        var expected = LinearExpected.Doubles("score");
        for (var r = 0; r < scored.RowCount; r++)
        {
            if (r is 3 or 49)
            {
                Assert.True(float.IsNaN(score[r]), $"row {r}: expected NaN, got {score[r]}");
            }
            else
            {
                Golden.AssertClose(expected[r], score[r], $"score row {r}");
            }
        }
    }

    [Fact]
    public void DefaultPolicyScoresNullsAsTheDefaultValue()
    {
        using var session = TestModels.Load("linear_percol");
        using var withNulls = TestBatches.Reals(LinearInputs);
        using var withValue = TestBatches.Reals(LinearInputs);
        foreach (var row in new[] { 0, 17, 30 })
        {
            withNulls["bmi"].SetNull(row);
            withValue["bmi"].GetWritableValues<float>()[row] = 0.05f;
        }

        var binding = WithPolicy(ScoringBinding.ByName(session.Signature), NullHandling.Default, 0.05, "bmi");
        using var substituted = new ScoringOperator(session, binding, withNulls.Schema).Score(withNulls);
        using var reference = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), withValue.Schema).Score(withValue);

        Assert.Equal(reference["score"].GetValues<float>().ToArray(), substituted["score"].GetValues<float>().ToArray());
        var golden = LinearExpected.Doubles("score");
        Assert.True(Math.Abs(golden[17] - substituted["score"].GetValues<float>()[17]) > 1, "The substituted row must differ from the original.");
        Golden.AssertClose(golden[18], substituted["score"].GetValues<float>()[18], "score row 18");
    }

    [Fact]
    public void DefaultPolicyOnIntegerAndMatrixInputs()
    {
        using var session = TestModels.Load("types_identity");
        using var batch = InputTypeTests.IdentityBatch("i32", TestBatches.Vector<int>(SqlType.Int, [5, 6, 7, 8, 9], 1, 4));
        var binding = WithPolicy(ScoringBinding.ByName(session.Signature), NullHandling.Default, -3, "i32");

        using var scored = new ScoringOperator(session, binding, batch.Schema).Score(batch);

        Assert.Equal([5, -3, 7, 8, -3], scored["i32_out"].GetValues<int>().ToArray());

        using var matrix = TestModels.Load("matrix_out");
        using var x = TestBatches.Batch(
            ("a", TestBatches.Vector<float>(SqlType.Real, [1, 2, 3], 1)),
            ("b", TestBatches.Vector<short>(SqlType.SmallInt, [10, 20, 30], 0, 2)));
        var matrixBinding = new ScoringBinding([new InputBinding("x", ["a", "b", "a"], NullHandling.Default, 100)]);
        using var y = new ScoringOperator(matrix, matrixBinding, x.Schema).Score(x);
        Assert.Equal([1 + 100 + 1, 100 + 20 + 100, 3 + 100 + 3], y["rowsum"].GetValues<float>().ToArray());
    }

    [Fact]
    public void NaNPolicyOnAnIntegerInputIsRefusedAtPlanning()
    {
        using var session = TestModels.Load("types_identity");
        using var batch = InputTypeTests.IdentityBatch();

        var error = Refuse(session, batch, WithPolicy(ScoringBinding.ByName(session.Signature), NullHandling.NaN, 0, "i64"));

        Assert.Contains("Model input 'i64' is tensor(int64)[N]; NaN can stand for NULL only in float and double inputs", error.Message, StringComparison.Ordinal);
        InputTypeTests.AssertStillScores(session);
    }

    [Fact]
    public void BatchOfAnotherSchemaIsAnInternalError()
    {
        using var session = TestModels.Load("linear_percol");
        using var planned = TestBatches.Reals(LinearInputs);
        using var other = TestBatches.Reals(GoldenCsv.Load("tree_regressor.inputs.csv"));
        var scoring = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), planned.Schema);

        var error = Assert.Throws<EngineException>(() => scoring.Score(other));

        Assert.Equal(ErrorNumbers.InternalError, error.Number);
    }

    private static EngineException Refuse(ModelSession session, ColumnBatch batch, ScoringBinding binding)
    {
        var error = Assert.Throws<EngineException>(() => new ScoringOperator(session, binding, batch.Schema));
        Assert.Equal(ErrorNumbers.ModelInputMismatch, error.Number);
        Assert.Contains("Model signature: inputs: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    private static ScoringBinding WithPolicy(ScoringBinding binding, NullHandling nulls, double value, params string[] inputs) =>
        binding with { Inputs = [.. binding.Inputs.Select(b => inputs.Contains(b.Input) ? b with { Nulls = nulls, DefaultValue = value } : b)] };

    private static ColumnBatch WithoutColumn(ColumnBatch batch, string name)
    {
        using (batch)
        {
            var keep = Enumerable.Range(0, batch.ColumnCount).Where(i => batch.Schema[i].Name != name).ToArray();
            return new ColumnBatch(new BatchSchema([.. keep.Select(i => batch.Schema[i])]), [.. keep.Select(i => batch[i].Retain())], batch.RowCount);
        }
    }

    private static void AssertLinearStillScores(ModelSession session)
    {
        using var batch = TestBatches.Reals(LinearInputs);
        using var scored = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema).Score(batch);
        Golden.AssertMatches(LinearExpected, scored);
    }
}
