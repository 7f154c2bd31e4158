using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// Values of ROW tokens (MS-TDS 2.2.5.5), straight into column vectors in the storage layout: integers
/// and floats copied, decimals and money as scaled Int128, dates as days since 1970, times and
/// datetimes as microseconds (datetimeoffset in UTC, its offset dropped; 100 ns digits truncated),
/// GUIDs in RFC 4122 byte order, character data as UTF-8 (UTF-16 data transcoded, non-UTF-8 varchar
/// read as code page 1252). <see cref="Skip"/> finds where a value ends without decoding it.
/// </summary>
public static class TdsValueReader
{
    private const ulong PlpNull = ulong.MaxValue;
    private const ushort VarNull = 0xFFFF;
    private const long MicrosPerDay = 86_400_000_000;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    private static readonly int DaysFrom1900 = EpochDayNumber - new DateOnly(1900, 1, 1).DayNumber;
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>Moves past one value; leaves the reader <see cref="StreamingSpanReader.Incomplete"/> if it has not fully arrived.</summary>
    public static void Skip(ref StreamingSpanReader reader, in TdsTypeInfo type)
    {
        switch (type.Format)
        {
            case TdsValueFormat.Fixed:
                reader.Skip(type.Length);
                break;
            case TdsValueFormat.ByteLength:
                reader.Skip(reader.ReadByte());
                break;
            case TdsValueFormat.UShortLength:
                var length = reader.ReadUInt16();
                reader.Skip(length == VarNull ? 0 : length);
                break;
            default:
                if (reader.ReadUInt64() == PlpNull)
                {
                    break;
                }

                // Chunks until a zero-length terminator (an incomplete read yields 0 and ends the loop).
                for (var chunk = reader.ReadUInt32(); chunk != 0; chunk = reader.ReadUInt32())
                {
                    reader.Skip(chunk > int.MaxValue ? -1 : (int)chunk);
                }

                break;
        }
    }

    /// <summary>Decodes one value that has fully arrived into row <paramref name="row"/> of <paramref name="column"/>.</summary>
    public static void Read(ref StreamingSpanReader reader, in TdsTypeInfo type, ColumnVector column, int row)
    {
        if (type.Format == TdsValueFormat.Plp)
        {
            ReadPlp(ref reader, type, column);
            return;
        }

        var length = type.Format switch
        {
            TdsValueFormat.Fixed => type.Length,
            TdsValueFormat.ByteLength => reader.ReadByte(),
            _ => reader.ReadUInt16() is var n && n == VarNull ? -1 : n,
        };
        var isNull = length < 0 || (type.Format == TdsValueFormat.ByteLength && length == 0);
        if (column.Type.IsVariableWidth)
        {
            if (isNull)
            {
                column.AppendNull();
            }
            else
            {
                AppendVariable(type, reader.ReadBytes(length), column);
            }

            return;
        }

        if (isNull)
        {
            column.SetNull(row);
            return;
        }

        WriteFixed(type, reader.ReadBytes(length), column, row);
    }

    private static void WriteFixed(in TdsTypeInfo type, ReadOnlySpan<byte> value, ColumnVector column, int row)
    {
        var sqlType = column.Type;
        var width = sqlType.FixedWidth;
        var slot = column.GetWritableValues<byte>().Slice(row * width, width);
        switch (sqlType.Id)
        {
            case SqlTypeId.Bit:
                slot[0] = value[0] != 0 ? (byte)1 : (byte)0;
                break;
            case SqlTypeId.Decimal:
                MemoryMarshal.Write(slot, ReadDecimal(type.WireType, value));
                break;
            case SqlTypeId.Date:
                BinaryPrimitives.WriteInt32LittleEndian(slot, ReadUInt24(value) - EpochDayNumber);
                break;
            case SqlTypeId.Time:
                BinaryPrimitives.WriteInt64LittleEndian(slot, TimeMicros(value, type.Scale));
                break;
            case SqlTypeId.DateTime or SqlTypeId.DateTime2:
                BinaryPrimitives.WriteInt64LittleEndian(slot, TimestampMicros(type, value));
                break;
            case SqlTypeId.UniqueIdentifier:
                CheckLength(value, 16, type);
                new Guid(value).TryWriteBytes(slot, bigEndian: true, out _);
                break;
            default:
                // tinyint, smallint, int, bigint, real, float: little-endian, the storage layout already.
                CheckLength(value, width, type);
                value.CopyTo(slot);
                break;
        }
    }

