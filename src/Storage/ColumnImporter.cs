using System.Buffers.Binary;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Native;
using PredictEngine.Storage.Types;

namespace PredictEngine.Storage;

/// <summary>
/// Copies rows of one DuckDB result vector into a <see cref="ColumnVector"/>. The conversion is chosen
/// once per column from the source type; per chunk it is a block copy (same layout) or one tight loop
/// (widening, decimal to Int128, UUID, strings) with no allocation.
/// </summary>
internal sealed unsafe class ColumnImporter
{
    private const long UuidSignFlip = unchecked((long)0x8000_0000_0000_0000UL);
    private readonly DuckDbType _source;
    private readonly DuckDbType _decimalStorage;

    public ColumnImporter(DuckDbType source, DuckDbType decimalStorage, SqlType target)
    {
        _source = source;
        _decimalStorage = decimalStorage;
        Target = target;
    }

    public SqlType Target { get; }

    /// <summary>Imports rows [offset, offset + count) of <paramref name="vector"/> into rows [row, row + count) of <paramref name="target"/>.</summary>
    public void Import(nint vector, int offset, int count, ColumnVector target, int row)
    {
        var data = (byte*)DuckDbNative.vector_get_data(vector);
        var validity = (byte*)DuckDbNative.vector_get_validity(vector);
        var validityBytes = validity == null ? default : new ReadOnlySpan<byte>(validity, Bitmap.BytesFor(offset + count));
        if (Target.IsVariableWidth)
        {
            ImportStrings(data, validityBytes, offset, count, target);
            return;
        }

        var width = Target.FixedWidth;
        var dst = target.GetWritableValues<byte>().Slice(row * width, count * width);
        switch (_source)
        {
            case DuckDbType.TinyInt:
                Widen<sbyte, short>(data, offset, dst, count);
                break;
            case DuckDbType.USmallInt:
                Widen<ushort, int>(data, offset, dst, count);
                break;
            case DuckDbType.UInteger:
                Widen<uint, long>(data, offset, dst, count);
                break;
            case DuckDbType.Decimal:
                ImportDecimal(data, offset, dst, count);
                break;
            case DuckDbType.HugeInt:
                new ReadOnlySpan<byte>(data + (offset * 16), count * 16).CopyTo(dst);
                break;
            case DuckDbType.UBigInt:
                Widen<ulong, Int128>(data, offset, dst, count);
                break;
            case DuckDbType.Uuid:
                ImportUuid((DuckHugeInt*)data + offset, dst, count);
                break;
            case DuckDbType.TimestampS:
                Scale(data, offset, dst, count, 1_000_000, 1);
                break;
            case DuckDbType.TimestampMs:
                Scale(data, offset, dst, count, 1_000, 1);
                break;
            case DuckDbType.TimestampNs:
                Scale(data, offset, dst, count, 1, 1_000);
                break;
            case DuckDbType.SqlNull:
                dst.Clear();
                for (var i = 0; i < count; i++)
                {
                    target.SetNull(row + i);
                }

                return;
            default:
                new ReadOnlySpan<byte>(data + (offset * width), count * width).CopyTo(dst);
                break;
        }

        if (validity != null)
        {
            target.CopyValidity(validityBytes, offset, row, count);
        }
    }

    private static void Widen<TFrom, TTo>(byte* data, int offset, Span<byte> dst, int count)
        where TFrom : unmanaged, System.Numerics.INumberBase<TFrom>
        where TTo : unmanaged, System.Numerics.INumberBase<TTo>
    {
        var src = (TFrom*)data + offset;
        var to = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, TTo>(dst);
        for (var i = 0; i < count; i++)
        {
            to[i] = TTo.CreateTruncating(src[i]);
        }
    }

    private static void Scale(byte* data, int offset, Span<byte> dst, int count, long multiply, long divide)
    {
        var src = (long*)data + offset;
        var to = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(dst);
        for (var i = 0; i < count; i++)
        {
            to[i] = src[i] * multiply / divide;
        }
    }

    private void ImportDecimal(byte* data, int offset, Span<byte> dst, int count)
    {
        switch (_decimalStorage)
        {
            case DuckDbType.SmallInt:
                Widen<short, Int128>(data, offset, dst, count);
                break;
            case DuckDbType.Integer:
                Widen<int, Int128>(data, offset, dst, count);
                break;
            case DuckDbType.BigInt:
                Widen<long, Int128>(data, offset, dst, count);
                break;
            default:
                new ReadOnlySpan<byte>(data + (offset * 16), count * 16).CopyTo(dst);
                break;
        }
    }

    // DuckDB keeps a UUID as a hugeint whose top bit is flipped (so signed order is byte order);
    // undo the flip and lay the 128 bits out big-endian, RFC 4122 order.
    private static void ImportUuid(DuckHugeInt* src, Span<byte> dst, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var slot = dst.Slice(i * 16, 16);
            BinaryPrimitives.WriteInt64BigEndian(slot, src[i].Upper ^ UuidSignFlip);
            BinaryPrimitives.WriteUInt64BigEndian(slot[8..], src[i].Lower);
        }
    }

    private static void ImportStrings(byte* strings, ReadOnlySpan<byte> validity, int offset, int count, ColumnVector target)
    {
        for (var i = offset; i < offset + count; i++)
        {
            if (!validity.IsEmpty && !Bitmap.Get(validity, i))
            {
                target.AppendNull();
                continue;
            }

            target.AppendBytes(StringAt(strings, i));
        }
    }

    /// <summary>duckdb_string_t (16 bytes): uint32 length, then 12 inline bytes, or a 4-byte prefix and a pointer at offset 8.</summary>
    private static ReadOnlySpan<byte> StringAt(byte* strings, int index)
    {
        var slot = strings + (index * 16);
        var length = *(uint*)slot;
        var bytes = length <= 12 ? slot + 4 : *(byte**)(slot + 8);
        return new ReadOnlySpan<byte>(bytes, (int)length);
    }
}
