using PredictEngine.SqlFrontend.Procedures;

namespace PredictEngine.SqlFrontend.Metadata;

/// <summary>sp_databases: the databases with their size in KB (the session's own from DuckDB's block count).</summary>
internal sealed class SpDatabases : ISystemProcedure
{
    public string Name => "sp_databases";

    public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        CatalogViews.EnsureInstalled(context.Connection, context.Database);
        context.SendQuery(
            "SELECT d.name AS DATABASE_NAME, CAST(CASE WHEN lower(d.name) = lower(" + CatalogViews.Quote(context.Database) + ") "
            + "THEN (SELECT sum(total_blocks * block_size) // 1024 FROM pragma_database_size() WHERE database_name = current_database()) ELSE 0 END AS INTEGER) AS DATABASE_SIZE, "
            + "CAST(NULL AS VARCHAR) AS REMARKS FROM sys.databases d WHERE d.database_id > 4 OR lower(d.name) = lower(" + CatalogViews.Quote(context.Database) + ") ORDER BY 1",
            null);
        return 0;
    }
}
