using BenchmarkDotNet.Attributes;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;

namespace PredictEngine.Benchmarks.Scoring;

/// <summary>
/// What the scoring operator costs on top of ONNX Runtime. <see cref="BareRun"/> runs the session on a
/// tensor made once over a row-major float[N*30]: the floor, the model's own time. <see cref="Operator"/>
/// scores a batch of 30 <c>real</c> columns, so it adds what PREDICT really does per batch: fill the
/// [N,30] input from the columns, copy the output into a column and build the result batch.
/// The Ratio column is operator time / bare time; 1.00 would mean the operator adds nothing.
/// </summary>
[Config(typeof(Config))]
public class OperatorVsBareRunBenchmarks
{
    private ModelSession _session = null!;
    private ScoringOperator _operator = null!;
    private ColumnBatch _batch = null!;
    private OrtValue _tensor = null!;
    private OrtValue[] _inputs = [];

    [Params("linear30", "forest100")]
    public string Model { get; set; } = "linear30";

    [Params(1024, 16384, 65536, 262144, 1048576)]
    public int Rows { get; set; } = 1024;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new SessionSettings { Provider = ExecutionProviderKind.Cpu };
        _session = ModelSession.Load(File.ReadAllBytes(RepositoryPaths.Model($"bench_{Model}.onnx")), settings);
        var columns = FeatureData.Generate(Rows);
        _batch = FeatureData.ToBatch(columns);
        _tensor = OrtValue.CreateTensor(FeatureData.ToRowMajor(columns).AsMemory(), [Rows, FeatureData.Features]);
        _inputs = [_tensor];
        var binding = new ScoringBinding([InputBinding.Matrix("input", FeatureData.ColumnNames)]);
        _operator = new ScoringOperator(_session, binding, _batch.Schema);
        CheckSameScores();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tensor.Dispose();
        _batch.Dispose();
        _session.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void BareRun()
    {
        foreach (var output in _session.Run(_inputs))
        {
            output.Dispose();
        }
    }

    [Benchmark]
    public void Operator()
    {
        _operator.Score(_batch).Dispose();
    }

    /// <summary>Both paths must score the same inputs: the operator's column equals the bare output bit for bit.</summary>
    private void CheckSameScores()
    {
        var outputs = _session.Run(_inputs);
        using var scored = _operator.Score(_batch);
        try
        {
            var bare = outputs[0].GetTensorData<float>();
            var column = scored[scored.ColumnCount - 1].GetValues<float>();
            if (!bare.SequenceEqual(column))
            {
                throw new InvalidOperationException($"The operator and the bare run disagree on {Model} with {Rows} rows.");
            }
        }
        finally
        {
            foreach (var output in outputs)
            {
                output.Dispose();
            }
        }
    }

    public sealed class Config : ShortRunConfig
    {
        public Config()
        {
            AddColumn(new ThroughputColumn("Mrows/s", "Millions of rows scored per second (Rows / Mean)", c => ThroughputColumn.Parameter(c, nameof(Rows))));
        }
    }
}
