using System.Runtime.InteropServices;
using System.Security.Cryptography;
using PredictEngine.Scoring.Native;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring;

/// <summary>
/// A loaded model. ONNX Runtime sessions are safe to Run from many threads at once, so one
/// ModelSession is shared by every query and worker that scores the same model bytes.
/// </summary>
public sealed unsafe partial class ModelSession : IDisposable
{
    private const int OrtNoModel = 4;
    private const int OrtInvalidProtobuf = 7;

    private readonly OrtSessionHandle _handle;
    private readonly nint[] _inputNames;
    private readonly nint[] _outputNames;

    private ModelSession(OrtSessionHandle handle, ModelSignature signature, ProviderChoice provider, string sha256)
    {
        _handle = handle;
        Signature = signature;
        Provider = provider;
        Sha256 = sha256;
        (var names, _inputNames, _outputNames) = PinNames(signature);
        _handle.Names = names;
    }

    public ModelSignature Signature { get; }

    /// <summary>The provider the session runs on, and the reason when Auto fell back to CPU.</summary>
    public ProviderChoice Provider { get; }

    /// <summary>Hex SHA-256 of the model bytes: the key of the session cache and of registered models.</summary>
    public string Sha256 { get; }

    /// <summary>Loads a model from its bytes. Non-ONNX or corrupt bytes fail with Msg 39051 and the runtime's reason.</summary>
    public static ModelSession Load(ReadOnlySpan<byte> model, SessionSettings? settings = null)
    {
        settings ??= new SessionSettings();
        OnnxRuntime.Initialize(null);
        if (model.IsEmpty)
        {
            throw new EngineException(ErrorNumbers.InvalidModel, 16, 1, "The model is empty (0 bytes). Pass the bytes of an .onnx file.");
        }

        using var options = ExecutionProviders.CreateOptions();
        OrtNative.Check(OrtNative.SetSessionGraphOptimizationLevel(options.Value, (int)settings.Optimization), "setting the optimization level");
        if (settings.IntraOpThreads > 0)
        {
            OrtNative.Check(OrtNative.SetIntraOpNumThreads(options.Value, settings.IntraOpThreads), "setting intra-op threads");
        }

        if (settings.InterOpThreads > 0)
        {
            OrtNative.Check(OrtNative.SetInterOpNumThreads(options.Value, settings.InterOpThreads), "setting inter-op threads");
        }

        var provider = ExecutionProviders.Append(options, settings);
        nint session = 0;
        fixed (byte* bytes = model)
        {
            var status = OrtNative.CreateSessionFromArray(OnnxRuntime.Env, bytes, (nuint)model.Length, options.Value, &session);
            if (status != 0)
            {
                var error = (OnnxRuntimeException)OrtNative.ToException(status, "loading the model", ErrorNumbers.InvalidModel);

                // Only unreadable bytes are "not an ONNX model"; a readable model can still be refused
                // (an operator or opset this runtime lacks, a kernel that fails to initialise).
                var why = error.OrtErrorCode is OrtInvalidProtobuf or OrtNoModel
                    ? $"it is not a valid ONNX model ({model.Length} bytes). {error.Message} Check that the bytes are a complete .onnx file."
                    : $"ONNX Runtime {OrtNative.Version} cannot run it ({model.Length} bytes). {error.Message}";
                throw new EngineException(ErrorNumbers.InvalidModel, 16, 1, $"The model could not be loaded: {why}");
            }
        }

        var handle = new OrtSessionHandle();
        handle.Adopt(session);
        try
        {
            var signature = ReadSignature(handle.Value);
            return new ModelSession(handle, signature, provider, Convert.ToHexStringLower(SHA256.HashData(model)));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Releases the session (and its name block) once the last in-flight run ends; safe to call twice.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>Input and output names as one native block of NUL-terminated strings, made once for Run.</summary>
    private static (nint Block, nint[] Inputs, nint[] Outputs) PinNames(ModelSignature signature)
    {
        var all = signature.Inputs.Select(i => i.Name).Concat(signature.Outputs.Select(o => o.Name)).ToArray();
        var size = all.Sum(n => System.Text.Encoding.UTF8.GetByteCount(n) + 1);
        var block = (byte*)NativeMemory.Alloc((nuint)Math.Max(size, 1));
        var pointers = new nint[all.Length];
        var at = block;
        for (var i = 0; i < all.Length; i++)
        {
            pointers[i] = (nint)at;
            var written = System.Text.Encoding.UTF8.GetBytes(all[i], new Span<byte>(at, size - (int)(at - block)));
            at[written] = 0;
            at += written + 1;
        }

        return ((nint)block, pointers[..signature.Inputs.Count], pointers[signature.Inputs.Count..]);
    }
}