    private static Int128 ReadDecimal(byte wireType, ReadOnlySpan<byte> value)
    {
        if (wireType is BulkTypeInfoReader.Money or BulkTypeInfoReader.MoneyN or BulkTypeInfoReader.Money4)
        {
            // money: the high DWORD first, then the low one; smallmoney: one int. Both count 1/10000.
            return value.Length == 8
                ? ((long)BinaryPrimitives.ReadInt32LittleEndian(value) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(value[4..])
                : BinaryPrimitives.ReadInt32LittleEndian(value);
        }

        if (value.Length is < 2 or > 17)
        {
            throw new TdsProtocolException($"A decimal value of {value.Length} bytes.");
        }

        Span<byte> magnitude = stackalloc byte[16];
        magnitude.Clear();
        value[1..].CopyTo(magnitude);
        var scaled = (Int128)BinaryPrimitives.ReadUInt128LittleEndian(magnitude);
        return value[0] == 0 ? -scaled : scaled;
    }

    /// <summary>Microseconds since 1970 of a datetime, smalldatetime, datetime2 or datetimeoffset value.</summary>
    private static long TimestampMicros(in TdsTypeInfo type, ReadOnlySpan<byte> value)
    {
        switch (type.WireType)
        {
            case BulkTypeInfoReader.DateTime or BulkTypeInfoReader.DateTimeN when value.Length == 8:
                // Days since 1900-01-01, then 1/300-second ticks since midnight.
                var days = BinaryPrimitives.ReadInt32LittleEndian(value) - DaysFrom1900;
                var ticks = BinaryPrimitives.ReadUInt32LittleEndian(value[4..]);
                return (days * MicrosPerDay) + (((ticks * 10_000L) + 1) / 3);
            case BulkTypeInfoReader.DateTime4 or BulkTypeInfoReader.DateTimeN:
                CheckLength(value, 4, type);
                var smallDays = BinaryPrimitives.ReadUInt16LittleEndian(value) - DaysFrom1900;
                return (smallDays * MicrosPerDay) + (BinaryPrimitives.ReadUInt16LittleEndian(value[2..]) * 60_000_000L);
            default:
                // datetime2 / datetimeoffset: time, then a 3-byte date (datetimeoffset: UTC, then an offset we drop).
                var timeBytes = TimeBytes(type.Scale);
                var date = ReadUInt24(value[timeBytes..]) - EpochDayNumber;
                return (date * MicrosPerDay) + TimeMicros(value[..timeBytes], type.Scale);
        }
    }

    /// <summary>A time of day in units of 10^-scale seconds (3-5 bytes), as microseconds.</summary>
    private static long TimeMicros(ReadOnlySpan<byte> value, int scale)
    {
        if (value.Length != TimeBytes(scale))
        {
            throw new TdsProtocolException($"A time value of {value.Length} bytes for scale {scale}.");
        }

        Span<byte> eight = stackalloc byte[8];
        eight.Clear();
        value.CopyTo(eight);
        var units = BinaryPrimitives.ReadInt64LittleEndian(eight);
        return scale switch
        {
            7 => units / 10,
            6 => units,
            _ => units * Pow10(6 - scale),
        };
    }

    private static int TimeBytes(int scale) => scale <= 2 ? 3 : scale <= 4 ? 4 : 5;

    private static void AppendVariable(in TdsTypeInfo type, ReadOnlySpan<byte> value, ColumnVector column)
    {
        if (!column.Type.IsString)
        {
            column.AppendBytes(value);
        }
        else if (type.WireType is BulkTypeInfoReader.NVarChar or BulkTypeInfoReader.NChar)
        {
            if ((value.Length & 1) != 0)
            {
                throw new TdsProtocolException($"A UTF-16 value of an odd {value.Length} bytes.");
            }

            column.AppendString(MemoryMarshal.Cast<byte, char>(value));
        }
        else if (Ascii.IsValid(value) || (type.Utf8 && Utf8.IsValid(value)))
        {
            column.AppendBytes(value);
        }
        else
        {
            var chars = ArrayPool<char>.Shared.Rent(value.Length);
            var count = (type.Utf8 ? Encoding.UTF8 : Windows1252).GetChars(value, chars);
            column.AppendString(chars.AsSpan(0, count));
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A PLP value: one chunk is decoded in place; several are joined first.</summary>
    private static void ReadPlp(ref StreamingSpanReader reader, in TdsTypeInfo type, ColumnVector column)
    {
        if (reader.ReadUInt64() == PlpNull)
        {
            column.AppendNull();
            return;
        }

        var first = reader.ReadBytes((int)reader.ReadUInt32());
        var next = reader.ReadUInt32();
        if (next == 0)
        {
            AppendVariable(type, first, column);
            return;
        }

        var joined = new ArrayBufferWriter<byte>(first.Length * 2);
        joined.Write(first);
        for (; next != 0; next = reader.ReadUInt32())
        {
            joined.Write(reader.ReadBytes((int)next));
        }

        AppendVariable(type, joined.WrittenSpan, column);
    }

    private static int ReadUInt24(ReadOnlySpan<byte> value) => value.Length < 3
        ? throw new TdsProtocolException($"A date value of {value.Length} bytes.")
        : value[0] | (value[1] << 8) | (value[2] << 16);

    private static void CheckLength(ReadOnlySpan<byte> value, int expected, in TdsTypeInfo type)
    {
        if (value.Length != expected)
        {
            throw new TdsProtocolException($"A value of {value.Length} bytes for TDS type 0x{type.WireType:X2}, which takes {expected}.");
        }
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
