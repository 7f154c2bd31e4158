using System.Text;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

public static partial class BuiltinFunctions
{
    private static void AddStrings(Dictionary<string, Function> map)
    {
        Add(map, "LEN", 1, 1, (a, _) => new TypedSql($"CAST(length(rtrim({Text(a[0])}, ' ')) AS {LengthTypeName(a[0])})", LengthType(a[0])));
        Add(map, "DATALENGTH", 1, 1, (a, _) => new TypedSql(DataLength(a[0]), LengthType(a[0])));
        Add(map, "SUBSTRING", 3, 3, (a, _) =>
        {
            RequireString(a[0], 1, "substring");
            return new TypedSql($"substring({a[0].Sql}, CAST({a[1].Sql} AS BIGINT), greatest(CAST({a[2].Sql} AS BIGINT), 0))", StringResult(a[0], LengthOf(a[0])));
        });
        Add(map, "LEFT", 2, 2, (a, _) => new TypedSql($"left({Text(a[0])}, CAST({a[1].Sql} AS BIGINT))", StringResult(a[0], LengthOf(a[0]))));
        Add(map, "RIGHT", 2, 2, (a, _) => new TypedSql($"right({Text(a[0])}, CAST({a[1].Sql} AS BIGINT))", StringResult(a[0], LengthOf(a[0]))));
        Add(map, "CHARINDEX", 2, 3, (a, _) =>
            new TypedSql($"CAST(tsql_charindex({Text(a[0])}, {Text(a[1])}, {(a.Count > 2 ? a[2].Sql : "1")}) AS {LengthTypeName(a[1])})", LengthType(a[1])));
        Add(map, "PATINDEX", 2, 2, (a, _) => new TypedSql(PatIndex(a[0], Text(a[1])), LengthType(a[1])));
        Add(map, "REPLACE", 3, 3, (a, _) => new TypedSql(
            $"CASE WHEN {Text(a[1])} = '' THEN {Text(a[0])} ELSE regexp_replace({Text(a[0])}, '(?i)' || regexp_escape({Text(a[1])}), replace({Text(a[2])}, '\\', '\\\\'), 'g') END",
            StringResult(Conversions.IsUnicode(a[0].Type ?? SqlType.Int) ? a[0] : a[2], 8000)));
        Add(map, "UPPER", 1, 1, (a, _) => new TypedSql($"upper({Text(a[0])})", StringResult(a[0], LengthOf(a[0]))));
        Add(map, "LOWER", 1, 1, (a, _) => new TypedSql($"lower({Text(a[0])})", StringResult(a[0], LengthOf(a[0]))));
        Add(map, "LTRIM", 1, 2, (a, _) => new TypedSql($"ltrim({Text(a[0])}, {(a.Count > 1 ? Text(a[1]) : "' '")})", StringResult(a[0], LengthOf(a[0]))));
        Add(map, "RTRIM", 1, 2, (a, _) => new TypedSql($"rtrim({Text(a[0])}, {(a.Count > 1 ? Text(a[1]) : "' '")})", StringResult(a[0], LengthOf(a[0]))));
        Add(map, "TRIM", 1, 2, (a, _) => new TypedSql($"trim({Text(a[^1])}, {(a.Count > 1 ? Text(a[0]) : "' '")})", StringResult(a[^1], LengthOf(a[^1]))));
        Add(map, "CONCAT", 2, 254, (a, _) => new TypedSql($"concat({string.Join(", ", a.Select(Text))})", ConcatType(a)));
        Add(map, "CONCAT_WS", 3, 254, (a, _) => new TypedSql($"concat_ws({string.Join(", ", a.Select(Text))})", ConcatType(a)));
        Add(map, "REPLICATE", 2, 2, (a, _) => new TypedSql($"CASE WHEN {a[1].Sql} < 0 THEN NULL ELSE repeat({Text(a[0])}, CAST({a[1].Sql} AS BIGINT)) END", StringResult(a[0], SqlType.MaxLength)));
        Add(map, "REVERSE", 1, 1, (a, _) => new TypedSql($"reverse({Text(a[0])})", StringResult(a[0], LengthOf(a[0]))));
        Add(map, "SPACE", 1, 1, (a, _) => new TypedSql($"CASE WHEN {a[0].Sql} < 0 THEN NULL ELSE repeat(' ', CAST({a[0].Sql} AS BIGINT)) END", SqlType.VarChar(8000)));
        Add(map, "STUFF", 4, 4, (a, _) => new TypedSql($"tsql_stuff({Text(a[0])}, {a[1].Sql}, {a[2].Sql}, {Text(a[3])})", StringResult(a[0], 8000)));
        Add(map, "STR", 1, 3, (a, _) =>
            new TypedSql($"tsql_str({a[0].Sql}, {(a.Count > 1 ? a[1].Sql : "10")}, {(a.Count > 2 ? a[2].Sql : "0")})", SqlType.VarChar(a.Count > 1 ? ConstantInt(a[1]) ?? 8000 : 10)));
        Add(map, "ASCII", 1, 1, (a, _) => new TypedSql($"CASE WHEN {Text(a[0])} = '' THEN NULL ELSE ascii({Text(a[0])}) END", SqlType.Int));
        Add(map, "UNICODE", 1, 1, (a, _) => new TypedSql($"CASE WHEN {Text(a[0])} = '' THEN NULL ELSE unicode({Text(a[0])}) END", SqlType.Int));
        Add(map, "CHAR", 1, 1, (a, _) => new TypedSql($"CASE WHEN {a[0].Sql} BETWEEN 0 AND 255 THEN chr(CAST({a[0].Sql} AS INTEGER)) END", SqlType.Char(1)));
        Add(map, "NCHAR", 1, 1, (a, _) => new TypedSql($"CASE WHEN {a[0].Sql} BETWEEN 0 AND 1114111 THEN chr(CAST({a[0].Sql} AS INTEGER)) END", SqlType.NChar(1)));
        Add(map, "QUOTENAME", 1, 2, (a, _) => new TypedSql(QuoteName(Text(a[0]), a.Count > 1 ? ConstantString(a[1]) : "["), SqlType.NVarChar(258)));
    }

