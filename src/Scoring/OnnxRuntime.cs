using System.Runtime.InteropServices;
using PredictEngine.Scoring.Native;
using PredictEngine.Storage.Configuration;

namespace PredictEngine.Scoring;

/// <summary>
/// The process-wide ONNX Runtime: the library (from PREDICT_ORT_LIBRARY, the configured path, or the
/// pinned copy beside the binaries), one OrtEnv shared by every session, CPU memory info for tensors
/// over our own buffers, and the default allocator.
/// </summary>
public static unsafe class OnnxRuntime
{
    private const int LogWarning = 2;
    private static readonly Lock Gate = new();
    private static OrtEnvHandle? _env;
    private static OrtMemoryInfoHandle? _cpuMemory;
    private static nint _allocator;

    /// <summary>The version string of the loaded library, e.g. "1.30.0".</summary>
    public static string Version
    {
        get
        {
            Initialize(null);
            return OrtNative.Version;
        }
    }

    public static string LibraryPath
    {
        get
        {
            Initialize(null);
            return OrtNative.LoadedPath;
        }
    }

    internal static nint Env => _env!.Value;

    internal static nint CpuMemoryInfo => _cpuMemory!.Value;

    internal static nint DefaultAllocator => _allocator;

    /// <summary>Loads the library and creates the environment once; a later call with another path fails clearly.</summary>
    public static void Initialize(string? configuredLibrary)
    {
        lock (Gate)
        {
            OrtNative.EnsureLoaded(NativeLibraryLocator.Ort(configuredLibrary));
            if (_env is not null)
            {
                return;
            }

            nint env = 0;
            var id = "PredictEngine"u8;
            fixed (byte* p = id)
            {
                // The id must be NUL-terminated; the u8 literal is, one byte past its span.
                OrtNative.Check(OrtNative.CreateEnv(LogWarning, p, &env), "creating the environment");
            }

            var envHandle = new OrtEnvHandle();
            envHandle.Adopt(env);

            nint memory = 0;
            OrtNative.Check(OrtNative.CreateCpuMemoryInfo(0 /* OrtDeviceAllocator */, 0 /* OrtMemTypeDefault */, &memory), "describing CPU memory");
            var memoryHandle = new OrtMemoryInfoHandle();
            memoryHandle.Adopt(memory);

            nint allocator = 0;
            OrtNative.Check(OrtNative.GetAllocatorWithDefaultOptions(&allocator), "getting the default allocator");

            _allocator = allocator;
            _cpuMemory = memoryHandle;
            _env = envHandle;
        }
    }

    /// <summary>The execution providers compiled into the loaded library (not all of them may load: see <see cref="ExecutionProviders.Probe"/>).</summary>
    public static IReadOnlyList<string> CompiledProviders
    {
        get
        {
            Initialize(null);
            byte** names = null;
            var count = 0;
            OrtNative.Check(OrtNative.GetAvailableProviders(&names, &count), "listing execution providers");
            try
            {
                var list = new string[count];
                for (var i = 0; i < count; i++)
                {
                    list[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
                }

                return list;
            }
            finally
            {
                OrtNative.Check(OrtNative.ReleaseAvailableProviders(names, count), "releasing the provider list");
            }
        }
    }
}
