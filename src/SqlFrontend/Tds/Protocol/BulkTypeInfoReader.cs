using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>How a column's values travel in ROW tokens.</summary>
public enum TdsValueFormat : byte
{
    /// <summary>Fixed-length types (INT4, FLT8, DATETIME...): exactly <see cref="TdsTypeInfo.Length"/> bytes, never NULL.</summary>
    Fixed,

    /// <summary>A one-byte length, 0 = NULL (INTN, BITN, FLTN, DECIMALN, DATEN, TIMEN, GUID...).</summary>
    ByteLength,

    /// <summary>A USHORT length, 0xFFFF = NULL (BIGVARCHR, NVARCHAR, BIGVARBIN and their fixed-length kin).</summary>
    UShortLength,

    /// <summary>Partially length-prefixed: the (max) types.</summary>
    Plp,
}

/// <summary>A column's TYPE_INFO as received, and the stored type its values become.</summary>
/// <param name="WireType">The TDS type byte.</param>
/// <param name="Length">Fixed: the value size; the others: the declared maximum in bytes (-1 for PLP).</param>
/// <param name="Utf8">Character data whose collation says UTF-8 (otherwise read as code page 1252).</param>
public readonly record struct TdsTypeInfo(byte WireType, TdsValueFormat Format, int Length, byte Scale, bool Utf8, SqlType SqlType);

/// <summary>
/// Parses TYPE_INFO (MS-TDS 2.2.5.6) as clients send it in bulk load COLMETADATA: every type
/// SqlBulkCopy sends (the nullable families, fixed-length integers, floats, money and datetimes, the
/// date/time types with their scale, GUID, the character and binary types with (max) as PLP).
/// TEXT/NTEXT/IMAGE, XML, UDT and sql_variant are refused: the storage engine has no column for them.
/// </summary>
public static class BulkTypeInfoReader
{
    public const byte IntN = 0x26;
    public const byte BitN = 0x68;
    public const byte FloatN = 0x6D;
    public const byte MoneyN = 0x6E;
    public const byte DateTimeN = 0x6F;
    public const byte DecimalN = 0x6A;
    public const byte NumericN = 0x6C;
    public const byte Guid = 0x24;
    public const byte DateN = 0x28;
    public const byte TimeN = 0x29;
    public const byte DateTime2N = 0x2A;
    public const byte DateTimeOffsetN = 0x2B;
    public const byte Int1 = 0x30;
    public const byte Bit = 0x32;
    public const byte Int2 = 0x34;
    public const byte Int4 = 0x38;
    public const byte Int8 = 0x7F;
    public const byte Float4 = 0x3B;
    public const byte Float8 = 0x3E;
    public const byte Money = 0x3C;
    public const byte Money4 = 0x7A;
    public const byte DateTime = 0x3D;
    public const byte DateTime4 = 0x3A;
    public const byte BigVarChar = 0xA7;
    public const byte BigChar = 0xAF;
    public const byte NVarChar = 0xE7;
    public const byte NChar = 0xEF;
    public const byte BigVarBinary = 0xA5;
    public const byte BigBinary = 0xAD;

    private const ushort PlpMaxLength = 0xFFFF;
    private const uint Utf8CollationFlag = 0x0400_0000;

