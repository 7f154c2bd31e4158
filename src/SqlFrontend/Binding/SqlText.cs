namespace PredictEngine.SqlFrontend.Binding;

/// <summary>Quoting for emitted DuckDB SQL: every name is quoted so T-SQL names that are DuckDB keywords still work.</summary>
internal static class SqlText
{
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
