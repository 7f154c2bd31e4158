using System.Globalization;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>SQL Server's typing rules for expressions: data type precedence, arithmetic result types, decimal facets.</summary>
internal static class TypeRules
{
    public static string Duck(SqlType type) => DuckDbTypeMapping.ToDuckDbDdl(type);

    public static bool IsInteger(SqlType type) => type.Id is SqlTypeId.Bit or SqlTypeId.TinyInt or SqlTypeId.SmallInt or SqlTypeId.Int or SqlTypeId.BigInt;

    public static bool IsNumeric(SqlType type) => IsInteger(type) || type.Id is SqlTypeId.Decimal or SqlTypeId.Real or SqlTypeId.Float;

    public static bool IsUnicode(SqlType type) => type.Id is SqlTypeId.NChar or SqlTypeId.NVarChar;

    /// <summary>Higher wins, as in SQL Server's "Data type precedence" table.</summary>
    public static int Precedence(SqlTypeId id) => id switch
    {
        SqlTypeId.DateTime2 => 30,
        SqlTypeId.DateTime => 29,
        SqlTypeId.Date => 27,
        SqlTypeId.Time => 26,
        SqlTypeId.Float => 25,
        SqlTypeId.Real => 24,
        SqlTypeId.Decimal => 23,
        SqlTypeId.BigInt => 20,
        SqlTypeId.Int => 19,
        SqlTypeId.SmallInt => 18,
        SqlTypeId.TinyInt => 17,
        SqlTypeId.Bit => 16,
        SqlTypeId.UniqueIdentifier => 12,
        SqlTypeId.NVarChar => 11,
        SqlTypeId.NChar => 10,
        SqlTypeId.VarChar => 9,
        SqlTypeId.Char => 8,
        SqlTypeId.VarBinary => 7,
        _ => 0,
    };

    /// <summary>The type two operands meet in (comparison, CASE, UNION): the higher-precedence one, with merged facets.</summary>
    public static SqlType? Common(SqlType? a, SqlType? b) => Functions.Conversions.CommonType(a, b);

    /// <summary>The binder's own precedence merge, kept for arithmetic operand shaping.</summary>
    public static SqlType? Merge(SqlType? a, SqlType? b)
    {
        if (a is not { } x)
        {
            return b;
        }

        if (b is not { } y)
        {
            return x;
        }

        if (x.IsString && y.IsString)
        {
            var id = Precedence(x.Id) >= Precedence(y.Id) ? x.Id : y.Id;
            var length = x.Length == SqlType.MaxLength || y.Length == SqlType.MaxLength ? SqlType.MaxLength : Math.Max(x.Length, y.Length);
            return new SqlType(id, length);
        }

        if (x.Id == SqlTypeId.Decimal || y.Id == SqlTypeId.Decimal)
        {
            if (IsNumeric(x) && IsNumeric(y) && x.Id is not (SqlTypeId.Float or SqlTypeId.Real) && y.Id is not (SqlTypeId.Float or SqlTypeId.Real))
            {
                var dx = AsDecimal(x);
                var dy = AsDecimal(y);
                var scale = Math.Max(dx.Scale, dy.Scale);
                var integral = Math.Max(dx.Precision - dx.Scale, dy.Precision - dy.Scale);
                return Fit(integral + scale, scale);
            }
        }

        if (x.Id == y.Id)
        {
            return x.Id is SqlTypeId.VarBinary
                ? new SqlType(x.Id, x.Length == SqlType.MaxLength || y.Length == SqlType.MaxLength ? SqlType.MaxLength : Math.Max(x.Length, y.Length))
                : new SqlType(x.Id, x.Length, Math.Max(x.Precision, y.Precision), Math.Max(x.Scale, y.Scale));
        }

        return Precedence(x.Id) >= Precedence(y.Id) ? x : y;
    }

    public static SqlType AsDecimal(SqlType type) => type.Id switch
    {
        SqlTypeId.Decimal => type,
        SqlTypeId.Bit => SqlType.Decimal(1, 0),
        SqlTypeId.TinyInt => SqlType.Decimal(3, 0),
        SqlTypeId.SmallInt => SqlType.Decimal(5, 0),
        SqlTypeId.Int => SqlType.Decimal(10, 0),
        SqlTypeId.BigInt => SqlType.Decimal(19, 0),
        _ => SqlType.Decimal(38, 6),
    };

    /// <summary>Caps a computed decimal at 38 digits the way SQL Server does: integral digits win, scale keeps at least 6.</summary>
    public static SqlType Fit(int precision, int scale)
    {
        if (precision > 38)
        {
            var integral = precision - scale;
            scale = Math.Max(Math.Min(scale, 6), 38 - integral);
            scale = Math.Min(scale, 38);
            precision = 38;
        }

        return SqlType.Decimal(Math.Max(precision, 1), Math.Max(Math.Min(scale, precision), 0));
    }

    /// <summary>Result type of + - * / % on two numeric operands (SQL Server's "Precision, scale, and length" rules).</summary>
    public static SqlType Arithmetic(char op, SqlType a, SqlType b)
    {
        if (a.Id is SqlTypeId.Float or SqlTypeId.Real || b.Id is SqlTypeId.Float or SqlTypeId.Real)
        {
            return a.Id == SqlTypeId.Float || b.Id == SqlTypeId.Float ? SqlType.Float : SqlType.Real;
        }

        if (a.Id != SqlTypeId.Decimal && b.Id != SqlTypeId.Decimal)
        {
            var winner = Precedence(a.Id) >= Precedence(b.Id) ? a : b;
            return winner.Id == SqlTypeId.Bit ? SqlType.Int : winner;
        }

        var x = AsDecimal(a);
        var y = AsDecimal(b);
        int p1 = x.Precision, s1 = x.Scale, p2 = y.Precision, s2 = y.Scale;
        return op switch
        {
            '+' or '-' => Fit(Math.Max(p1 - s1, p2 - s2) + Math.Max(s1, s2) + 1, Math.Max(s1, s2)),
            '*' => Fit(p1 + p2 + 1, s1 + s2),
            '/' => Fit(p1 - s1 + s2 + Math.Max(6, s1 + p2 + 1), Math.Max(6, s1 + p2 + 1)),
            _ => Fit(Math.Min(p1 - s1, p2 - s2) + Math.Max(s1, s2), Math.Max(s1, s2)),
        };
    }

    /// <summary>The type of a string concatenation: lengths add up, capped at the type's limit (then max).</summary>
    public static SqlType Concat(SqlType a, SqlType b)
    {
        var unicode = IsUnicode(a) || IsUnicode(b);
        var limit = unicode ? 4000 : 8000;
        var length = a.Length == SqlType.MaxLength || b.Length == SqlType.MaxLength || a.Length + b.Length > limit
            ? SqlType.MaxLength
            : a.Length + b.Length;
        return unicode ? SqlType.NVarChar(length) : SqlType.VarChar(length);
    }

    /// <summary>Character length of a value of <paramref name="type"/> converted to a string (for concatenation with numbers).</summary>
    public static SqlType AsString(SqlType type) => type.IsString ? type : type.Id switch
    {
        SqlTypeId.UniqueIdentifier => SqlType.NVarChar(36),
        SqlTypeId.Date => SqlType.NVarChar(10),
        _ => SqlType.NVarChar(30),
    };

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
