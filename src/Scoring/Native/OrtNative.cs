using System.Runtime.InteropServices;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring.Native;

/// <summary>
/// The one place that binds ONNX Runtime's C API. <c>OrtGetApiBase()</c> gives
/// <c>OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }</c>
/// and <c>GetApi(RequestedApiVersion)</c> gives the <c>OrtApi</c> function table, read here by slot
/// number in header order (onnxruntime_c_api.h, slots checked against ORT_API_VERSION 24 = ORT 1.24;
/// the table only grows, so slots never move). We ask for API 11, the lowest version that has every
/// function below (the CUDA V2 provider options arrived in 11), so any ORT from 1.11 on loads,
/// e.g. a 1.29 CUDA build as well as the pinned 1.30 CPU build.
/// Every function returning <c>OrtStatus*</c> returns null on success; <see cref="Check"/> turns the
/// rest into an <see cref="EngineException"/> and releases the status.
/// </summary>
internal static unsafe class OrtNative
{
    public const uint RequestedApiVersion = 11;

    private static readonly Lock Gate = new();
    private static string? _loadedPath;
    private static string? _version;

    public static string LoadedPath => _loadedPath ?? throw new InvalidOperationException("ONNX Runtime is not loaded.");

    public static string Version => _version ?? throw new InvalidOperationException("ONNX Runtime is not loaded.");

