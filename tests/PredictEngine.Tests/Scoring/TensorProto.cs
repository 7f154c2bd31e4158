using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using PredictEngine.Scoring;

namespace PredictEngine.Tests.Scoring;

/// <summary>
/// One ONNX <c>TensorProto</c> as the backend test data stores it. Numeric values are normalised to
/// little-endian element bytes (<see cref="Raw"/>) whether the file used <c>raw_data</c> or a typed
/// field, so tests compare every element type the same way.
/// </summary>
internal sealed record TensorProto(string Name, OnnxElementType ElementType, long[] Dims, byte[] Raw, string[] Strings)
{
    public long ElementCount => OrtValue.ElementCount(Dims);

    public T[] Values<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(Raw).ToArray();

    public static TensorProto Load(string path) => TensorProtoReader.Read(File.ReadAllBytes(path));
}

/// <summary>
/// A hand-written reader of the protobuf wire format for <c>onnx.TensorProto</c> (onnx.proto): dims=1
/// (int64, packed or not), data_type=2, float_data=4, int32_data=5, string_data=6, int64_data=7,
/// name=8, raw_data=9, double_data=10, uint64_data=11. Other fields are skipped. When not raw,
/// int8/uint8/int16/uint16/bool/float16 values live in int32_data and uint32 in uint64_data.
/// </summary>
internal static class TensorProtoReader
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    public static TensorProto Read(ReadOnlySpan<byte> message)
    {
        var dims = new List<long>();
        var floats = new List<float>();
        var doubles = new List<double>();
        var integers = new List<long>(); // int32_data, int64_data and uint64_data, as their varints
        var strings = new List<string>();
        var type = OnnxElementType.Undefined;
        var name = string.Empty;
        byte[]? raw = null;
        var at = 0;
        while (at < message.Length)
        {
            var key = ReadVarint(message, ref at);
            var field = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (field)
            {
                case 1: ReadIntegers(message, ref at, wire, dims); break;
                case 2: type = (OnnxElementType)(int)ReadVarint(message, ref at); break;
                case 4: ReadFixed(message, ref at, wire, Fixed32, floats, static b => BinaryPrimitives.ReadSingleLittleEndian(b)); break;
                case 5 or 7 or 11: ReadIntegers(message, ref at, wire, integers); break;
                case 6: strings.Add(Encoding.UTF8.GetString(ReadBytes(message, ref at, wire))); break;
                case 8: name = Encoding.UTF8.GetString(ReadBytes(message, ref at, wire)); break;
                case 9: raw = ReadBytes(message, ref at, wire).ToArray(); break;
                case 10: ReadFixed(message, ref at, wire, Fixed64, doubles, static b => BinaryPrimitives.ReadDoubleLittleEndian(b)); break;
                default: Skip(message, ref at, wire); break;
            }
        }

        if (type == OnnxElementType.String)
        {
            return new TensorProto(name, type, [.. dims], [], [.. strings]);
        }

        raw ??= type switch
        {
            OnnxElementType.Float => MemoryMarshal.AsBytes(floats.ToArray().AsSpan()).ToArray(),
            OnnxElementType.Double => MemoryMarshal.AsBytes(doubles.ToArray().AsSpan()).ToArray(),
            _ => Narrow(integers, OnnxElementTypes.Size(type)),
        };
        return new TensorProto(name, type, [.. dims], raw, []);
    }

    /// <summary>Keeps the low <paramref name="size"/> bytes of each value: two's complement makes this right for signed and unsigned types.</summary>
    private static byte[] Narrow(List<long> values, int size)
    {
        if (size == 0)
        {
            throw new NotSupportedException("TensorProto element type without a fixed size.");
        }

        var bytes = new byte[values.Count * size];
        Span<byte> scratch = stackalloc byte[8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(scratch, values[i]);
            scratch[..size].CopyTo(bytes.AsSpan(i * size));
        }

        return bytes;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("Malformed varint.");
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> message, ref int at, int wire)
    {
        if (wire != LengthDelimited)
        {
            throw new InvalidDataException($"Expected a length-delimited field, got wire type {wire}.");
        }

        var length = checked((int)ReadVarint(message, ref at));
        var bytes = message.Slice(at, length);
        at += length;
        return bytes;
    }

    /// <summary>A repeated varint field: packed (one length-delimited run) or one value per tag.</summary>
    private static void ReadIntegers(ReadOnlySpan<byte> message, ref int at, int wire, List<long> into)
    {
        if (wire == Varint)
        {
            into.Add((long)ReadVarint(message, ref at));
            return;
        }

        var packed = ReadBytes(message, ref at, wire);
        var p = 0;
        while (p < packed.Length)
        {
            into.Add((long)ReadVarint(packed, ref p));
        }
    }

    private delegate T Decode<out T>(ReadOnlySpan<byte> bytes);

    /// <summary>A repeated float (fixed32) or double (fixed64) field, packed or not.</summary>
    private static void ReadFixed<T>(ReadOnlySpan<byte> message, ref int at, int wire, int unpackedWire, List<T> into, Decode<T> decode)
    {
        var size = unpackedWire == Fixed32 ? 4 : 8;
        if (wire == unpackedWire)
        {
            into.Add(decode(message.Slice(at, size)));
            at += size;
            return;
        }

        var packed = ReadBytes(message, ref at, wire);
        for (var p = 0; p < packed.Length; p += size)
        {
            into.Add(decode(packed.Slice(p, size)));
        }
    }

    private static void Skip(ReadOnlySpan<byte> message, ref int at, int wire)
    {
        switch (wire)
        {
            case Varint: ReadVarint(message, ref at); break;
            case Fixed64: at += 8; break;
            case LengthDelimited: ReadBytes(message, ref at, wire); break;
            case Fixed32: at += 4; break;
            default: throw new InvalidDataException($"Unsupported wire type {wire}.");
        }
    }
}
