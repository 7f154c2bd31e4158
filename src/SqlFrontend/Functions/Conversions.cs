using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

/// <summary>CAST/CONVERT with SQL Server's semantics, data type precedence and the DuckDB spelling of types.</summary>
public static partial class Conversions
{
    /// <summary>The DuckDB type a T-SQL type is stored and computed as (see docs/types.md).</summary>
    public static string DuckDbTypeName(SqlType type) => DuckDbTypeMapping.ToDuckDbDdl(type);

    /// <summary>
    /// The type SQL Server gives an expression combining <paramref name="a"/> and <paramref name="b"/>
    /// (CASE, COALESCE, UNION, comparisons): the one with the higher data type precedence, with decimal
    /// precision/scale and string lengths widened so both fit.
    /// </summary>
    public static SqlType? CommonType(SqlType? a, SqlType? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        var x = a.Value;
        var y = b.Value;
        if (x.IsString && y.IsString)
        {
            var unicode = x.Id is SqlTypeId.NVarChar or SqlTypeId.NChar || y.Id is SqlTypeId.NVarChar or SqlTypeId.NChar;
            var fixedWidth = x.Id is SqlTypeId.Char or SqlTypeId.NChar && y.Id is SqlTypeId.Char or SqlTypeId.NChar;
            var length = x.Length == SqlType.MaxLength || y.Length == SqlType.MaxLength ? SqlType.MaxLength : Math.Max(x.Length, y.Length);
            return new SqlType(unicode ? (fixedWidth ? SqlTypeId.NChar : SqlTypeId.NVarChar) : (fixedWidth ? SqlTypeId.Char : SqlTypeId.VarChar), length);
        }

        if (IsExactNumeric(x) && IsExactNumeric(y) && (x.Id == SqlTypeId.Decimal || y.Id == SqlTypeId.Decimal))
        {
            var (p1, s1) = DecimalShape(x);
            var (p2, s2) = DecimalShape(y);
            var scale = Math.Max(s1, s2);
            var precision = Math.Min(38, Math.Max(p1 - s1, p2 - s2) + scale);
            return SqlType.Decimal(precision, Math.Min(scale, precision));
        }

        if (x.Id == y.Id)
        {
            return x.Id is SqlTypeId.Time or SqlTypeId.DateTime2
                ? new SqlType(x.Id, Precision: Math.Max(x.Precision, y.Precision))
                : x.Id == SqlTypeId.VarBinary && x.Length != y.Length
                    ? SqlType.VarBinary(x.Length == SqlType.MaxLength || y.Length == SqlType.MaxLength ? SqlType.MaxLength : Math.Max(x.Length, y.Length))
                    : x;
        }

        return Precedence(x.Id) >= Precedence(y.Id) ? x : y;
    }

    internal static bool IsExactNumeric(SqlType type) =>
        type.Id is SqlTypeId.Bit or SqlTypeId.TinyInt or SqlTypeId.SmallInt or SqlTypeId.Int or SqlTypeId.BigInt or SqlTypeId.Decimal;

    internal static bool IsInteger(SqlType type) =>
        type.Id is SqlTypeId.TinyInt or SqlTypeId.SmallInt or SqlTypeId.Int or SqlTypeId.BigInt;

    internal static bool IsNumeric(SqlType type) =>
        IsExactNumeric(type) || type.Id is SqlTypeId.Real or SqlTypeId.Float;

    internal static bool IsDateTime(SqlType type) =>
        type.Id is SqlTypeId.Date or SqlTypeId.Time or SqlTypeId.DateTime or SqlTypeId.DateTime2;

    internal static bool IsUnicode(SqlType type) => type.Id is SqlTypeId.NVarChar or SqlTypeId.NChar;

    /// <summary>The decimal(p,s) an exact numeric converts to (int is decimal(10,0) and so on).</summary>
    internal static (int Precision, int Scale) DecimalShape(SqlType type) => type.Id switch
    {
        SqlTypeId.Decimal => (type.Precision, type.Scale),
        SqlTypeId.BigInt => (19, 0),
        SqlTypeId.Int => (10, 0),
        SqlTypeId.SmallInt => (5, 0),
        SqlTypeId.TinyInt => (3, 0),
        _ => (1, 0),
    };

    // SQL Server's data type precedence, lowest first, for the types the engine supports.
    private static int Precedence(SqlTypeId id) => id switch
    {
        SqlTypeId.VarBinary => 1,
        SqlTypeId.Char => 2,
        SqlTypeId.VarChar => 3,
        SqlTypeId.NChar => 4,
        SqlTypeId.NVarChar => 5,
        SqlTypeId.UniqueIdentifier => 6,
        SqlTypeId.Bit => 7,
        SqlTypeId.TinyInt => 8,
        SqlTypeId.SmallInt => 9,
        SqlTypeId.Int => 10,
        SqlTypeId.BigInt => 11,
        SqlTypeId.Decimal => 12,
        SqlTypeId.Real => 13,
        SqlTypeId.Float => 14,
        SqlTypeId.Time => 15,
        SqlTypeId.Date => 16,
        SqlTypeId.DateTime => 17,
        SqlTypeId.DateTime2 => 18,
        _ => 0,
    };
}
