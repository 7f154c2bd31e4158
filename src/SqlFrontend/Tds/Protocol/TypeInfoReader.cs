using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>How a value's length is written on the wire (TYPE_VARBYTE, MS-TDS 2.2.5.2.3).</summary>
public enum TdsValueLayout : byte
{
    /// <summary>Fixed-length types (INT4, FLT8, DATETIME...): the value alone.</summary>
    Fixed,

    /// <summary>BYTELEN: one length byte, 0 = NULL (INTN, DECIMALN, DATEN, GUID...).</summary>
    ByteLength,

    /// <summary>USHORTLEN: two length bytes, 0xFFFF = NULL (BIGVARCHR, NVARCHAR, BIGVARBIN...).</summary>
    UShortLength,

    /// <summary>LONGLEN: four length bytes, 0xFFFFFFFF = NULL (TEXT, NTEXT, IMAGE; in an RPC without a text pointer).</summary>
    LongLength,

    /// <summary>PLP: a ULONGLONG total (all ones = NULL, ...FE = unknown), then chunks up to a zero chunk (the (max) types).</summary>
    Plp,
}

/// <summary>What a value holds, whichever of the fixed or nullable tokens carried it.</summary>
public enum TdsValueKind : byte
{
    Null,
    Integer,
    Bit,
    Float,
    Money,
    DateTime,
    Decimal,
    Date,
    Time,
    DateTime2,
    DateTimeOffset,
    Guid,
    AnsiText,
    UnicodeText,
    Binary,
}

/// <summary>
/// A parameter's TYPE_INFO. <see cref="Size"/> is the value's byte count for the numeric and date kinds
/// (INTN 1/2/4/8, DECIMALN up to 17, GUID 16) and the declared maximum in bytes for strings and binary;
/// <see cref="Type"/> is the engine type it arrives as (money as decimal(19,4), datetimeoffset as datetime2).
/// </summary>
public readonly record struct RpcTypeInfo(byte Token, TdsValueKind Kind, TdsValueLayout Layout, int Size, SqlType Type, TdsCollation Collation);

/// <summary>Reads TYPE_INFO (MS-TDS 2.2.5.6) for every type a client sends as an RPC parameter.</summary>
public static class TypeInfoReader
{
    public const byte Null = 0x1F;
    public const byte Image = 0x22;
    public const byte Text = 0x23;
    public const byte Guid = 0x24;
    public const byte IntN = 0x26;
    public const byte DateN = 0x28;
    public const byte TimeN = 0x29;
    public const byte DateTime2N = 0x2A;
    public const byte DateTimeOffsetN = 0x2B;
    public const byte NText = 0x63;
    public const byte BitN = 0x68;
    public const byte DecimalN = 0x6A;
    public const byte NumericN = 0x6C;
    public const byte FloatN = 0x6D;
    public const byte MoneyN = 0x6E;
    public const byte DateTimeN = 0x6F;
    public const byte BigVarBinary = 0xA5;
    public const byte BigVarChar = 0xA7;
    public const byte BigBinary = 0xAD;
    public const byte BigChar = 0xAF;
    public const byte NVarChar = 0xE7;
    public const byte NChar = 0xEF;

    private const ushort MaxMarker = 0xFFFF;

