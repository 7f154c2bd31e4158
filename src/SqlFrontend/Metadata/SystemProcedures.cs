using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage;

namespace PredictEngine.SqlFrontend.Metadata;

/// <summary>The catalog procedures client tools call: sp_help, sp_helptext, sp_tables, sp_columns, sp_databases.</summary>
public static class SystemProcedures
{
    public static IReadOnlyList<ISystemProcedure> All { get; } =
    [
        new SpHelp(),
        new SpHelpText(),
        new SpTables(),
        new SpColumns(),
        new SpDatabases(),
    ];

    /// <summary>An argument by position or by @name; null when absent or NULL.</summary>
    internal static string? Argument(IReadOnlyList<ProcedureArgument> arguments, int position, string name)
    {
        var named = arguments.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named.Value?.ToString();
        }

        return position < arguments.Count && arguments[position].Name is null ? arguments[position].Value?.ToString() : null;
    }

    internal static string Quote(string? text) => text is null ? "NULL" : CatalogViews.Quote(text);

    /// <summary>Reads the rows of a small catalog query as strings (null for NULL).</summary>
    internal static List<string?[]> Rows(StorageConnection connection, string sql)
    {
        var rows = new List<string?[]>();
        using var reader = connection.ExecuteReader($"SELECT COLUMNS(*)::VARCHAR FROM ({sql}) q");
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++)
                {
                    var row = new string?[batch.ColumnCount];
                    for (var c = 0; c < batch.ColumnCount; c++)
                    {
                        row[c] = batch[c].IsNull(r) ? null : batch[c].GetString(r);
                    }

                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    /// <summary>Splits '[schema].[name]' into its parts, defaulting the schema to dbo.</summary>
    internal static (string Schema, string Name) SplitName(string objectName)
    {
        var parts = objectName.Split('.');
        static string Unquote(string part) => part.Trim().Trim('[', ']', '"');
        var name = Unquote(parts[^1]);
        var schema = parts.Length > 1 && Unquote(parts[^2]).Length > 0 ? Unquote(parts[^2]) : "dbo";
        return (schema, name);
    }
}
