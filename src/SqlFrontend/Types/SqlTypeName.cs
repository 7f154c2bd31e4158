using System.Globalization;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Types;

/// <summary>
/// Parses a T-SQL data type as written in DDL, CAST and PREDICT's WITH clause
/// (<c>decimal(10, 2)</c>, <c>nvarchar(max)</c>, <c>[int]</c>, <c>datetime2(3)</c>, <c>numeric</c>,
/// <c>float(24)</c>) into a <see cref="SqlType"/>, with SQL Server's defaults and limits.
/// </summary>
public static class SqlTypeName
{
    public static SqlType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? text : text[..open]).Trim().Trim('[', ']').Trim().ToLowerInvariant();
        var args = open < 0 ? [] : Arguments(text, open);
        return name switch
        {
            "bit" => NoArgs(SqlType.Bit, name, args),
            "tinyint" => NoArgs(SqlType.TinyInt, name, args),
            "smallint" => NoArgs(SqlType.SmallInt, name, args),
            "int" or "integer" => NoArgs(SqlType.Int, name, args),
            "bigint" => NoArgs(SqlType.BigInt, name, args),
            "real" => NoArgs(SqlType.Real, name, args),
            "float" => args.Length == 0 ? SqlType.Float : FloatBits(Number(args, 0, name, 1, 53)),
            "decimal" or "numeric" => SqlType.Decimal(
                args.Length > 0 ? Number(args, 0, name, 1, 38) : 18,
                args.Length > 1 ? Number(args, 1, name, 0, args.Length > 0 ? Number(args, 0, name, 1, 38) : 18) : 0),
            "char" => SqlType.Char(Length(args, name, 8000, allowMax: false)),
            "varchar" => SqlType.VarChar(Length(args, name, 8000, allowMax: true)),
            "nchar" => SqlType.NChar(Length(args, name, 4000, allowMax: false)),
            "nvarchar" => SqlType.NVarChar(Length(args, name, 4000, allowMax: true)),
            "varbinary" => SqlType.VarBinary(Length(args, name, 8000, allowMax: true)),
            "binary" => SqlType.VarBinary(Length(args, name, 8000, allowMax: false)),
            "date" => NoArgs(SqlType.Date, name, args),
            "time" => SqlType.Time(args.Length == 0 ? 7 : Number(args, 0, name, 0, 7)),
            "datetime" => NoArgs(SqlType.DateTime, name, args),
            "datetime2" => SqlType.DateTime2(args.Length == 0 ? 7 : Number(args, 0, name, 0, 7)),
            "uniqueidentifier" => NoArgs(SqlType.UniqueIdentifier, name, args),
            _ => throw new EngineException(2715, 16, 6, $"Column, parameter, or variable: Cannot find data type {name}. Supported types are listed in docs/types.md."),
        };
    }

    private static string[] Arguments(string text, int open)
    {
        var close = text.LastIndexOf(')');
        if (close < open || text[(close + 1)..].Trim().Length > 0)
        {
            throw new EngineException(102, 15, 1, $"Incorrect syntax near '{text[open..].Trim()}'.");
        }

        return [.. text[(open + 1)..close].Split(',').Select(a => a.Trim())];
    }

    private static SqlType NoArgs(SqlType type, string name, string[] args) => args.Length == 0
        ? type
        : throw new EngineException(2716, 16, 1, $"Column, parameter, or variable: Cannot specify a column width on data type {name}.");

    private static SqlType FloatBits(int bits) => bits <= 24 ? SqlType.Real : SqlType.Float;

    private static int Length(string[] args, string name, int limit, bool allowMax)
    {
        if (args.Length == 0)
        {
            return 1; // SQL Server's default length in DDL.
        }

        if (allowMax && string.Equals(args[0], "max", StringComparison.OrdinalIgnoreCase))
        {
            return SqlType.MaxLength;
        }

        var length = Number(args, 0, name, 1, int.MaxValue);
        return length <= limit
            ? length
            : throw new EngineException(131, 15, 3, $"The size ({length}) given to the type '{name}' exceeds the maximum allowed for any data type ({limit}).{(allowMax ? $" Use {name}(max)." : string.Empty)}");
    }

    private static int Number(string[] args, int index, string name, int min, int max)
    {
        if (index >= args.Length || !int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new EngineException(102, 15, 1, $"Incorrect syntax near '{(index < args.Length ? args[index] : ")")}'.");
        }

        return value >= min && value <= max
            ? value
            : throw new EngineException(1002, 16, 1, $"Line 1: Specified scale or precision {value} is invalid for type '{name}'; it must be between {min} and {max}.");
    }
}