    // [0] OrtStatus* CreateStatus(OrtErrorCode code, const char* msg)  (unused; slot kept for the count)
    // [1] OrtErrorCode GetErrorCode(const OrtStatus* status)
    public static delegate* unmanaged<nint, int> GetErrorCode;
    // [2] const char* GetErrorMessage(const OrtStatus* status)
    public static delegate* unmanaged<nint, byte*> GetErrorMessage;
    // [3] CreateEnv(OrtLoggingLevel log_severity_level, const char* logid, OrtEnv** out)
    public static delegate* unmanaged<int, byte*, nint*, nint> CreateEnv;
    // [8] CreateSessionFromArray(const OrtEnv* env, const void* model_data, size_t model_data_length, const OrtSessionOptions* options, OrtSession** out)
    public static delegate* unmanaged<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray;
    // [9] Run(OrtSession* session, const OrtRunOptions* run_options, const char* const* input_names, const OrtValue* const* inputs, size_t input_len,
    //         const char* const* output_names, size_t output_names_len, OrtValue** outputs)
    public static delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> Run;
    // [10] CreateSessionOptions(OrtSessionOptions** options)
    public static delegate* unmanaged<nint*, nint> CreateSessionOptions;
    // [22] SetSessionLogSeverityLevel(OrtSessionOptions* options, int session_log_severity_level)
    public static delegate* unmanaged<nint, int, nint> SetSessionLogSeverityLevel;
    // [23] SetSessionGraphOptimizationLevel(OrtSessionOptions* options, GraphOptimizationLevel graph_optimization_level)
    public static delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel;
    // [24] SetIntraOpNumThreads(OrtSessionOptions* options, int intra_op_num_threads)
    public static delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;
    // [25] SetInterOpNumThreads(OrtSessionOptions* options, int inter_op_num_threads)
    public static delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;
    // [30] SessionGetInputCount(const OrtSession* session, size_t* out)
    public static delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;
    // [31] SessionGetOutputCount(const OrtSession* session, size_t* out)
    public static delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;
    // [33] SessionGetInputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
    public static delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    // [34] SessionGetOutputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
    public static delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    // [36] SessionGetInputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
    public static delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName;
    // [37] SessionGetOutputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
    public static delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    // [39] CreateRunOptions(OrtRunOptions** out)
    public static delegate* unmanaged<nint*, nint> CreateRunOptions;
    // [46] RunOptionsSetTerminate(OrtRunOptions* options)
    public static delegate* unmanaged<nint, nint> RunOptionsSetTerminate;
    // [48] CreateTensorAsOrtValue(OrtAllocator* allocator, const int64_t* shape, size_t shape_len, ONNXTensorElementDataType type, OrtValue** out)
    public static delegate* unmanaged<nint, long*, nuint, int, nint*, nint> CreateTensorAsOrtValue;
    // [49] CreateTensorWithDataAsOrtValue(const OrtMemoryInfo* info, void* p_data, size_t p_data_len, const int64_t* shape, size_t shape_len,
    //                                     ONNXTensorElementDataType type, OrtValue** out)
    public static delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    // [51] GetTensorMutableData(OrtValue* value, void** out)
    public static delegate* unmanaged<nint, void**, nint> GetTensorMutableData;
    // [52] FillStringTensor(OrtValue* value, const char* const* s, size_t s_len)
    public static delegate* unmanaged<nint, byte**, nuint, nint> FillStringTensor;
    // [53] GetStringTensorDataLength(const OrtValue* value, size_t* len)
    public static delegate* unmanaged<nint, nuint*, nint> GetStringTensorDataLength;
    // [54] GetStringTensorContent(const OrtValue* value, void* s, size_t s_len, size_t* offsets, size_t offsets_len)
    public static delegate* unmanaged<nint, void*, nuint, nuint*, nuint, nint> GetStringTensorContent;
    // [55] CastTypeInfoToTensorInfo(const OrtTypeInfo* type_info, const OrtTensorTypeAndShapeInfo** out)  (out is borrowed, may be null)
    public static delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo;
    // [56] GetOnnxTypeFromTypeInfo(const OrtTypeInfo* type_info, enum ONNXType* out)
    public static delegate* unmanaged<nint, int*, nint> GetOnnxTypeFromTypeInfo;
    // [60] GetTensorElementType(const OrtTensorTypeAndShapeInfo* info, enum ONNXTensorElementDataType* out)
    public static delegate* unmanaged<nint, int*, nint> GetTensorElementType;
    // [61] GetDimensionsCount(const OrtTensorTypeAndShapeInfo* info, size_t* out)
    public static delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;
    // [62] GetDimensions(const OrtTensorTypeAndShapeInfo* info, int64_t* dim_values, size_t dim_values_length)
    public static delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;
    // [63] GetSymbolicDimensions(const OrtTensorTypeAndShapeInfo* info, const char* dim_params[], size_t dim_params_length)
    public static delegate* unmanaged<nint, byte**, nuint, nint> GetSymbolicDimensions;
    // [65] GetTensorTypeAndShape(const OrtValue* value, OrtTensorTypeAndShapeInfo** out)
    public static delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;
    // [67] GetValueType(const OrtValue* value, enum ONNXType* out)
    public static delegate* unmanaged<nint, int*, nint> GetValueType;
    // [69] CreateCpuMemoryInfo(enum OrtAllocatorType type, enum OrtMemType mem_type, OrtMemoryInfo** out)
    public static delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo;
    // [76] AllocatorFree(OrtAllocator* ort_allocator, void* p)
    public static delegate* unmanaged<nint, void*, nint> AllocatorFree;
    // [78] GetAllocatorWithDefaultOptions(OrtAllocator** out)  (process-wide, never released)
    public static delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;
    // [80] GetValue(const OrtValue* value, int index, OrtAllocator* allocator, OrtValue** out)
    public static delegate* unmanaged<nint, int, nint, nint*, nint> GetValue;
    // [81] GetValueCount(const OrtValue* value, size_t* out)
    public static delegate* unmanaged<nint, nuint*, nint> GetValueCount;
    // [92]..[100] void ReleaseEnv/Status/MemoryInfo/Session/Value/RunOptions/TypeInfo/TensorTypeAndShapeInfo/SessionOptions(OrtX* input)
    public static delegate* unmanaged<nint, void> ReleaseEnv;
    public static delegate* unmanaged<nint, void> ReleaseStatus;
    public static delegate* unmanaged<nint, void> ReleaseMemoryInfo;
    public static delegate* unmanaged<nint, void> ReleaseSession;
    public static delegate* unmanaged<nint, void> ReleaseValue;
    public static delegate* unmanaged<nint, void> ReleaseRunOptions;
    public static delegate* unmanaged<nint, void> ReleaseTypeInfo;
    public static delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;
    public static delegate* unmanaged<nint, void> ReleaseSessionOptions;
    // [103] CastTypeInfoToMapTypeInfo(const OrtTypeInfo* type_info, const OrtMapTypeInfo** out)  (borrowed, may be null)
    public static delegate* unmanaged<nint, nint*, nint> CastTypeInfoToMapTypeInfo;
    // [104] CastTypeInfoToSequenceTypeInfo(const OrtTypeInfo* type_info, const OrtSequenceTypeInfo** out)  (borrowed, may be null)
    public static delegate* unmanaged<nint, nint*, nint> CastTypeInfoToSequenceTypeInfo;
    // [105] GetMapKeyType(const OrtMapTypeInfo* map_type_info, enum ONNXTensorElementDataType* out)
    public static delegate* unmanaged<nint, int*, nint> GetMapKeyType;
    // [106] GetMapValueType(const OrtMapTypeInfo* map_type_info, OrtTypeInfo** type_info)  (owned)
    public static delegate* unmanaged<nint, nint*, nint> GetMapValueType;
    // [107] GetSequenceElementType(const OrtSequenceTypeInfo* sequence_type_info, OrtTypeInfo** type_info)  (owned)
    public static delegate* unmanaged<nint, nint*, nint> GetSequenceElementType;
    // [125] GetAvailableProviders(char*** out_ptr, int* provider_length)
    public static delegate* unmanaged<byte***, int*, nint> GetAvailableProviders;
    // [126] OrtStatus* ReleaseAvailableProviders(char** ptr, int providers_length)  (returns a status, despite the name)
    public static delegate* unmanaged<byte**, int, nint> ReleaseAvailableProviders;
    // [130] AddSessionConfigEntry(OrtSessionOptions* options, const char* config_key, const char* config_value)
    public static delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry;
    // [170] SessionOptionsAppendExecutionProvider_TensorRT_V2(OrtSessionOptions* options, const OrtTensorRTProviderOptionsV2* tensorrt_options)
    public static delegate* unmanaged<nint, nint, nint> SessionOptionsAppendExecutionProvider_TensorRT_V2;
    // [171] CreateTensorRTProviderOptions(OrtTensorRTProviderOptionsV2** out)
    public static delegate* unmanaged<nint*, nint> CreateTensorRTProviderOptions;
    // [172] UpdateTensorRTProviderOptions(OrtTensorRTProviderOptionsV2* options, const char* const* keys, const char* const* values, size_t num_keys)
    public static delegate* unmanaged<nint, byte**, byte**, nuint, nint> UpdateTensorRTProviderOptions;
    // [174] void ReleaseTensorRTProviderOptions(OrtTensorRTProviderOptionsV2* input)
    public static delegate* unmanaged<nint, void> ReleaseTensorRTProviderOptions;
    // [204] SessionOptionsAppendExecutionProvider_CUDA_V2(OrtSessionOptions* options, const OrtCUDAProviderOptionsV2* cuda_options)
    public static delegate* unmanaged<nint, nint, nint> SessionOptionsAppendExecutionProvider_CUDA_V2;
    // [205] CreateCUDAProviderOptions(OrtCUDAProviderOptionsV2** out)
    public static delegate* unmanaged<nint*, nint> CreateCUDAProviderOptions;
    // [206] UpdateCUDAProviderOptions(OrtCUDAProviderOptionsV2* options, const char* const* keys, const char* const* values, size_t num_keys)
    public static delegate* unmanaged<nint, byte**, byte**, nuint, nint> UpdateCUDAProviderOptions;
    // [208] void ReleaseCUDAProviderOptions(OrtCUDAProviderOptionsV2* input)
    public static delegate* unmanaged<nint, void> ReleaseCUDAProviderOptions;

