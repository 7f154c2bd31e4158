using System.Globalization;

namespace PredictEngine.Storage.Types;

/// <summary>
/// A SQL Server column type with its facets. <see cref="Length"/> is the declared length in characters
/// (n-types) or bytes, <see cref="MaxLength"/> for (max); precision and scale apply to decimal and, for
/// time/datetime2, precision holds the fractional-second digits.
/// </summary>
public readonly record struct SqlType(SqlTypeId Id, int Length = 0, byte Precision = 0, byte Scale = 0)
{
    public const int MaxLength = -1;

    public static SqlType Bit => new(SqlTypeId.Bit);
    public static SqlType TinyInt => new(SqlTypeId.TinyInt);
    public static SqlType SmallInt => new(SqlTypeId.SmallInt);
    public static SqlType Int => new(SqlTypeId.Int);
    public static SqlType BigInt => new(SqlTypeId.BigInt);
    public static SqlType Real => new(SqlTypeId.Real);
    public static SqlType Float => new(SqlTypeId.Float);
    public static SqlType Date => new(SqlTypeId.Date);
    public static SqlType DateTime => new(SqlTypeId.DateTime, Precision: 3);
    public static SqlType UniqueIdentifier => new(SqlTypeId.UniqueIdentifier);

    public static SqlType Decimal(int precision, int scale)
    {
        if (precision is < 1 or > 38)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "decimal precision must be 1-38.");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "decimal scale must be 0-precision.");
        }

        return new(SqlTypeId.Decimal, Precision: (byte)precision, Scale: (byte)scale);
    }

    public static SqlType Char(int length) => new(SqlTypeId.Char, length);
    public static SqlType VarChar(int length) => new(SqlTypeId.VarChar, length);
    public static SqlType NChar(int length) => new(SqlTypeId.NChar, length);
    public static SqlType NVarChar(int length) => new(SqlTypeId.NVarChar, length);
    public static SqlType VarBinary(int length) => new(SqlTypeId.VarBinary, length);
    public static SqlType Time(int fractionalDigits = 7) => new(SqlTypeId.Time, Precision: (byte)fractionalDigits);
    public static SqlType DateTime2(int fractionalDigits = 7) => new(SqlTypeId.DateTime2, Precision: (byte)fractionalDigits);

    public PhysicalKind Physical => Id switch
    {
        SqlTypeId.Bit => PhysicalKind.Bool8,
        SqlTypeId.TinyInt => PhysicalKind.UInt8,
        SqlTypeId.SmallInt => PhysicalKind.Int16,
        SqlTypeId.Int => PhysicalKind.Int32,
        SqlTypeId.BigInt => PhysicalKind.Int64,
        SqlTypeId.Real => PhysicalKind.Float32,
        SqlTypeId.Float => PhysicalKind.Float64,
        SqlTypeId.Decimal => PhysicalKind.Decimal128,
        SqlTypeId.Char or SqlTypeId.VarChar or SqlTypeId.NChar or SqlTypeId.NVarChar => PhysicalKind.Utf8,
        SqlTypeId.VarBinary => PhysicalKind.Binary,
        SqlTypeId.Date => PhysicalKind.Date32,
        SqlTypeId.Time => PhysicalKind.Time64Micros,
        SqlTypeId.DateTime or SqlTypeId.DateTime2 => PhysicalKind.TimestampMicros,
        SqlTypeId.UniqueIdentifier => PhysicalKind.Uuid16,
        _ => throw new InvalidOperationException($"Unknown type id {Id}."),
    };

    /// <summary>Bytes per value in the value buffer; 0 for the variable-width kinds.</summary>
    public int FixedWidth => WidthOf(Physical);

    public bool IsVariableWidth => Physical is PhysicalKind.Utf8 or PhysicalKind.Binary;

    public bool IsString => Physical == PhysicalKind.Utf8;

    public static int WidthOf(PhysicalKind kind) => kind switch
    {
        PhysicalKind.Bool8 or PhysicalKind.UInt8 => 1,
        PhysicalKind.Int16 => 2,
        PhysicalKind.Int32 or PhysicalKind.Float32 or PhysicalKind.Date32 => 4,
        PhysicalKind.Int64 or PhysicalKind.Float64 or PhysicalKind.Time64Micros or PhysicalKind.TimestampMicros => 8,
        PhysicalKind.Decimal128 or PhysicalKind.Uuid16 => 16,
        _ => 0,
    };

    /// <summary>The type as SQL Server spells it: <c>decimal(18,2)</c>, <c>nvarchar(max)</c>, <c>datetime2(7)</c>.</summary>
    public override string ToString() => Id switch
    {
        SqlTypeId.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})"),
        SqlTypeId.Char or SqlTypeId.VarChar or SqlTypeId.NChar or SqlTypeId.NVarChar or SqlTypeId.VarBinary =>
            $"{Keyword(Id)}({(Length == MaxLength ? "max" : Length.ToString(CultureInfo.InvariantCulture))})",
        SqlTypeId.Time or SqlTypeId.DateTime2 => string.Create(CultureInfo.InvariantCulture, $"{Keyword(Id)}({Precision})"),
        _ => Keyword(Id),
    };

    public static string Keyword(SqlTypeId id) => id switch
    {
        SqlTypeId.Bit => "bit",
        SqlTypeId.TinyInt => "tinyint",
        SqlTypeId.SmallInt => "smallint",
        SqlTypeId.Int => "int",
        SqlTypeId.BigInt => "bigint",
        SqlTypeId.Real => "real",
        SqlTypeId.Float => "float",
        SqlTypeId.Decimal => "decimal",
        SqlTypeId.Char => "char",
        SqlTypeId.VarChar => "varchar",
        SqlTypeId.NChar => "nchar",
        SqlTypeId.NVarChar => "nvarchar",
        SqlTypeId.VarBinary => "varbinary",
        SqlTypeId.Date => "date",
        SqlTypeId.Time => "time",
        SqlTypeId.DateTime => "datetime",
        SqlTypeId.DateTime2 => "datetime2",
        SqlTypeId.UniqueIdentifier => "uniqueidentifier",
        _ => throw new InvalidOperationException($"Unknown type id {id}."),
    };
}
