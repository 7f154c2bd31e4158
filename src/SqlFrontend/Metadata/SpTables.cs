using PredictEngine.SqlFrontend.Procedures;

namespace PredictEngine.SqlFrontend.Metadata;

/// <summary>sp_tables [@table_name] [, @table_owner] [, @table_qualifier] [, @table_type]: the ODBC table list (names are LIKE patterns).</summary>
internal sealed class SpTables : ISystemProcedure
{
    public string Name => "sp_tables";

    public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        CatalogViews.EnsureInstalled(context.Connection, context.Database);
        var name = SystemProcedures.Argument(arguments, 0, "@table_name") ?? "%";
        var owner = SystemProcedures.Argument(arguments, 1, "@table_owner") ?? "%";
        var qualifier = SystemProcedures.Argument(arguments, 2, "@table_qualifier");
        var types = SystemProcedures.Argument(arguments, 3, "@table_type");
        var typeFilter = types is null
            ? string.Empty
            : " AND TABLE_TYPE IN (" + string.Join(", ", types.Split(',').Select(t => SystemProcedures.Quote(t.Trim().Trim('\'', '"').ToUpperInvariant()))) + ")";
        var qualifierFilter = qualifier is null ? string.Empty : $" AND lower(TABLE_QUALIFIER) = lower({SystemProcedures.Quote(qualifier)})";
        context.SendQuery(
            "SELECT * FROM (SELECT TABLE_CATALOG AS TABLE_QUALIFIER, TABLE_SCHEMA AS TABLE_OWNER, TABLE_NAME, "
            + "CASE TABLE_TYPE WHEN 'BASE TABLE' THEN 'TABLE' ELSE 'VIEW' END AS TABLE_TYPE, CAST(NULL AS VARCHAR) AS REMARKS "
            + "FROM tsql_information_schema.TABLES) t "
            + $"WHERE TABLE_NAME ILIKE {SystemProcedures.Quote(name)} AND TABLE_OWNER ILIKE {SystemProcedures.Quote(owner)}{qualifierFilter}{typeFilter} "
            + "ORDER BY TABLE_TYPE, TABLE_QUALIFIER, TABLE_OWNER, TABLE_NAME",
            null);
        return 0;
    }
}
