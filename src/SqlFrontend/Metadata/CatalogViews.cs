using System.Globalization;
using System.Runtime.CompilerServices;
using PredictEngine.Storage;

namespace PredictEngine.SqlFrontend.Metadata;

/// <summary>
/// SQL Server's catalog views (sys.*) and INFORMATION_SCHEMA (DuckDB schema tsql_information_schema) as
/// DuckDB views over duckdb_tables(), duckdb_columns() and friends, following the catalog conventions:
/// T-SQL dbo is DuckDB main, a column's declared T-SQL type is its comment.
/// </summary>
public static partial class CatalogViews
{
    /// <summary>Bumped whenever a view definition changes, so databases created by older builds get the new views.</summary>
    private const string Version = "5";

    private const string DefaultDatabase = "predict";

    private static readonly ConditionalWeakTable<StorageConnection, string> Checked = [];

    private static readonly Lock Gate = new();

    public static void EnsureInstalled(StorageConnection connection) => EnsureInstalled(connection, DefaultDatabase);

    /// <summary>Creates the views unless this database already has this version of them for <paramref name="database"/>.</summary>
    public static void EnsureInstalled(StorageConnection connection, string database)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(database);
        var marker = Version + ":" + database;
        lock (Gate)
        {
            if (Checked.TryGetValue(connection, out var seen) && seen == marker)
            {
                return;
            }

            if (ReadMarker(connection) != marker)
            {
                Install(connection, database, marker);
            }

            Checked.AddOrUpdate(connection, marker);
        }
    }

    private static string? ReadMarker(StorageConnection connection)
    {
        using var reader = connection.ExecuteReader(
            "SELECT max(CASE WHEN view_name = 'tsql_catalog_marker' THEN 1 ELSE 0 END) FROM duckdb_views() WHERE schema_name = 'sys' AND database_name = current_database()");
        using (var batch = reader.ReadBatch())
        {
            if (batch is null || batch.RowCount == 0 || batch[0].IsNull(0) || batch[0].GetValues<int>()[0] == 0)
            {
                return null;
            }
        }

        using var markerReader = connection.ExecuteReader("SELECT marker FROM sys.tsql_catalog_marker");
        using var row = markerReader.ReadBatch();
        return row is null || row.RowCount == 0 ? null : row[0].GetString(0);
    }

    private static void Install(StorageConnection connection, string database, string marker)
    {
        var created = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        connection.Execute("CREATE SCHEMA IF NOT EXISTS sys");
        connection.Execute("CREATE SCHEMA IF NOT EXISTS tsql_information_schema");
        foreach (var (name, body) in Views(Quote(database), $"TIMESTAMP '{created}'"))
        {
            connection.Execute($"CREATE OR REPLACE VIEW {name} AS {body}");
        }

        connection.Execute($"CREATE OR REPLACE VIEW sys.tsql_catalog_marker AS SELECT {Quote(marker)} AS marker");
    }

    internal static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
