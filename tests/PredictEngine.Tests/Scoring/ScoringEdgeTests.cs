using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>Edges: empty batches and empty strings, session lifetime, execution providers.</summary>
public class ScoringEdgeTests
{
    [Fact]
    public void EmptyBatchKeepsEveryOutputColumnOfEveryType()
    {
        using var session = TestModels.Load("types_identity");
        using var full = InputTypeTests.IdentityBatch();
        var scoring = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), full.Schema);
        using var empty = TestBatches.Batch([.. full.Schema.Fields.Select(f => (f.Name, f.Type.IsString
            ? TestBatches.Strings([])
            : PredictEngine.Storage.Batches.ColumnVector.Allocate(f.Type, 0)))]);

        using var scored = scoring.Score(empty);

        Assert.Equal(0, scored.RowCount);
        Assert.Equal(["f32_out", "f64_out", "i64_out", "i32_out", "i8_out", "u8_out", "b_out", "s_out"], TestBatches.Names(scored, 8));
    }

    /// <summary>A ZipMap output has one column per class even when no row came in to show the map's keys.</summary>
    [Fact]
    public void EmptyBatchKeepsZipMapColumns()
    {
        var inputs = GoldenCsv.Load("zipmap_classifier.inputs.csv");
        using var session = TestModels.Load("zipmap_classifier");
        using var empty = TestBatches.Reals(inputs, 0);
        var scoring = new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix("input", inputs.Columns)]), empty.Schema);

        using var scored = scoring.Score(empty);

        Assert.Equal(0, scored.RowCount);
        Assert.Equal(["label", "output_probability_setosa", "output_probability_versicolor", "output_probability_virginica"], TestBatches.Names(scored, 4));
        Assert.Equal(SqlType.Real, scored["output_probability_setosa"].Type);
        Assert.Equal(0, scored["output_probability_virginica"].Length);
    }

    [Fact]
    public void EmptyAndMultiByteStringsRoundTrip()
    {
        using var session = TestModels.Load("types_identity");
        string[] values = [string.Empty, string.Empty, "é", string.Empty, "🙂x"];
        using var batch = InputTypeTests.IdentityBatch("s", TestBatches.Strings(values));

        using var scored = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), batch.Schema).Score(batch);

        Assert.Equal(values, Enumerable.Range(0, scored.RowCount).Select(scored["s_out"].GetString));

        using var allEmpty = InputTypeTests.IdentityBatch("s", TestBatches.Strings([.. Enumerable.Repeat(string.Empty, 5)]));
        using var scoredEmpty = new ScoringOperator(session, ScoringBinding.ByName(session.Signature), allEmpty.Schema).Score(allEmpty);
        Assert.All(Enumerable.Range(0, 5), r => Assert.Equal(string.Empty, scoredEmpty["s_out"].GetString(r)));
    }

    [Fact]
    public void NullStringsUnderTheDefaultPolicyBecomeEmpty()
    {
        using var session = TestModels.Load("types_identity");
        using var batch = InputTypeTests.IdentityBatch("s", TestBatches.Strings(["a", null, "c", null, "e"]));
        var binding = ScoringBinding.ByName(session.Signature);
        binding = binding with { Inputs = [.. binding.Inputs.Select(b => b.Input == "s" ? b with { Nulls = NullHandling.Default } : b)] };

        using var scored = new ScoringOperator(session, binding, batch.Schema).Score(batch);

        Assert.Equal(["a", string.Empty, "c", string.Empty, "e"], Enumerable.Range(0, 5).Select(scored["s_out"].GetString));
        Assert.Equal(SqlType.NVarChar(SqlType.MaxLength), scored["s_out"].Type);
    }

    [Fact]
    public void DisposingASessionTwiceIsHarmless()
    {
        var session = TestModels.Load("matrix_out");
        Assert.Equal("x", session.Signature.Inputs[0].Name);

        session.Dispose();
        session.Dispose();

        // The process (and its native heap) survived; a new session still works.
        using var again = TestModels.Load("matrix_out");
        using var x = OrtValue.CreateTensor<float>(new float[] { 1, 2, 3 }, [1, 3]);
        var outputs = again.Run([x]);
        try
        {
            Assert.Equal([2f, 4f, 6f], outputs[0].GetTensorData<float>().ToArray());
            Assert.Equal([6f], outputs[1].GetTensorData<float>().ToArray());
        }
        finally
        {
            foreach (var output in outputs)
            {
                output.Dispose();
            }
        }
    }

    [Fact]
    public void ProbeListsCpuAsUsable()
    {
        var providers = ExecutionProviders.Probe();

        var cpu = Assert.Single(providers, p => p.Provider == ExecutionProviders.Cpu);
        Assert.True(cpu.Usable);
        Assert.Contains(providers, p => p.Provider == ExecutionProviders.Cuda);
        Assert.All(providers.Where(p => !p.Usable), p => Assert.False(string.IsNullOrWhiteSpace(p.Detail)));
    }
}