    /// <summary>
    /// One TYPE_INFO at the reader's position. When it has not fully arrived the reader is left
    /// <see cref="StreamingSpanReader.Incomplete"/> and the result is meaningless.
    /// </summary>
    public static TdsTypeInfo Read(ref StreamingSpanReader reader)
    {
        var type = reader.ReadByte();
        if (reader.Incomplete)
        {
            return default;
        }

        switch (type)
        {
            case Int1: return Fixed(type, 1, SqlType.TinyInt);
            case Bit: return Fixed(type, 1, SqlType.Bit);
            case Int2: return Fixed(type, 2, SqlType.SmallInt);
            case Int4: return Fixed(type, 4, SqlType.Int);
            case Int8: return Fixed(type, 8, SqlType.BigInt);
            case Float4: return Fixed(type, 4, SqlType.Real);
            case Float8: return Fixed(type, 8, SqlType.Float);
            case Money: return Fixed(type, 8, SqlType.Decimal(19, 4));
            case Money4: return Fixed(type, 4, SqlType.Decimal(10, 4));
            case DateTime: return Fixed(type, 8, SqlType.DateTime);
            case DateTime4: return Fixed(type, 4, SqlType.DateTime);
            case IntN: return Sized(type, reader.ReadByte(), reader.Incomplete, (1, SqlType.TinyInt), (2, SqlType.SmallInt), (4, SqlType.Int), (8, SqlType.BigInt));
            case BitN: return Sized(type, reader.ReadByte(), reader.Incomplete, (1, SqlType.Bit));
            case FloatN: return Sized(type, reader.ReadByte(), reader.Incomplete, (4, SqlType.Real), (8, SqlType.Float));
            case MoneyN: return Sized(type, reader.ReadByte(), reader.Incomplete, (4, SqlType.Decimal(10, 4)), (8, SqlType.Decimal(19, 4)));
            case DateTimeN: return Sized(type, reader.ReadByte(), reader.Incomplete, (4, SqlType.DateTime), (8, SqlType.DateTime));
            case Guid: return Sized(type, reader.ReadByte(), reader.Incomplete, (16, SqlType.UniqueIdentifier));
            case DecimalN:
            case NumericN:
                var length = reader.ReadByte();
                var precision = reader.ReadByte();
                var scale = reader.ReadByte();
                if (reader.Incomplete)
                {
                    return default;
                }

                if (precision is < 1 or > 38 || scale > precision || length is < 5 or > 17)
                {
                    throw new TdsProtocolException($"Invalid DECIMALN TYPE_INFO: length {length}, precision {precision}, scale {scale}.");
                }

                return new TdsTypeInfo(type, TdsValueFormat.ByteLength, length, scale, false, SqlType.Decimal(precision, scale));
            case DateN: return new TdsTypeInfo(type, TdsValueFormat.ByteLength, 3, 0, false, SqlType.Date);
            case TimeN: return Scaled(type, reader.ReadByte(), reader.Incomplete, SqlType.Time);
            case DateTime2N:
            case DateTimeOffsetN:
                return Scaled(type, reader.ReadByte(), reader.Incomplete, SqlType.DateTime2);
            case BigVarChar:
            case BigChar:
            case NVarChar:
            case NChar:
                var maxBytes = reader.ReadUInt16();
                var collation = reader.ReadBytes(5);
                if (reader.Incomplete)
                {
                    return default;
                }

                var utf8 = (BitConverter.ToUInt32(collation) & Utf8CollationFlag) != 0;
                var unicode = type is NVarChar or NChar;
                var characters = maxBytes == PlpMaxLength ? SqlType.MaxLength : unicode ? maxBytes / 2 : maxBytes;
                var sqlType = type switch
                {
                    BigVarChar => SqlType.VarChar(characters),
                    BigChar => SqlType.Char(characters),
                    NVarChar => SqlType.NVarChar(characters),
                    _ => SqlType.NChar(characters),
                };
                return Variable(type, maxBytes, utf8, sqlType);
            case BigVarBinary:
            case BigBinary:
                var maxLength = reader.ReadUInt16();
                return reader.Incomplete ? default : Variable(type, maxLength, false, SqlType.VarBinary(maxLength == PlpMaxLength ? SqlType.MaxLength : maxLength));
            default:
                throw new EngineException(ErrorNumbers.BulkLoadInvalidColumn, 16, 1,
                    $"The bulk data uses TDS type 0x{type:X2} ({Describe(type)}), which has no storage column type; send it as nvarchar, varbinary or a numeric type instead.");
        }
    }

    private static TdsTypeInfo Fixed(byte type, int length, SqlType sqlType) => new(type, TdsValueFormat.Fixed, length, 0, false, sqlType);

    private static TdsTypeInfo Sized(byte type, byte length, bool incomplete, params (int Length, SqlType Type)[] sizes)
    {
        if (incomplete)
        {
            return default;
        }

        foreach (var (size, sqlType) in sizes)
        {
            if (size == length)
            {
                return new TdsTypeInfo(type, TdsValueFormat.ByteLength, length, 0, false, sqlType);
            }
        }

        throw new TdsProtocolException($"Invalid length {length} in the TYPE_INFO of type 0x{type:X2}.");
    }

    private static TdsTypeInfo Scaled(byte type, byte scale, bool incomplete, Func<int, SqlType> sqlType)
    {
        if (incomplete)
        {
            return default;
        }

        if (scale > 7)
        {
            throw new TdsProtocolException($"Invalid fractional-second scale {scale} in the TYPE_INFO of type 0x{type:X2}.");
        }

        return new TdsTypeInfo(type, TdsValueFormat.ByteLength, 0, scale, false, sqlType(scale));
    }

    private static TdsTypeInfo Variable(byte type, ushort maxLength, bool utf8, SqlType sqlType) => maxLength == PlpMaxLength
        ? new TdsTypeInfo(type, TdsValueFormat.Plp, -1, 0, utf8, sqlType)
        : new TdsTypeInfo(type, TdsValueFormat.UShortLength, maxLength, 0, utf8, sqlType);

    private static string Describe(byte type) => type switch
    {
        0x22 => "image",
        0x23 => "text",
        0x63 => "ntext",
        0x62 => "sql_variant",
        0xF0 => "CLR UDT",
        0xF1 => "xml",
        0xF4 => "json",
        0xF3 or 0xF5 => "vector",
        _ => "an unsupported type",
    };
}
