using System.Buffers.Binary;
using System.Data.SqlTypes;
using System.Runtime.InteropServices;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// Reads a parameter value (TYPE_VARBYTE) into its CLR value: null for NULL; byte, short, int, long,
/// bool, float, double; SqlDecimal for decimal and money (money as decimal(19,4), smallmoney as
/// decimal(10,4)); DateOnly, TimeOnly, DateTime (datetime2, datetime, smalldatetime, and datetimeoffset
/// converted to UTC); Guid; string (varchar decoded with its collation's code page); byte[].
/// </summary>
public static class ParameterValueReader
{
    private const ulong PlpNull = ulong.MaxValue;
    private const ulong PlpUnknownLength = ulong.MaxValue - 1;

    /// <summary>The last day DATEN and DATETIME2N can hold (9999-12-31) as days since 0001-01-01.</summary>
    private static readonly int MaxDayNumber = DateOnly.MaxValue.DayNumber;

    private static readonly DateTime DateTimeBase = new(1900, 1, 1);

    public static object? Read(ref TdsSpanReader reader, in RpcTypeInfo type, int ordinal, string name)
    {
        switch (type.Layout)
        {
            case TdsValueLayout.Fixed:
                return type.Kind == TdsValueKind.Null ? null : Decode(type, reader.ReadBytes(type.Size, "a parameter value"), ordinal, name);
            case TdsValueLayout.ByteLength:
                var length = reader.ReadByte("a parameter value length");
                if (length == 0)
                {
                    return null;
                }

                var exact = type.Kind != TdsValueKind.Decimal;
                if (exact ? length != type.Size : length is < 2 or > 17)
                {
                    throw TypeInfoReader.InvalidLength(ordinal, name, type.Token);
                }

                return Decode(type, reader.ReadBytes(length, "a parameter value"), ordinal, name);
            case TdsValueLayout.UShortLength:
                var shortLength = reader.ReadUInt16("a parameter value length");
                if (shortLength == 0xFFFF)
                {
                    return null;
                }

                if (shortLength > type.Size)
                {
                    throw TypeInfoReader.InvalidLength(ordinal, name, type.Token);
                }

                return Decode(type, reader.ReadBytes(shortLength, "a parameter value"), ordinal, name);
            case TdsValueLayout.LongLength:
                var longLength = reader.ReadUInt32("a parameter value length");
                if (longLength == uint.MaxValue)
                {
                    return null;
                }

                if (longLength > (uint)reader.Remaining)
                {
                    throw new TdsProtocolException($"Parameter {ordinal} (\"{name}\") declares {longLength} bytes; the request has {reader.Remaining} left.");
                }

                return Decode(type, reader.ReadBytes((int)longLength, "a parameter value"), ordinal, name);
            default:
                var plp = ReadPlp(ref reader, ordinal, name);
                return plp is null ? null : Decode(type, plp, ordinal, name);
        }
    }

    /// <summary>
    /// PLP_BODY: the total (or unknown), then chunks of ULONG length + data until a zero-length chunk.
    /// The chunks are measured first, so the value is copied once into an array of the right size.
    /// </summary>
    private static byte[]? ReadPlp(ref TdsSpanReader reader, int ordinal, string name)
    {
        var total = reader.ReadUInt64("a PLP length");
        if (total == PlpNull)
        {
            return null;
        }

        if (total != PlpUnknownLength && total > (ulong)reader.Remaining)
        {
            throw new TdsProtocolException($"Parameter {ordinal} (\"{name}\") declares {total} bytes; the request has {reader.Remaining} left.");
        }

        var scan = reader;
        long sum = 0;
        while (true)
        {
            var chunk = scan.ReadUInt32("a PLP chunk length");
            if (chunk == 0)
            {
                break;
            }

            if (chunk > (uint)scan.Remaining)
            {
                throw new TdsProtocolException($"Parameter {ordinal} (\"{name}\"): a PLP chunk of {chunk} bytes runs past the request ({scan.Remaining} left).");
            }

            scan.Skip((int)chunk, "a PLP chunk");
            sum += chunk;
        }

        if (total != PlpUnknownLength && (ulong)sum != total)
        {
            throw new TdsProtocolException($"Parameter {ordinal} (\"{name}\"): the PLP chunks hold {sum} bytes but the value declares {total}.");
        }

        var value = new byte[sum];
        var written = 0;
        while (true)
        {
            var chunk = (int)reader.ReadUInt32("a PLP chunk length");
            if (chunk == 0)
            {
                return value;
            }

            reader.ReadBytes(chunk, "a PLP chunk").CopyTo(value.AsSpan(written));
            written += chunk;
        }
    }

