using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring;

/// <summary>Where a session runs: CPU, a named GPU provider, or Auto (the best provider that loads, else CPU).</summary>
public enum ExecutionProviderKind
{
    Cpu,
    Cuda,
    TensorRT,
    Auto,
}

/// <summary>GraphOptimizationLevel in onnxruntime_c_api.h.</summary>
public enum GraphOptimization
{
    Disabled = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}

/// <summary>How sessions are created. Zero thread counts leave the choice to ONNX Runtime (one per core).</summary>
public sealed record SessionSettings
{
    public ExecutionProviderKind Provider { get; init; } = ExecutionProviderKind.Auto;

    public int IntraOpThreads { get; init; }

    public int InterOpThreads { get; init; }

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    public int DeviceId { get; init; }

    public static ExecutionProviderKind ParseProvider(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cpu" => ExecutionProviderKind.Cpu,
        "cuda" => ExecutionProviderKind.Cuda,
        "tensorrt" or "trt" => ExecutionProviderKind.TensorRT,
        "auto" or "" => ExecutionProviderKind.Auto,
        _ => throw new EngineException(ErrorNumbers.ExecutionProviderUnavailable, 16, 1, $"Unknown execution provider '{text}'. Use cpu, cuda, tensorrt or auto."),
    };
}
