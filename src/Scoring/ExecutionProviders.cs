using System.Globalization;
using PredictEngine.Scoring.Native;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring;

/// <summary>Result of asking for a provider: what a session will run on and, after a fallback, why.</summary>
public sealed record ProviderChoice(string Provider, string? FallbackReason);

/// <summary>
/// Appends execution providers to session options. A named provider that cannot be enabled fails the
/// session with the runtime's reason; <see cref="ExecutionProviderKind.Auto"/> tries CUDA and falls back
/// to CPU with a message saying why. Provider libraries (libonnxruntime_providers_cuda.so...) must sit
/// beside the configured ONNX Runtime library and match its version exactly.
/// </summary>
public static unsafe class ExecutionProviders
{
    public const string Cpu = "CPUExecutionProvider";
    public const string Cuda = "CUDAExecutionProvider";
    public const string TensorRT = "TensorrtExecutionProvider";

    /// <summary>For `predict version`: each provider and whether it can be enabled here, with the reason if not.</summary>
    public static IReadOnlyList<(string Provider, bool Usable, string Detail)> Probe()
    {
        var compiled = OnnxRuntime.CompiledProviders;
        var result = new List<(string, bool, string)> { (Cpu, true, "built in") };
        foreach (var (name, kind) in new[] { (Cuda, ExecutionProviderKind.Cuda), (TensorRT, ExecutionProviderKind.TensorRT) })
        {
            if (!compiled.Contains(name))
            {
                result.Add((name, false, "not compiled into this ONNX Runtime build"));
                continue;
            }

            using var options = CreateOptions();
            var error = TryAppend(options, kind, 0);
            result.Add((name, error is null, error ?? "provider library loads"));
        }

        return result;
    }

    internal static OrtSessionOptionsHandle CreateOptions()
    {
        nint options = 0;
        OrtNative.Check(OrtNative.CreateSessionOptions(&options), "creating session options");
        var handle = new OrtSessionOptionsHandle();
        handle.Adopt(options);
        return handle;
    }

    internal static ProviderChoice Append(OrtSessionOptionsHandle options, SessionSettings settings)
    {
        switch (settings.Provider)
        {
            case ExecutionProviderKind.Cpu:
                return new ProviderChoice(Cpu, null);
            case ExecutionProviderKind.Auto:
                var error = TryAppend(options, ExecutionProviderKind.Cuda, settings.DeviceId);
                return error is null ? new ProviderChoice(Cuda, null) : new ProviderChoice(Cpu, $"CUDA is not available ({error.Trim()}); scoring on CPU.");
            default:
                var named = TryAppend(options, settings.Provider, settings.DeviceId);
                if (named is not null)
                {
                    throw new EngineException(ErrorNumbers.ExecutionProviderUnavailable, 16, 1,
                        $"The execution provider '{settings.Provider.ToString().ToLowerInvariant()}' cannot be enabled: {named} Set the provider to 'auto' or 'cpu', or point PREDICT_ORT_LIBRARY at an ONNX Runtime build with that provider beside it.");
                }

                return new ProviderChoice(settings.Provider == ExecutionProviderKind.Cuda ? Cuda : TensorRT, null);
        }
    }

    /// <summary>Returns null when the provider was appended, else the runtime's reason.</summary>
    private static string? TryAppend(OrtSessionOptionsHandle options, ExecutionProviderKind kind, int deviceId)
    {
        var device = deviceId.ToString(CultureInfo.InvariantCulture);
        try
        {
            if (kind == ExecutionProviderKind.Cuda)
            {
                nint cuda = 0;
                OrtNative.Check(OrtNative.CreateCUDAProviderOptions(&cuda), "creating CUDA provider options");
                using var handle = new OrtCudaOptionsHandle();
                handle.Adopt(cuda);
                UpdateDevice(cuda, device, OrtNative.UpdateCUDAProviderOptions, "loading the CUDA provider");
                OrtNative.Check(OrtNative.SessionOptionsAppendExecutionProvider_CUDA_V2(options.Value, cuda), "enabling CUDA");
            }
            else
            {
                nint trt = 0;
                OrtNative.Check(OrtNative.CreateTensorRTProviderOptions(&trt), "creating TensorRT provider options");
                using var handle = new OrtTensorRTOptionsHandle();
                handle.Adopt(trt);
                UpdateDevice(trt, device, OrtNative.UpdateTensorRTProviderOptions, "loading the TensorRT provider");
                OrtNative.Check(OrtNative.SessionOptionsAppendExecutionProvider_TensorRT_V2(options.Value, trt), "enabling TensorRT");
            }

            return null;
        }
        catch (OnnxRuntimeException e)
        {
            return e.Message;
        }
    }

    private static void UpdateDevice(nint providerOptions, string device, delegate* unmanaged<nint, byte**, byte**, nuint, nint> update, string doing)
    {
        var key = "device_id"u8;
        var value = System.Text.Encoding.UTF8.GetBytes(device + "\0");
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            var keys = stackalloc byte*[1] { k };
            var values = stackalloc byte*[1] { v };
            OrtNative.Check(update(providerOptions, keys, values, 1), doing);
        }
    }
}