    /// <summary>Loads the library once per process; later calls must name the same file.</summary>
    public static void EnsureLoaded(string path)
    {
        lock (Gate)
        {
            if (_loadedPath is not null)
            {
                if (!string.Equals(_loadedPath, path, StringComparison.Ordinal))
                {
                    throw Unavailable($"ONNX Runtime is already loaded from '{_loadedPath}'; a process uses one ONNX Runtime library (asked for '{path}').");
                }

                return;
            }

            if (!NativeLibrary.TryLoad(path, out var lib))
            {
                throw Unavailable($"Cannot load ONNX Runtime from '{path}'. Build the project (it installs native/ with npm ci) or point PREDICT_ORT_LIBRARY at a libonnxruntime.so.");
            }

            if (!NativeLibrary.TryGetExport(lib, "OrtGetApiBase", out var getApiBase))
            {
                throw Unavailable($"'{path}' is not an ONNX Runtime library: it has no OrtGetApiBase.");
            }

            var apiBase = (nint*)((delegate* unmanaged<nint>)getApiBase)();
            var getApi = (delegate* unmanaged<uint, nint*>)apiBase[0];
            var getVersion = (delegate* unmanaged<byte*>)apiBase[1];
            var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
            var api = getApi(RequestedApiVersion);
            if (api == null)
            {
                throw Unavailable($"ONNX Runtime {version} at '{path}' does not offer API version {RequestedApiVersion}; PredictEngine needs ONNX Runtime 1.11 or later.");
            }

            Bind(api);
            _version = version;
            _loadedPath = path;
        }
    }

