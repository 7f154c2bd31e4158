using System.Runtime.InteropServices;

namespace PredictEngine.Scoring.Native;

/// <summary>Base of every owned ONNX Runtime object; each subclass names the Release function that frees it.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public nint Value => handle;

    public void Adopt(nint value) => SetHandle(value);

    protected sealed override bool ReleaseHandle()
    {
        Release(handle);
        return true;
    }

    protected abstract void Release(nint value);
}

internal sealed unsafe class OrtEnvHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseEnv(value);
}

internal sealed unsafe class OrtSessionHandle : OrtHandle
{
    /// <summary>
    /// The native block of input/output names that runs pass to ONNX Runtime. Freed with the session,
    /// so only once and only after the last in-flight run has released its reference.
    /// </summary>
    public nint Names { get; set; }

    protected override void Release(nint value)
    {
        OrtNative.ReleaseSession(value);
        if (Names != 0)
        {
            NativeMemory.Free((void*)Names);
            Names = 0;
        }
    }
}

internal sealed unsafe class OrtSessionOptionsHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseSessionOptions(value);
}

internal sealed unsafe class OrtValueHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseValue(value);
}

internal sealed unsafe class OrtTypeInfoHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseTypeInfo(value);
}

internal sealed unsafe class OrtTensorInfoHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseTensorTypeAndShapeInfo(value);
}

internal sealed unsafe class OrtMemoryInfoHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseMemoryInfo(value);
}

internal sealed unsafe class OrtRunOptionsHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseRunOptions(value);
}

internal sealed unsafe class OrtCudaOptionsHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseCUDAProviderOptions(value);
}

internal sealed unsafe class OrtTensorRTOptionsHandle : OrtHandle
{
    protected override void Release(nint value) => OrtNative.ReleaseTensorRTProviderOptions(value);
}
