using System.Buffers.Binary;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>
/// TYPE_INFO and values for every stored type (MS-TDS 2.2.5). All columns use the nullable variants
/// (INTN, BITN, FLTN, DECIMALN, DATEN, TIMEN, DATETIME2N, DATETIMN, GUID); strings are sent as
/// NVARCHAR (UTF-16, so no code page can lose characters), (max) types as PLP.
/// </summary>
public static partial class TdsTypes
{
    private const byte IntN = 0x26;
    private const byte BitN = 0x68;
    private const byte FloatN = 0x6D;
    private const byte DecimalN = 0x6A;
    private const byte DateN = 0x28;
    private const byte TimeN = 0x29;
    private const byte DateTime2N = 0x2A;
    private const byte DateTimeN = 0x6F;
    private const byte Guid = 0x24;
    private const byte NVarChar = 0xE7;
    private const byte BigVarBinary = 0xA5;
    private const ushort PlpMarker = 0xFFFF;
    private const ulong PlpNull = ulong.MaxValue;

    /// <summary>Days from 0001-01-01 to 1970-01-01 (DATEN counts from year 1).</summary>
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Days from 1900-01-01 to 1970-01-01 (DATETIME counts from 1900).</summary>
    private static readonly int DaysFrom1900 = EpochDayNumber - new DateOnly(1900, 1, 1).DayNumber;

    public static void WriteTypeInfo(TdsPacketWriter writer, SqlType type)
    {
        switch (type.Id)
        {
            case SqlTypeId.Bit: Fixed(writer, BitN, 1); break;
            case SqlTypeId.TinyInt: Fixed(writer, IntN, 1); break;
            case SqlTypeId.SmallInt: Fixed(writer, IntN, 2); break;
            case SqlTypeId.Int: Fixed(writer, IntN, 4); break;
            case SqlTypeId.BigInt: Fixed(writer, IntN, 8); break;
            case SqlTypeId.Real: Fixed(writer, FloatN, 4); break;
            case SqlTypeId.Float: Fixed(writer, FloatN, 8); break;
            case SqlTypeId.Decimal:
                // Length 17 whatever the precision, as SQL Server sends it: SqlBulkCopy echoes this length
                // as each value's length prefix yet always writes a 16-byte magnitude. Values below still
                // use the shortest length for their precision, which every reader accepts.
                writer.WriteByte(DecimalN);
                writer.WriteByte(17);
                writer.WriteByte(type.Precision);
                writer.WriteByte(type.Scale);
                break;
            case SqlTypeId.Date: writer.WriteByte(DateN); break;
            case SqlTypeId.Time: writer.WriteByte(TimeN); writer.WriteByte(type.Precision); break;
            case SqlTypeId.DateTime2: writer.WriteByte(DateTime2N); writer.WriteByte(type.Precision); break;
            case SqlTypeId.DateTime: Fixed(writer, DateTimeN, 8); break;
            case SqlTypeId.UniqueIdentifier: Fixed(writer, Guid, 16); break;
            case SqlTypeId.VarBinary:
                writer.WriteByte(BigVarBinary);
                writer.WriteUInt16(IsPlp(type) ? PlpMarker : (ushort)type.Length);
                break;
            default: // char, varchar, nchar, nvarchar
                writer.WriteByte(NVarChar);
                writer.WriteUInt16(IsPlp(type) ? PlpMarker : (ushort)(type.Length * 2));
                writer.WriteBytes(EnvChangeToken.DefaultCollation);
                break;
        }
    }

    /// <summary>(max) types, and strings too long for NVARCHAR(n) (4000 characters), travel as PLP.</summary>
    public static bool IsPlp(SqlType type) => type.Length == SqlType.MaxLength
        || (type.IsString && type.Length * 2 > 8000)
        || (type.Id == SqlTypeId.VarBinary && type.Length > 8000);

    public static void WriteValue(TdsPacketWriter writer, ColumnVector column, int row)
    {
        var type = column.Type;
        var isNull = column.HasNulls && column.IsNull(row);
        if (type.IsVariableWidth)
        {
            WriteVariable(writer, column, row, isNull);
            return;
        }

        if (isNull)
        {
            writer.WriteByte(0);
            return;
        }

        switch (type.Id)
        {
            case SqlTypeId.Bit:
            case SqlTypeId.TinyInt:
                var one = writer.GetSpan(2);
                one[0] = 1;
                one[1] = column.GetValues<byte>()[row];
                writer.Advance(2);
                break;
            case SqlTypeId.SmallInt: Sized(writer, column.GetValues<short>()[row]); break;
            case SqlTypeId.Int: Sized(writer, column.GetValues<int>()[row]); break;
            case SqlTypeId.BigInt: Sized(writer, column.GetValues<long>()[row]); break;
            case SqlTypeId.Real: Sized(writer, column.GetValues<float>()[row]); break;
            case SqlTypeId.Float: Sized(writer, column.GetValues<double>()[row]); break;
            case SqlTypeId.Decimal: WriteDecimal(writer, column.GetValues<Int128>()[row], type.Precision); break;
            case SqlTypeId.Date: WriteDate(writer, column.GetValues<int>()[row]); break;
            case SqlTypeId.Time: WriteTime(writer, column.GetValues<long>()[row], type.Precision, withDate: false); break;
            case SqlTypeId.DateTime2: WriteTime(writer, column.GetValues<long>()[row], type.Precision, withDate: true); break;
            case SqlTypeId.DateTime: WriteDateTime(writer, column.GetValues<long>()[row]); break;
            case SqlTypeId.UniqueIdentifier:
                var guid = writer.GetSpan(17);
                guid[0] = 16;
                new System.Guid(column.GetValues<byte>().Slice(row * 16, 16), bigEndian: true).TryWriteBytes(guid[1..]);
                writer.Advance(17);
                break;
            default:
                throw new InvalidOperationException($"No TDS encoding for {type}.");
        }
    }