    private static SqlType LengthType(TypedSql arg) => arg.Type is { Length: SqlType.MaxLength, IsVariableWidth: true } ? SqlType.BigInt : SqlType.Int;

    private static string LengthTypeName(TypedSql arg) => Conversions.DuckDbTypeName(LengthType(arg));

    private static void RequireString(TypedSql arg, int index, string function)
    {
        if (arg.Type is { } t && !t.IsString && t.Id != SqlTypeId.VarBinary)
        {
            throw InvalidArgument(t, index, function);
        }
    }

    private static string DataLength(TypedSql arg)
    {
        var value = arg.Sql;
        return arg.Type switch
        {
            null => "CAST(NULL AS INTEGER)",
            { Id: SqlTypeId.NVarChar } => $"CAST(2 * length({value}) AS {LengthTypeName(arg)})",
            { Id: SqlTypeId.VarChar } => $"CAST(strlen({value}) AS {LengthTypeName(arg)})",
            { Id: SqlTypeId.VarBinary } => $"CAST(octet_length({value}) AS {LengthTypeName(arg)})",
            { Id: SqlTypeId.Char } t => $"CASE WHEN {value} IS NULL THEN NULL ELSE {Int(t.Length)} END",
            { Id: SqlTypeId.NChar } t => $"CASE WHEN {value} IS NULL THEN NULL ELSE {Int(2 * t.Length)} END",
            { } t => $"CASE WHEN {value} IS NULL THEN NULL ELSE {Int(FixedBytes(t))} END",
        };
    }

    // Storage sizes SQL Server reports for fixed-size types.
    private static int FixedBytes(SqlType type) => type.Id switch
    {
        SqlTypeId.Bit or SqlTypeId.TinyInt => 1,
        SqlTypeId.SmallInt => 2,
        SqlTypeId.Int or SqlTypeId.Real => 4,
        SqlTypeId.BigInt or SqlTypeId.Float or SqlTypeId.DateTime => 8,
        SqlTypeId.Decimal => type.Precision <= 9 ? 5 : type.Precision <= 19 ? 9 : type.Precision <= 28 ? 13 : 17,
        SqlTypeId.Date => 3,
        SqlTypeId.Time => type.Precision <= 2 ? 3 : type.Precision <= 4 ? 4 : 5,
        SqlTypeId.DateTime2 => type.Precision <= 2 ? 6 : type.Precision <= 4 ? 7 : 8,
        SqlTypeId.UniqueIdentifier => 16,
        _ => 8,
    };

    private static SqlType ConcatType(IReadOnlyList<TypedSql> args)
    {
        var unicode = args.Any(a => a.Type is { } t && Conversions.IsUnicode(t));
        var max = args.Any(a => a.Type is { Length: SqlType.MaxLength, IsVariableWidth: true });
        var total = args.Sum(a => LengthOf(a));
        return unicode
            ? SqlType.NVarChar(max || total > 4000 ? SqlType.MaxLength : total)
            : SqlType.VarChar(max || total > 8000 ? SqlType.MaxLength : total);
    }

    private static string QuoteName(string value, string? quote)
    {
        var (open, close) = quote switch
        {
            "[" or "]" => ("[", "]"),
            "'" => ("'", "'"),
            "\"" => ("\"", "\""),
            "(" or ")" => ("(", ")"),
            "<" or ">" => ("<", ">"),
            "{" or "}" => ("{", "}"),
            "`" => ("`", "`"),
            _ => (string.Empty, string.Empty),
        };
        if (open.Length == 0)
        {
            return "CAST(NULL AS VARCHAR)";
        }

        return $"CASE WHEN length({value}) > 128 THEN NULL ELSE {Literal(open)} || replace({value}, {Literal(close)}, {Literal(close + close)}) || {Literal(close)} END";
    }

    /// <summary>PATINDEX: the LIKE pattern becomes a case-insensitive regular expression; the position is one past the shortest prefix before a match.</summary>
    private static string PatIndex(TypedSql pattern, string text)
    {
        var like = ConstantString(pattern) ?? throw new Storage.Errors.EngineException(Storage.Errors.ErrorNumbers.NotSupported, 16, 1, "PATINDEX supports a literal pattern only.");
        var anchoredStart = !like.StartsWith('%');
        var anchoredEnd = !like.EndsWith('%') || like.Length == 0;
        var core = LikeToRegex(like.Trim('%'));
        var regex = "(?is)^(" + (anchoredStart ? string.Empty : ".*?") + ")" + core + (anchoredEnd ? "$" : string.Empty);
        return $"CASE WHEN {text} IS NULL THEN NULL WHEN regexp_matches({text}, {Literal(regex)}) THEN length(regexp_extract({text}, {Literal(regex)}, 1)) + 1 ELSE 0 END";
    }

    internal static string LikeToRegex(string like)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < like.Length; i++)
        {
            var c = like[i];
            switch (c)
            {
                case '%':
                    regex.Append(".*");
                    break;
                case '_':
                    regex.Append('.');
                    break;
                case '[':
                    var close = like.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = like[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('^') ? "^" + set[1..].Replace("\\", "\\\\", StringComparison.Ordinal) : set.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(char.IsLetterOrDigit(c) || c == ' ' ? c.ToString() : "\\" + c);
                    break;
            }
        }

        return regex.ToString();
    }
}
