using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Metadata;

/// <summary>sp_helptext @objname: a view's definition, one row per line.</summary>
internal sealed class SpHelpText : ISystemProcedure
{
    public string Name => "sp_helptext";

    public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        CatalogViews.EnsureInstalled(context.Connection, context.Database);
        var objectName = SystemProcedures.Argument(arguments, 0, "@objname")
            ?? throw new EngineException(201, 16, 4, "Procedure or function 'sp_helptext' expects parameter '@objname', which was not supplied.");
        var (schema, name) = SystemProcedures.SplitName(objectName);
        var found = SystemProcedures.Rows(context.Connection,
            "SELECT o.object_id, m.definition FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id "
            + "LEFT JOIN sys.sql_modules m ON m.object_id = o.object_id "
            + $"WHERE lower(o.name) = lower({SystemProcedures.Quote(name)}) AND lower(s.name) = lower({SystemProcedures.Quote(schema)})");
        if (found.Count == 0)
        {
            throw new EngineException(15009, 16, 1, $"The object '{objectName}' does not exist in database '{context.Database}' or is invalid for this operation.");
        }

        if (found[0][1] is null)
        {
            throw new EngineException(15197, 16, 1, $"There is no text for object '{objectName}'.");
        }

        context.SendQuery(
            "SELECT line || CASE WHEN n < count(*) OVER () THEN chr(13) || chr(10) ELSE '' END AS \"Text\" "
            + $"FROM (SELECT unnest(string_split(replace(definition, chr(13), ''), chr(10))) AS line, generate_subscripts(string_split(replace(definition, chr(13), ''), chr(10)), 1) AS n FROM sys.sql_modules WHERE object_id = {found[0][0]}) ORDER BY n",
            null);
        return 0;
    }
}
