using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring;

/// <summary>A failure reported by ONNX Runtime, with its OrtErrorCode kept for callers that branch on it.</summary>
public sealed class OnnxRuntimeException : EngineException
{
    public OnnxRuntimeException(int number, int ortErrorCode, string message)
        : base(number, 16, 1, message)
    {
        OrtErrorCode = ortErrorCode;
    }

    public OnnxRuntimeException()
    {
    }

    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>OrtErrorCode: 1 FAIL, 2 INVALID_ARGUMENT, 3 NO_SUCHFILE, 4 NO_MODEL, 5 ENGINE_ERROR, 6 RUNTIME_EXCEPTION, 7 INVALID_PROTOBUF, 10 INVALID_GRAPH, 11 EP_FAIL.</summary>
    public int OrtErrorCode { get; }
}
