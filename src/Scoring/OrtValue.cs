using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using PredictEngine.Scoring.Native;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring;

/// <summary>
/// An ONNX Runtime value: a tensor over our own pinned memory (inputs, no copy), a tensor ONNX Runtime
/// allocated (string inputs, every output), or a sequence/map output. Disposing releases the native
/// value and unpins the memory it borrowed.
/// </summary>
public sealed unsafe class OrtValue : IDisposable
{
    private readonly OrtValueHandle _handle;
    private MemoryHandle _pin;

    internal OrtValue(OrtValueHandle handle, MemoryHandle pin = default)
    {
        _handle = handle;
        _pin = pin;
    }

    internal nint Handle => _handle.Value;

    /// <summary>A tensor over <paramref name="data"/>, which stays pinned (and must not change) until disposal.</summary>
    public static OrtValue CreateTensor<T>(Memory<T> data, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        var element = ElementTypeOf<T>();
        var pin = data.Pin();
        try
        {
            return CreateTensor(pin, (nuint)(data.Length * sizeof(T)), shape, element);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    internal static OrtValue CreateTensor(MemoryHandle pin, nuint bytes, ReadOnlySpan<long> shape, OnnxElementType element)
    {
        nint value = 0;
        fixed (long* dims = shape)
        {
            OrtNative.Check(OrtNative.CreateTensorWithDataAsOrtValue(OnnxRuntime.CpuMemoryInfo, pin.Pointer, bytes, dims, (nuint)shape.Length, (int)element, &value), "creating an input tensor");
        }

        var handle = new OrtValueHandle();
        handle.Adopt(value);
        return new OrtValue(handle, pin);
    }

    /// <summary>A string tensor of <paramref name="count"/> elements from UTF-8 values laid out as Arrow offsets + data.</summary>
    public static OrtValue CreateStringTensor(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> data, int count, ReadOnlySpan<long> shape)
    {
        nint value = 0;
        fixed (long* dims = shape)
        {
            OrtNative.Check(OrtNative.CreateTensorAsOrtValue(OnnxRuntime.DefaultAllocator, dims, (nuint)shape.Length, (int)OnnxElementType.String, &value), "creating a string tensor");
        }

        var handle = new OrtValueHandle();
        handle.Adopt(value);

        // FillStringTensor wants NUL-terminated strings: copy once into a pooled block with terminators.
        var block = ArrayPool<byte>.Shared.Rent(data.Length + count + 1);
        var pointers = ArrayPool<nint>.Shared.Rent(Math.Max(count, 1));
        try
        {
            fixed (byte* b = block)
            fixed (nint* p = pointers)
            {
                var at = 0;
                for (var i = 0; i < count; i++)
                {
                    var length = offsets[i + 1] - offsets[i];
                    data.Slice(offsets[i], length).CopyTo(block.AsSpan(at));
                    block[at + length] = 0;
                    p[i] = (nint)(b + at);
                    at += length + 1;
                }

                OrtNative.Check(OrtNative.FillStringTensor(value, (byte**)p, (nuint)count), "filling a string tensor");
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
            ArrayPool<nint>.Shared.Return(pointers);
        }

        return new OrtValue(handle);
    }

    public OnnxValueKind Kind
    {
        get
        {
            int kind;
            OrtNative.Check(OrtNative.GetValueType(Handle, &kind), "reading a value kind");
            return (OnnxValueKind)kind;
        }
    }

    /// <summary>Element type and dimensions of a tensor value.</summary>
    public (OnnxElementType Element, long[] Shape) TensorInfo
    {
        get
        {
            nint info = 0;
            OrtNative.Check(OrtNative.GetTensorTypeAndShape(Handle, &info), "reading a tensor shape");
            using var owned = new OrtTensorInfoHandle();
            owned.Adopt(info);
            var (element, dims, _) = ModelSession.DescribeTensor(info);
            return (element, dims);
        }
    }

    /// <summary>The elements of a numeric tensor, read in place (valid until disposal).</summary>
    public ReadOnlySpan<T> GetTensorData<T>()
        where T : unmanaged
    {
        var (element, shape) = TensorInfo;
        if (element != ElementTypeOf<T>())
        {
            throw new InvalidOperationException($"The tensor holds {OnnxElementTypes.Name(element)}, not {typeof(T).Name}.");
        }

        void* data = null;
        OrtNative.Check(OrtNative.GetTensorMutableData(Handle, &data), "reading tensor data");
        return new ReadOnlySpan<T>(data, checked((int)ElementCount(shape)));
    }

    internal void* RawData()
    {
        void* data = null;
        OrtNative.Check(OrtNative.GetTensorMutableData(Handle, &data), "reading tensor data");
        return data;
    }

    /// <summary>Copies a string tensor's content: UTF-8 bytes and one start offset per element.</summary>
    public (byte[] Data, nuint[] Offsets) GetStringContent(int count)
    {
        nuint length = 0;
        OrtNative.Check(OrtNative.GetStringTensorDataLength(Handle, &length), "measuring a string tensor");
        var bytes = new byte[(int)length];
        var offsets = new nuint[count];
        fixed (byte* b = bytes)
        fixed (nuint* o = offsets)
        {
            OrtNative.Check(OrtNative.GetStringTensorContent(Handle, b, length, o, (nuint)count), "reading a string tensor");
        }

        return (bytes, offsets);
    }

    public string[] GetStrings()
    {
        var count = checked((int)ElementCount(TensorInfo.Shape));
        var (data, offsets) = GetStringContent(count);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var end = i + 1 < count ? (int)offsets[i + 1] : data.Length;
            result[i] = Encoding.UTF8.GetString(data, (int)offsets[i], end - (int)offsets[i]);
        }

        return result;
    }

    /// <summary>Number of elements of a sequence, or 2 for a map (keys, values).</summary>
    public int Count
    {
        get
        {
            nuint count = 0;
            OrtNative.Check(OrtNative.GetValueCount(Handle, &count), "counting a sequence");
            return (int)count;
        }
    }

    /// <summary>Element <paramref name="index"/> of a sequence, or the keys (0) / values (1) tensor of a map.</summary>
    public OrtValue GetElement(int index)
    {
        nint value = 0;
        OrtNative.Check(OrtNative.GetValue(Handle, index, OnnxRuntime.DefaultAllocator, &value), "reading a sequence element");
        var handle = new OrtValueHandle();
        handle.Adopt(value);
        return new OrtValue(handle);
    }

    public void Dispose()
    {
        _handle.Dispose();
        _pin.Dispose();
        _pin = default;
    }

    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        return count;
    }

    public static OnnxElementType ElementTypeOf<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) { return OnnxElementType.Float; }
        if (typeof(T) == typeof(double)) { return OnnxElementType.Double; }
        if (typeof(T) == typeof(long)) { return OnnxElementType.Int64; }
        if (typeof(T) == typeof(int)) { return OnnxElementType.Int32; }
        if (typeof(T) == typeof(short)) { return OnnxElementType.Int16; }
        if (typeof(T) == typeof(sbyte)) { return OnnxElementType.Int8; }
        if (typeof(T) == typeof(byte)) { return OnnxElementType.UInt8; }
        if (typeof(T) == typeof(bool)) { return OnnxElementType.Bool; }
        if (typeof(T) == typeof(ushort)) { return OnnxElementType.UInt16; }
        if (typeof(T) == typeof(uint)) { return OnnxElementType.UInt32; }
        if (typeof(T) == typeof(ulong)) { return OnnxElementType.UInt64; }
        throw new EngineException(ErrorNumbers.ModelInputMismatch, 16, 1, $"{typeof(T).Name} has no ONNX tensor element type.");
    }
}