    /// <summary>Reads one TYPE_INFO. Truncation is a protocol error; types we do not take are errors for the request.</summary>
    public static RpcTypeInfo Read(ref TdsSpanReader reader, int ordinal, string name)
    {
        var token = reader.ReadByte("a parameter's data type");
        switch (token)
        {
            case Null: return new(token, TdsValueKind.Null, TdsValueLayout.Fixed, 0, SqlType.Int, default);
            case 0x30: return Fixed(token, TdsValueKind.Integer, 1, SqlType.TinyInt);
            case 0x32: return Fixed(token, TdsValueKind.Bit, 1, SqlType.Bit);
            case 0x34: return Fixed(token, TdsValueKind.Integer, 2, SqlType.SmallInt);
            case 0x38: return Fixed(token, TdsValueKind.Integer, 4, SqlType.Int);
            case 0x7F: return Fixed(token, TdsValueKind.Integer, 8, SqlType.BigInt);
            case 0x3B: return Fixed(token, TdsValueKind.Float, 4, SqlType.Real);
            case 0x3E: return Fixed(token, TdsValueKind.Float, 8, SqlType.Float);
            case 0x7A: return Fixed(token, TdsValueKind.Money, 4, SqlType.Decimal(10, 4));
            case 0x3C: return Fixed(token, TdsValueKind.Money, 8, SqlType.Decimal(19, 4));
            case 0x3A: return Fixed(token, TdsValueKind.DateTime, 4, SqlType.DateTime);
            case 0x3D: return Fixed(token, TdsValueKind.DateTime, 8, SqlType.DateTime);
            case IntN:
                var intSize = reader.ReadByte("an INTN length");
                return intSize switch
                {
                    1 => Sized(token, TdsValueKind.Integer, 1, SqlType.TinyInt),
                    2 => Sized(token, TdsValueKind.Integer, 2, SqlType.SmallInt),
                    4 => Sized(token, TdsValueKind.Integer, 4, SqlType.Int),
                    8 => Sized(token, TdsValueKind.Integer, 8, SqlType.BigInt),
                    _ => throw InvalidLength(ordinal, name, token),
                };
            case BitN:
                return reader.ReadByte("a BITN length") == 1 ? Sized(token, TdsValueKind.Bit, 1, SqlType.Bit) : throw InvalidLength(ordinal, name, token);
            case FloatN:
                return reader.ReadByte("an FLTN length") switch
                {
                    4 => Sized(token, TdsValueKind.Float, 4, SqlType.Real),
                    8 => Sized(token, TdsValueKind.Float, 8, SqlType.Float),
                    _ => throw InvalidLength(ordinal, name, token),
                };
            case MoneyN:
                return reader.ReadByte("a MONEYN length") switch
                {
                    4 => Sized(token, TdsValueKind.Money, 4, SqlType.Decimal(10, 4)),
                    8 => Sized(token, TdsValueKind.Money, 8, SqlType.Decimal(19, 4)),
                    _ => throw InvalidLength(ordinal, name, token),
                };
            case DateTimeN:
                var dateTimeSize = reader.ReadByte("a DATETIMN length");
                return dateTimeSize is 4 or 8 ? Sized(token, TdsValueKind.DateTime, dateTimeSize, SqlType.DateTime) : throw InvalidLength(ordinal, name, token);
            case Guid:
                return reader.ReadByte("a GUID length") == 16 ? Sized(token, TdsValueKind.Guid, 16, SqlType.UniqueIdentifier) : throw InvalidLength(ordinal, name, token);
            case DecimalN:
            case NumericN:
                var decimalSize = reader.ReadByte("a DECIMALN length");
                var precision = reader.ReadByte("a DECIMALN precision");
                var scale = reader.ReadByte("a DECIMALN scale");
                if (decimalSize is < 2 or > 17 || precision is < 1 or > 38 || scale > precision)
                {
                    throw InvalidLength(ordinal, name, token);
                }

                return Sized(token, TdsValueKind.Decimal, decimalSize, SqlType.Decimal(precision, scale));
            case DateN: return Sized(token, TdsValueKind.Date, 3, SqlType.Date);
            case TimeN: return Scaled(ref reader, token, TdsValueKind.Time, 0, ordinal, name);
            case DateTime2N: return Scaled(ref reader, token, TdsValueKind.DateTime2, 3, ordinal, name);
            case DateTimeOffsetN: return Scaled(ref reader, token, TdsValueKind.DateTimeOffset, 5, ordinal, name);
            case BigVarChar:
            case BigChar:
            case NVarChar:
            case NChar:
                return Character(ref reader, token, ordinal, name);
            case BigVarBinary:
            case BigBinary:
                var binarySize = reader.ReadUInt16("a binary maximum length");
                if (binarySize == MaxMarker)
                {
                    return token == BigVarBinary
                        ? new(token, TdsValueKind.Binary, TdsValueLayout.Plp, -1, SqlType.VarBinary(SqlType.MaxLength), default)
                        : throw InvalidLength(ordinal, name, token);
                }

                return binarySize <= 8000
                    ? new(token, TdsValueKind.Binary, TdsValueLayout.UShortLength, binarySize, SqlType.VarBinary(Math.Max((int)binarySize, 1)), default)
                    : throw InvalidLength(ordinal, name, token);
            case Text:
            case NText:
            case Image:
                // Legacy LOBs (SqlClient sends an @stmt over 4000 characters as NTEXT): a four-byte maximum
                // length, a collation for the text types, and values with a four-byte length.
                _ = reader.ReadUInt32("a legacy LOB maximum length");
                var collation = token == Image ? default : TdsCollation.Read(reader.ReadBytes(TdsCollation.Length, "a collation"));
                var (kind, type) = token switch
                {
                    Text => (TdsValueKind.AnsiText, SqlType.VarChar(SqlType.MaxLength)),
                    NText => (TdsValueKind.UnicodeText, SqlType.NVarChar(SqlType.MaxLength)),
                    _ => (TdsValueKind.Binary, SqlType.VarBinary(SqlType.MaxLength)),
                };
                return new(token, kind, TdsValueLayout.LongLength, -1, type, collation);
            default:
                throw new EngineException(8009, 16, 1, $"The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. Parameter {ordinal} (\"{name}\"): Data type 0x{token:X2} is unknown or not supported (sql_variant, xml, CLR types and table-valued parameters are not supported).");
        }
    }