    private static void Bind(nint* api)
    {
        GetErrorCode = (delegate* unmanaged<nint, int>)api[1];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)api[2];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)api[3];
        CreateSessionFromArray = (delegate* unmanaged<nint, void*, nuint, nint, nint*, nint>)api[8];
        Run = (delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)api[9];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)api[10];
        SetSessionLogSeverityLevel = (delegate* unmanaged<nint, int, nint>)api[22];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)api[23];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)api[24];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)api[25];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)api[30];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)api[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)api[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)api[34];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)api[36];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)api[37];
        CreateRunOptions = (delegate* unmanaged<nint*, nint>)api[39];
        RunOptionsSetTerminate = (delegate* unmanaged<nint, nint>)api[46];
        CreateTensorAsOrtValue = (delegate* unmanaged<nint, long*, nuint, int, nint*, nint>)api[48];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)api[49];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)api[51];
        FillStringTensor = (delegate* unmanaged<nint, byte**, nuint, nint>)api[52];
        GetStringTensorDataLength = (delegate* unmanaged<nint, nuint*, nint>)api[53];
        GetStringTensorContent = (delegate* unmanaged<nint, void*, nuint, nuint*, nuint, nint>)api[54];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)api[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<nint, int*, nint>)api[56];
        GetTensorElementType = (delegate* unmanaged<nint, int*, nint>)api[60];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)api[61];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)api[62];
        GetSymbolicDimensions = (delegate* unmanaged<nint, byte**, nuint, nint>)api[63];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)api[65];
        GetValueType = (delegate* unmanaged<nint, int*, nint>)api[67];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)api[69];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)api[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)api[78];
        GetValue = (delegate* unmanaged<nint, int, nint, nint*, nint>)api[80];
        GetValueCount = (delegate* unmanaged<nint, nuint*, nint>)api[81];
        ReleaseEnv = (delegate* unmanaged<nint, void>)api[92];
        ReleaseStatus = (delegate* unmanaged<nint, void>)api[93];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)api[94];
        ReleaseSession = (delegate* unmanaged<nint, void>)api[95];
        ReleaseValue = (delegate* unmanaged<nint, void>)api[96];
        ReleaseRunOptions = (delegate* unmanaged<nint, void>)api[97];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)api[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)api[99];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)api[100];
        CastTypeInfoToMapTypeInfo = (delegate* unmanaged<nint, nint*, nint>)api[103];
        CastTypeInfoToSequenceTypeInfo = (delegate* unmanaged<nint, nint*, nint>)api[104];
        GetMapKeyType = (delegate* unmanaged<nint, int*, nint>)api[105];
        GetMapValueType = (delegate* unmanaged<nint, nint*, nint>)api[106];
        GetSequenceElementType = (delegate* unmanaged<nint, nint*, nint>)api[107];
        GetAvailableProviders = (delegate* unmanaged<byte***, int*, nint>)api[125];
        ReleaseAvailableProviders = (delegate* unmanaged<byte**, int, nint>)api[126];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)api[130];
        SessionOptionsAppendExecutionProvider_TensorRT_V2 = (delegate* unmanaged<nint, nint, nint>)api[170];
        CreateTensorRTProviderOptions = (delegate* unmanaged<nint*, nint>)api[171];
        UpdateTensorRTProviderOptions = (delegate* unmanaged<nint, byte**, byte**, nuint, nint>)api[172];
        ReleaseTensorRTProviderOptions = (delegate* unmanaged<nint, void>)api[174];
        SessionOptionsAppendExecutionProvider_CUDA_V2 = (delegate* unmanaged<nint, nint, nint>)api[204];
        CreateCUDAProviderOptions = (delegate* unmanaged<nint*, nint>)api[205];
        UpdateCUDAProviderOptions = (delegate* unmanaged<nint, byte**, byte**, nuint, nint>)api[206];
        ReleaseCUDAProviderOptions = (delegate* unmanaged<nint, void>)api[208];
    }

    /// <summary>Throws for a non-null status (after releasing it), naming what was being done.</summary>
    public static void Check(nint status, string doing, int number = ErrorNumbers.ModelRuntimeError)
    {
        if (status == 0)
        {
            return;
        }

        throw ToException(status, doing, number);
    }

    public static EngineException ToException(nint status, string doing, int number = ErrorNumbers.ModelRuntimeError)
    {
        string message;
        int code;
        try
        {
            code = GetErrorCode(status);
            message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? "no message";
        }
        finally
        {
            ReleaseStatus(status);
        }

        return new OnnxRuntimeException(number, code, $"ONNX Runtime failed while {doing}: {WithoutSourceLocation(message)}");
    }

    /// <summary>
    /// Drops the "file.cc:123 function [ONNXRuntimeError] : 1 : FAIL : " prefix some builds put before
    /// the reason: users need the reason, not the runtime's source location.
    /// </summary>
    private static string WithoutSourceLocation(string message)
    {
        const string marker = "[ONNXRuntimeError] : ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return message;
        }

        var rest = message[(at + marker.Length)..];
        for (var i = 0; i < 2; i++)
        {
            var next = rest.IndexOf(" : ", StringComparison.Ordinal);
            rest = next < 0 ? rest : rest[(next + 3)..];
        }

        return rest;
    }

    private static EngineException Unavailable(string message) => new(ErrorNumbers.NativeLibraryUnavailable, 16, 1, message);
}
