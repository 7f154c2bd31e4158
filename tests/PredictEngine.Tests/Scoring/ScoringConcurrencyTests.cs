using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>Pass-through columns, one operator on many threads, ordered parallel scoring, and cancellation.</summary>
public class ScoringConcurrencyTests
{
    private static readonly GoldenCsv ForestInputs = GoldenCsv.Load("bench_forest100.inputs.csv");
    private static readonly GoldenCsv ForestExpected = GoldenCsv.Load("bench_forest100.expected.csv");

    [Fact]
    public void InputColumnsPassThroughAndOutliveTheInputBatch()
    {
        var inputs = GoldenCsv.Load("tree_regressor.inputs.csv");
        var expected = GoldenCsv.Load("tree_regressor.expected.csv");
        using var session = TestModels.Load("tree_regressor");
        var batch = TestBatches.Reals(inputs);
        var input = Enumerable.Range(0, batch.ColumnCount).Select(i => batch[i]).ToArray();
        using var scored = new ScoringOperator(session, ForestBinding(inputs), batch.Schema).Score(batch);

        Assert.Equal(batch.ColumnCount + 1, scored.ColumnCount);
        for (var i = 0; i < input.Length; i++)
        {
            Assert.Same(input[i], scored[i]);
        }

        batch.Dispose();

        Assert.Equal(inputs.Floats("input_0"), scored["input_0"].GetValues<float>().ToArray());
        Assert.Equal(inputs.Floats("input_9"), scored["input_9"].GetValues<float>().ToArray());
        Golden.AssertMatches(expected, scored);
    }

    [Fact]
    public void OneOperatorScoresBatchesConcurrently()
    {
        using var session = TestModels.Load("bench_forest100");
        var batches = Enumerable.Range(0, 8).Select(i => TestBatches.Reals(ForestInputs, 3000 + (i * 111), i * 7)).ToArray();
        try
        {
            var scoring = new ScoringOperator(session, ForestBinding(ForestInputs), batches[0].Schema);
            var sequential = batches.Select(b => Predictions(scoring, b)).ToArray();
            var concurrent = new float[batches.Length][];

            Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = Predictions(scoring, batches[i]));

            for (var i = 0; i < batches.Length; i++)
            {
                Assert.Equal(sequential[i], concurrent[i]);
                Assert.Equal(3000 + (i * 111), concurrent[i].Length);
                var golden = ForestExpected.Doubles("variable");
                for (var r = 0; r < concurrent[i].Length; r += 97)
                {
                    Golden.AssertClose(golden[((i * 7) + r) % golden.Length], concurrent[i][r], $"batch {i} row {r}");
                }
            }
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }

    [Fact]
    public void ScoreAllYieldsInInputOrderAndFreesEveryInput()
    {
        using var session = TestModels.Load("bench_forest100");
        var inputs = new List<ColumnVector>();
        var scoring = new ScoringOperator(session, ForestBinding(ForestInputs), ForestSchema());

        var results = 0;
        foreach (var scored in scoring.ScoreAll(Source(10, i => (i + 1) * 37, inputs), workers: 3))
        {
            using (scored)
            {
                // Row counts differ per batch, so a result out of order would show here.
                Assert.Equal((results + 1) * 37, scored.RowCount);
                Golden.AssertMatches(ForestExpected, scored, results * 5);
                results++;
            }
        }

        Assert.Equal(10, results);
        AssertAllFreed(inputs);
    }

    [Fact]
    public void CancelledBeforeScoringFailsWith3617()
    {
        using var session = TestModels.Load("bench_forest100");
        using var batch = TestBatches.Reals(ForestInputs);
        var scoring = new ScoringOperator(session, ForestBinding(ForestInputs), batch.Schema);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var error = Assert.Throws<EngineException>(() => scoring.Score(batch, cancelled.Token));

        Assert.Equal(ErrorNumbers.Cancelled, error.Number);
        using var scored = scoring.Score(batch);
        Golden.AssertMatches(ForestExpected, scored);
    }

    /// <summary>Cancelled while the single TreeEnsemble node runs: ONNX Runtime does not stop inside a node, so Score reports the cancellation after it.</summary>
    [Fact]
    public void CancellingALargeBatchFailsWith3617()
    {
        using var session = TestModels.Load("bench_forest100");
        using var batch = TestBatches.Reals(ForestInputs, 2_000_000);
        var scoring = new ScoringOperator(session, ForestBinding(ForestInputs), batch.Schema);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // A machine fast enough to score 2M rows in 300 ms finishes first; then the cancellation must
        // not have been requested before the result came back (else it was ignored).
        try
        {
            using var scored = scoring.Score(batch, cancel.Token);
            Assert.False(cancel.IsCancellationRequested, "Score returned a result although the statement had been cancelled.");
        }
        catch (EngineException error)
        {
            Assert.Equal(ErrorNumbers.Cancelled, error.Number);
            Assert.Contains("cancelled", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CancellingScoreAllFailsWith3617AndFreesEveryInput()
    {
        using var session = TestModels.Load("bench_forest100");
        var inputs = new List<ColumnVector>();
        var scoring = new ScoringOperator(session, ForestBinding(ForestInputs), ForestSchema());
        using var cancel = new CancellationTokenSource();
        var results = 0;

        var error = Assert.Throws<EngineException>(() =>
        {
            foreach (var scored in scoring.ScoreAll(Source(12, _ => 100_000, inputs), workers: 3, cancel.Token))
            {
                scored.Dispose();
                results++;
                cancel.Cancel();
            }
        });

        Assert.Equal(ErrorNumbers.Cancelled, error.Number);
        Assert.Equal(1, results);
        Assert.True(inputs.Count < 12, "Cancellation must stop reading the source.");
        AssertAllFreed(inputs);
    }

    [Fact]
    public void ScoreAllWithACancelledTokenFailsWith3617AndFreesTheInput()
    {
        using var session = TestModels.Load("bench_forest100");
        var inputs = new List<ColumnVector>();
        var scoring = new ScoringOperator(session, ForestBinding(ForestInputs), ForestSchema());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var error = Assert.Throws<EngineException>(() => scoring.ScoreAll(Source(3, _ => 50, inputs), workers: 2, cancelled.Token).ToList());

        Assert.Equal(ErrorNumbers.Cancelled, error.Number);
        AssertAllFreed(inputs);
    }

    private static ScoringBinding ForestBinding(GoldenCsv inputs) => new([InputBinding.Matrix("input", inputs.Columns)]);

    private static BatchSchema ForestSchema()
    {
        using var empty = TestBatches.Reals(ForestInputs, 0);
        return empty.Schema;
    }

    private static float[] Predictions(ScoringOperator scoring, ColumnBatch batch)
    {
        using var scored = scoring.Score(batch);
        return scored["variable"].GetValues<float>().ToArray();
    }

    /// <summary>Batch i has <paramref name="rows"/>(i) rows starting at golden row 5i; the first column of each is kept to check it is freed.</summary>
    private static IEnumerable<ColumnBatch> Source(int count, Func<int, int> rows, List<ColumnVector> handedOut)
    {
        for (var i = 0; i < count; i++)
        {
            var batch = TestBatches.Reals(ForestInputs, rows(i), i * 5);
            handedOut.Add(batch[0]);
            yield return batch;
        }
    }

    /// <summary>A vector whose last reference is gone refuses a new one.</summary>
    private static void AssertAllFreed(List<ColumnVector> vectors)
    {
        Assert.NotEmpty(vectors);
        Assert.All(vectors, v => Assert.Throws<ObjectDisposedException>(() => v.Retain()));
    }
}
