using PredictEngine.Scoring;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Scoring;

public class ModelSessionTests
{
    private static readonly SessionSettings Cpu = new() { Provider = ExecutionProviderKind.Cpu };

    [Fact]
    public void ReportsRuntimeVersionAndCpuProvider()
    {
        Assert.StartsWith("1.", OnnxRuntime.Version, StringComparison.Ordinal);
        Assert.Contains(ExecutionProviders.Cpu, OnnxRuntime.CompiledProviders);
    }

    [Fact]
    public void ReadsTensorSignature()
    {
        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("tree_classifier.onnx")), Cpu);
        var input = Assert.Single(session.Signature.Inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal(OnnxElementType.Float, input.ElementType);
        Assert.Equal(new long[] { -1, 30 }, input.Dimensions);
        Assert.Equal(2, session.Signature.Outputs.Count);
        Assert.Equal("label", session.Signature.Outputs[0].Name);
        Assert.Equal(OnnxElementType.Int64, session.Signature.Outputs[0].ElementType);
        Assert.Equal("tensor(float)[N,2]", session.Signature.Outputs[1].TypeText);
        Assert.Equal(ExecutionProviders.Cpu, session.Provider.Provider);
        Assert.Equal(64, session.Sha256.Length);
    }

    [Fact]
    public void ReadsSequenceOfMapSignature()
    {
        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("zipmap_classifier.onnx")), Cpu);
        var zipmap = session.Signature.FindOutput("output_probability");
        Assert.NotNull(zipmap);
        Assert.True(zipmap.IsSequenceOfMaps);
        Assert.Equal(OnnxElementType.String, zipmap.MapKeyType);
        Assert.Equal(OnnxElementType.Float, zipmap.MapValueType);
        Assert.Equal("seq(map(string,float))", zipmap.TypeText);
    }

    [Theory]
    [InlineData("not_onnx.bin")]
    [InlineData("truncated.onnx")]
    public void RejectsBadModelBytesWithClearError(string file)
    {
        var error = Assert.Throws<EngineException>(() => ModelSession.Load(File.ReadAllBytes(TestPaths.Model(file)), Cpu));
        Assert.Equal(ErrorNumbers.InvalidModel, error.Number);
        Assert.Contains("not a valid ONNX model", error.Message, StringComparison.Ordinal);
    }

    /// <summary>matrix_out.onnx with ReduceSum renamed ReduceSun: readable protobuf, operator unknown to the runtime.</summary>
    [Fact]
    public void UnknownOperatorIsNotReportedAsCorruptBytes()
    {
        var bytes = File.ReadAllBytes(TestPaths.Model("matrix_out.onnx"));
        bytes[bytes.AsSpan().IndexOf("ReduceSum"u8) + 8] = (byte)'n';

        var error = Assert.Throws<EngineException>(() => ModelSession.Load(bytes, Cpu));

        Assert.Equal(ErrorNumbers.InvalidModel, error.Number);
        Assert.Contains($"ONNX Runtime {OnnxRuntime.Version} cannot run it", error.Message, StringComparison.Ordinal);
        Assert.Contains("No Op registered for ReduceSun", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("complete .onnx file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsEmptyModel()
    {
        var error = Assert.Throws<EngineException>(() => ModelSession.Load([], Cpu));
        Assert.Equal(ErrorNumbers.InvalidModel, error.Number);
    }

    [Fact]
    public void NamedCudaProviderFailsClearlyAndAutoFallsBack()
    {
        var bytes = File.ReadAllBytes(TestPaths.Model("linear_percol.onnx"));
        using (var auto = ModelSession.Load(bytes, new SessionSettings { Provider = ExecutionProviderKind.Auto }))
        {
            if (auto.Provider.Provider == ExecutionProviders.Cuda)
            {
                return; // A CUDA-enabled runtime with a GPU: the fallback path cannot be exercised here.
            }

            Assert.Equal(ExecutionProviders.Cpu, auto.Provider.Provider);
            Assert.Contains("CUDA is not available", auto.Provider.FallbackReason, StringComparison.Ordinal);
        }

        var error = Assert.Throws<EngineException>(() => ModelSession.Load(bytes, new SessionSettings { Provider = ExecutionProviderKind.Cuda }));
        Assert.Equal(ErrorNumbers.ExecutionProviderUnavailable, error.Number);
        Assert.Contains("'cuda' cannot be enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProviderNamesIsASqlStyleError()
    {
        Assert.Equal(ExecutionProviderKind.TensorRT, SessionSettings.ParseProvider(" TRT "));
        var error = Assert.Throws<EngineException>(() => SessionSettings.ParseProvider("gpu"));
        Assert.Equal(ErrorNumbers.ExecutionProviderUnavailable, error.Number);
        Assert.Contains("Use cpu, cuda, tensorrt or auto", error.Message, StringComparison.Ordinal);
    }
}