    private static object Decode(in RpcTypeInfo type, ReadOnlySpan<byte> bytes, int ordinal, string name)
    {
        switch (type.Kind)
        {
            case TdsValueKind.Integer:
                return bytes.Length switch
                {
                    1 => bytes[0],
                    2 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
                    4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                    _ => (object)BinaryPrimitives.ReadInt64LittleEndian(bytes),
                };
            case TdsValueKind.Bit:
                return bytes[0] != 0;
            case TdsValueKind.Float:
                return bytes.Length == 4 ? (object)BinaryPrimitives.ReadSingleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
            case TdsValueKind.Money:
                return ReadMoney(bytes);
            case TdsValueKind.DateTime:
                return bytes.Length == 4 ? ReadSmallDateTime(bytes, ordinal, name, type.Token) : ReadDateTime(bytes, ordinal, name, type.Token);
            case TdsValueKind.Decimal:
                return ReadDecimal(type, bytes, ordinal, name);
            case TdsValueKind.Date:
                return DateOnly.FromDayNumber(Days(bytes, ordinal, name, type.Token));
            case TdsValueKind.Time:
                return new TimeOnly(TimeTicks(bytes, type.Type.Precision, ordinal, name, type.Token));
            case TdsValueKind.DateTime2:
            case TdsValueKind.DateTimeOffset:
                // DATETIMEOFFSETN carries the UTC date and time, then the offset in minutes: the UTC instant is what we keep.
                var timeBytes = TypeInfoReader.TimeBytes(type.Type.Precision);
                var ticks = TimeTicks(bytes[..timeBytes], type.Type.Precision, ordinal, name, type.Token);
                var days = Days(bytes.Slice(timeBytes, 3), ordinal, name, type.Token);
                if (type.Kind == TdsValueKind.DateTimeOffset && Math.Abs(BinaryPrimitives.ReadInt16LittleEndian(bytes[(timeBytes + 3)..])) > 14 * 60)
                {
                    throw TypeInfoReader.InvalidLength(ordinal, name, type.Token);
                }

                return new DateTime((days * TimeSpan.TicksPerDay) + ticks, DateTimeKind.Unspecified);
            case TdsValueKind.Guid:
                return new Guid(bytes);
            case TdsValueKind.AnsiText:
                return type.Collation.Encoding.GetString(bytes);
            case TdsValueKind.UnicodeText:
                return (bytes.Length & 1) == 0
                    ? new string(MemoryMarshal.Cast<byte, char>(bytes))
                    : throw TypeInfoReader.InvalidLength(ordinal, name, type.Token);
            default:
                return bytes.ToArray();
        }
    }

    // money: the high DWORD first, then the low one, counting ten-thousandths; smallmoney: one DWORD.
    private static SqlDecimal ReadMoney(ReadOnlySpan<byte> bytes)
    {
        var units = bytes.Length == 4
            ? BinaryPrimitives.ReadInt32LittleEndian(bytes)
            : ((long)BinaryPrimitives.ReadInt32LittleEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        var magnitude = units < 0 ? (ulong)(-(units + 1)) + 1 : (ulong)units;
        return new SqlDecimal(bytes.Length == 4 ? (byte)10 : (byte)19, 4, units >= 0, (int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, 0);
    }

    private static SqlDecimal ReadDecimal(in RpcTypeInfo type, ReadOnlySpan<byte> bytes, int ordinal, string name)
    {
        Span<byte> magnitude = stackalloc byte[16];
        magnitude.Clear();
        bytes[1..].CopyTo(magnitude);
        Span<int> data = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            data[i] = BinaryPrimitives.ReadInt32LittleEndian(magnitude[(i * 4)..]);
        }

        try
        {
            return new SqlDecimal(type.Type.Precision, type.Type.Scale, bytes[0] == 1, data[0], data[1], data[2], data[3]);
        }
        catch (Exception e) when (e is OverflowException or SqlTypeException)
        {
            throw new EngineException(ErrorNumbers.ArithmeticOverflow, 16, 1, $"Arithmetic overflow error converting parameter {ordinal} (\"{name}\") to data type numeric({type.Type.Precision},{type.Type.Scale}).");
        }
    }

    // datetime: days since 1900-01-01 (negative back to 1753) and 1/300-second ticks. The ticks are
    // rounded to whole milliseconds as SqlDateTime does, so .123 sent comes back .123, not .1233333.
    private static DateTime ReadDateTime(ReadOnlySpan<byte> bytes, int ordinal, string name, byte token)
    {
        var days = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var ticks300 = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (days is < -53690 or > 2958463 || ticks300 >= 300u * 86400)
        {
            throw TypeInfoReader.InvalidLength(ordinal, name, token);
        }

        var milliseconds = (long)((ticks300 / 0.3) + 0.5);
        return DateTimeBase.AddDays(days).AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
    }

    // smalldatetime: USHORT days since 1900-01-01, USHORT minutes since midnight.
    private static DateTime ReadSmallDateTime(ReadOnlySpan<byte> bytes, int ordinal, string name, byte token)
    {
        var minutes = BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]);
        return minutes < 24 * 60
            ? DateTimeBase.AddDays(BinaryPrimitives.ReadUInt16LittleEndian(bytes)).AddMinutes(minutes)
            : throw TypeInfoReader.InvalidLength(ordinal, name, token);
    }

    private static int Days(ReadOnlySpan<byte> bytes, int ordinal, string name, byte token)
    {
        var days = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
        return days <= MaxDayNumber ? days : throw TypeInfoReader.InvalidLength(ordinal, name, token);
    }

    /// <summary>A time of day in units of 10^-scale seconds, as 100 ns ticks.</summary>
    private static long TimeTicks(ReadOnlySpan<byte> bytes, int scale, int ordinal, string name, byte token)
    {
        Span<byte> eight = stackalloc byte[8];
        eight.Clear();
        bytes.CopyTo(eight);
        var units = BinaryPrimitives.ReadInt64LittleEndian(eight);
        long factor = 1;
        for (var i = scale; i < 7; i++)
        {
            factor *= 10;
        }

        return units < TimeSpan.TicksPerDay / factor ? units * factor : throw TypeInfoReader.InvalidLength(ordinal, name, token);
    }
}