    private static void Fixed(TdsPacketWriter writer, byte token, byte length)
    {
        writer.WriteByte(token);
        writer.WriteByte(length);
    }

    private static unsafe void Sized<T>(TdsPacketWriter writer, T value)
        where T : unmanaged
    {
        var span = writer.GetSpan(1 + sizeof(T));
        span[0] = (byte)sizeof(T);
        System.Runtime.InteropServices.MemoryMarshal.Write(span[1..], in value);
        writer.Advance(1 + sizeof(T));
    }

    private static byte DecimalLength(int precision) => precision switch
    {
        <= 9 => 5,
        <= 19 => 9,
        <= 28 => 13,
        _ => 17,
    };

    private static void WriteDecimal(TdsPacketWriter writer, Int128 value, int precision)
    {
        var length = DecimalLength(precision);
        var span = writer.GetSpan(1 + length);
        span[0] = length;
        span[1] = value < 0 ? (byte)0 : (byte)1;
        var magnitude = (UInt128)(value < 0 ? -value : value);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(bytes, magnitude);
        bytes[..(length - 1)].CopyTo(span[2..]);
        writer.Advance(1 + length);
    }

    private static void WriteDate(TdsPacketWriter writer, int daysSince1970)
    {
        var span = writer.GetSpan(4);
        span[0] = 3;
        WriteUInt24(span[1..], daysSince1970 + EpochDayNumber);
        writer.Advance(4);
    }

    private static void WriteTime(TdsPacketWriter writer, long micros, int scale, bool withDate)
    {
        var timeBytes = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
        var days = 0;
        if (withDate)
        {
            days = (int)Math.Floor(micros / (double)TimeSpan.MicrosecondsPerDay);
            micros -= days * TimeSpan.MicrosecondsPerDay;
        }

        // Time of day in units of 10^-scale seconds.
        var units = scale >= 6 ? micros * Pow10(scale - 6) : micros / Pow10(6 - scale);
        var length = timeBytes + (withDate ? 3 : 0);
        var span = writer.GetSpan(1 + length);
        span[0] = (byte)length;
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(eight, units);
        eight[..timeBytes].CopyTo(span[1..]);
        if (withDate)
        {
            WriteUInt24(span[(1 + timeBytes)..], days + EpochDayNumber);
        }

        writer.Advance(1 + length);
    }

    private static void WriteDateTime(TdsPacketWriter writer, long micros)
    {
        var days = (int)Math.Floor(micros / (double)TimeSpan.MicrosecondsPerDay);
        var timeOfDay = micros - (days * TimeSpan.MicrosecondsPerDay);
        var span = writer.GetSpan(9);
        span[0] = 8;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], days + DaysFrom1900);
        BinaryPrimitives.WriteUInt32LittleEndian(span[5..], (uint)Math.Round(timeOfDay * 300 / 1_000_000.0));
        writer.Advance(9);
    }

    private static void WriteVariable(TdsPacketWriter writer, ColumnVector column, int row, bool isNull)
    {
        var plp = IsPlp(column.Type);
        var isString = column.Type.IsString;
        if (isNull)
        {
            if (plp)
            {
                writer.WriteUInt64(PlpNull);
            }
            else
            {
                writer.WriteUInt16(0xFFFF);
            }

            return;
        }

        var bytes = column.GetBytes(row);
        var wireLength = isString ? TdsPacketWriter.Utf16Length(bytes) * 2L : bytes.Length;
        if (!plp)
        {
            writer.WriteUInt16((ushort)wireLength);
            WritePayload(writer, bytes, isString);
            return;
        }

        writer.WriteUInt64((ulong)wireLength);
        if (wireLength > 0)
        {
            // One chunk: its length is the whole value; the writer splits it across packets.
            writer.WriteUInt32((uint)wireLength);
            WritePayload(writer, bytes, isString);
        }

        writer.WriteUInt32(0);
    }

    private static void WritePayload(TdsPacketWriter writer, ReadOnlySpan<byte> bytes, bool isString)
    {
        if (isString)
        {
            writer.WriteUtf8AsUtf16(bytes);
        }
        else
        {
            writer.WriteBytes(bytes);
        }
    }

    private static void WriteUInt24(Span<byte> span, int value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
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
