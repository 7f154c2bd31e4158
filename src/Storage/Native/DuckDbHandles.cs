using System.Runtime.InteropServices;

namespace PredictEngine.Storage.Native;

/// <summary>
/// Base of every owned DuckDB object. A child (connection, statement, result...) keeps its parent
/// alive with DangerousAddRef, so release order is always child before parent, whatever order the
/// finalizers or Dispose calls come in.
/// </summary>
internal abstract class DuckHandle : SafeHandle
{
    private SafeHandle? _parent;

    protected DuckHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public nint Value => handle;

    /// <summary>The handle this one keeps alive (a connection's database), or null.</summary>
    public SafeHandle? Parent => _parent;

    public void Adopt(nint value, SafeHandle? parent)
    {
        if (parent is not null)
        {
            var added = false;
            parent.DangerousAddRef(ref added);
            _parent = parent;
        }

        SetHandle(value);
    }

    protected sealed override bool ReleaseHandle()
    {
        Destroy(handle);
        _parent?.DangerousRelease();
        _parent = null;
        return true;
    }

    protected abstract void Destroy(nint value);
}

internal sealed unsafe class DuckDatabaseHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.close(&value);
}

internal sealed unsafe class DuckConnectionHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.disconnect(&value);
}

internal sealed unsafe class DuckConfigHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.destroy_config(&value);
}

internal sealed unsafe class DuckPreparedHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.destroy_prepare(&value);
}

internal sealed unsafe class DuckExtractedHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.destroy_extracted(&value);
}

internal sealed unsafe class DuckPendingHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.destroy_pending(&value);
}

internal sealed unsafe class DuckLogicalTypeHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.destroy_logical_type(&value);
}

internal sealed unsafe class DuckDataChunkHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.destroy_data_chunk(&value);
}

internal sealed unsafe class DuckValueHandle : DuckHandle
{
    protected override void Destroy(nint value) => DuckDbNative.destroy_value(&value);
}

internal sealed unsafe class DuckAppenderHandle : DuckHandle
{
    // The status of destroy is the flush error, already reported by the explicit close.
    protected override void Destroy(nint value) => _ = DuckDbNative.appender_destroy(&value);
}

/// <summary>
/// A duckdb_result lives in native memory because the library keeps pointers into it between calls;
/// the handle is that memory, destroyed (even after a failed query, as the header requires) then freed.
/// </summary>
internal sealed unsafe class DuckResultHandle : DuckHandle
{
    public static DuckResultHandle Allocate(SafeHandle parent)
    {
        var result = new DuckResultHandle();
        result.Adopt((nint)NativeMemory.AllocZeroed((nuint)sizeof(DuckResult)), parent);
        return result;
    }

    public DuckResult* Pointer => (DuckResult*)handle;

    protected override void Destroy(nint value)
    {
        DuckDbNative.destroy_result((DuckResult*)value);
        NativeMemory.Free((void*)value);
    }
}