    /// <summary>Error 8016: the type's metadata or a value's length is invalid; the request fails, the session lives.</summary>
    public static EngineException InvalidLength(int ordinal, string name, byte token) =>
        new(8016, 16, 1, $"The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. Parameter {ordinal} (\"{name}\"): Data type 0x{token:X2} has an invalid data length or metadata length.");

    /// <summary>Bytes of a TIME value at <paramref name="scale"/> fractional digits (3, 4 or 5).</summary>
    public static int TimeBytes(int scale) => scale <= 2 ? 3 : scale <= 4 ? 4 : 5;

    private static RpcTypeInfo Fixed(byte token, TdsValueKind kind, int size, SqlType type) => new(token, kind, TdsValueLayout.Fixed, size, type, default);

    private static RpcTypeInfo Sized(byte token, TdsValueKind kind, int size, SqlType type) => new(token, kind, TdsValueLayout.ByteLength, size, type, default);

    private static RpcTypeInfo Scaled(ref TdsSpanReader reader, byte token, TdsValueKind kind, int extraBytes, int ordinal, string name)
    {
        var scale = reader.ReadByte("a time scale");
        if (scale > 7)
        {
            throw InvalidLength(ordinal, name, token);
        }

        var type = kind == TdsValueKind.Time ? SqlType.Time(scale) : SqlType.DateTime2(scale);
        return Sized(token, kind, TimeBytes(scale) + extraBytes, type);
    }

    private static RpcTypeInfo Character(ref TdsSpanReader reader, byte token, int ordinal, string name)
    {
        var size = reader.ReadUInt16("a string maximum length");
        var collation = TdsCollation.Read(reader.ReadBytes(TdsCollation.Length, "a collation"));
        var unicode = token is NVarChar or NChar;
        var kind = unicode ? TdsValueKind.UnicodeText : TdsValueKind.AnsiText;
        if (size == MaxMarker)
        {
            return token is BigVarChar or NVarChar
                ? new(token, kind, TdsValueLayout.Plp, -1, unicode ? SqlType.NVarChar(SqlType.MaxLength) : SqlType.VarChar(SqlType.MaxLength), collation)
                : throw InvalidLength(ordinal, name, token);
        }

        if (size > 8000 || (unicode && (size & 1) != 0))
        {
            throw InvalidLength(ordinal, name, token);
        }

        var length = Math.Max(unicode ? size / 2 : size, 1);
        var type = token switch
        {
            BigVarChar => SqlType.VarChar(length),
            BigChar => SqlType.Char(length),
            NVarChar => SqlType.NVarChar(length),
            _ => SqlType.NChar(length),
        };
        return new(token, kind, TdsValueLayout.UShortLength, size, type, collation);
    }
}
