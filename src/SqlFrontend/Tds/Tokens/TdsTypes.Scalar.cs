using System.Buffers.Binary;
using System.Data.SqlTypes;
using System.Globalization;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>Single values from their CLR form, for tokens that carry one value rather than a column (RETURNVALUE).</summary>
public static partial class TdsTypes
{
    /// <summary>
    /// Writes <paramref name="value"/> as a value of <paramref name="type"/>, in the encoding
    /// <see cref="WriteTypeInfo"/> announces. Values are the CLR types RPC parameters arrive as (bool,
    /// integers, float, double, SqlDecimal or decimal, DateOnly, TimeOnly, DateTime, Guid, string,
    /// byte[]); null (or SqlDecimal.Null) is NULL.
    /// </summary>
    public static void WriteScalar(TdsPacketWriter writer, SqlType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null or SqlDecimal { IsNull: true })
        {
            WriteNull(writer, type);
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        switch (type.Id)
        {
            case SqlTypeId.Bit:
                var bit = writer.GetSpan(2);
                bit[0] = 1;
                bit[1] = Convert.ToBoolean(value, invariant) ? (byte)1 : (byte)0;
                writer.Advance(2);
                break;
            case SqlTypeId.TinyInt: Sized(writer, Convert.ToByte(value, invariant)); break;
            case SqlTypeId.SmallInt: Sized(writer, Convert.ToInt16(value, invariant)); break;
            case SqlTypeId.Int: Sized(writer, Convert.ToInt32(value, invariant)); break;
            case SqlTypeId.BigInt: Sized(writer, Convert.ToInt64(value, invariant)); break;
            case SqlTypeId.Real: Sized(writer, Convert.ToSingle(value, invariant)); break;
            case SqlTypeId.Float: Sized(writer, Convert.ToDouble(value, invariant)); break;
            case SqlTypeId.Decimal: WriteDecimal(writer, Unscaled(value, type), type.Precision); break;
            case SqlTypeId.Date: WriteDate(writer, ((DateOnly)value).DayNumber - EpochDayNumber); break;
            case SqlTypeId.Time: WriteTicks(writer, ((TimeOnly)value).Ticks, type.Precision, dayNumber: null); break;
            case SqlTypeId.DateTime2:
                var moment = (DateTime)value;
                WriteTicks(writer, moment.TimeOfDay.Ticks, type.Precision, DateOnly.FromDateTime(moment).DayNumber);
                break;
            case SqlTypeId.DateTime:
                var ticks = ((DateTime)value).Ticks - DateTime.UnixEpoch.Ticks;
                WriteDateTime(writer, ticks / TimeSpan.TicksPerMicrosecond);
                break;
            case SqlTypeId.UniqueIdentifier:
                var guid = writer.GetSpan(17);
                guid[0] = 16;
                ((Guid)value).TryWriteBytes(guid[1..]);
                writer.Advance(17);
                break;
            case SqlTypeId.VarBinary:
                WriteLengthPrefixed(writer, type, (byte[])value);
                break;
            default:
                var text = (string)value;
                WriteLengthPrefixed(writer, type, System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()));
                break;
        }
    }

    private static void WriteNull(TdsPacketWriter writer, SqlType type)
    {
        if (!type.IsVariableWidth)
        {
            writer.WriteByte(0);
        }
        else if (IsPlp(type))
        {
            writer.WriteUInt64(PlpNull);
        }
        else
        {
            writer.WriteUInt16(0xFFFF);
        }
    }

    /// <summary>A string (already UTF-16) or binary value: USHORT length, or PLP (one chunk) for the long and (max) types.</summary>
    private static void WriteLengthPrefixed(TdsPacketWriter writer, SqlType type, ReadOnlySpan<byte> bytes)
    {
        if (!IsPlp(type))
        {
            writer.WriteUInt16((ushort)bytes.Length);
            writer.WriteBytes(bytes);
            return;
        }

        writer.WriteUInt64((ulong)bytes.Length);
        if (!bytes.IsEmpty)
        {
            writer.WriteUInt32((uint)bytes.Length);
            writer.WriteBytes(bytes);
        }

        writer.WriteUInt32(0);
    }

    private static Int128 Unscaled(object value, SqlType type)
    {
        if (value is decimal clr)
        {
            return DecimalValues.ToScaledInt128(clr, type.Scale);
        }

        var sql = SqlDecimal.ConvertToPrecScale((SqlDecimal)value, type.Precision, type.Scale);
        var data = sql.Data;
        var magnitude = ((UInt128)(uint)data[3] << 96) | ((UInt128)(uint)data[2] << 64) | ((UInt128)(uint)data[1] << 32) | (uint)data[0];
        return sql.IsPositive ? (Int128)magnitude : -(Int128)magnitude;
    }

    /// <summary>TIMEN / DATETIME2N from 100 ns ticks: time in 10^-scale seconds (3-5 bytes) [+ 3-byte day number].</summary>
    private static void WriteTicks(TdsPacketWriter writer, long ticksOfDay, int scale, int? dayNumber)
    {
        var timeBytes = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
        var length = timeBytes + (dayNumber is null ? 0 : 3);
        var span = writer.GetSpan(1 + length);
        span[0] = (byte)length;
        Span<byte> eight = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(eight, ticksOfDay / Pow10(7 - scale));
        eight[..timeBytes].CopyTo(span[1..]);
        if (dayNumber is { } days)
        {
            WriteUInt24(span[(1 + timeBytes)..], days);
        }

        writer.Advance(1 + length);
    }
}
