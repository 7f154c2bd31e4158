using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Metadata;

/// <summary>sp_help [@objname]: the object list, or one table's or view's description in SQL Server's result sets.</summary>
internal sealed class SpHelp : ISystemProcedure
{
    public string Name => "sp_help";

    public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        CatalogViews.EnsureInstalled(context.Connection, context.Database);
        var objectName = SystemProcedures.Argument(arguments, 0, "@objname");
        if (objectName is null)
        {
            context.SendQuery(
                "SELECT o.name AS \"Name\", s.name AS \"Owner\", CASE o.type WHEN 'U' THEN 'user table' ELSE 'view' END AS \"Object_type\" "
                + "FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id ORDER BY 3, 1",
                null);
            context.SendQuery(
                "SELECT name AS \"User_type\", name AS \"Storage_type\", max_length AS \"Length\", precision AS \"Prec\", scale AS \"Scale\", "
                + "'yes' AS \"Nullable\", 'none' AS \"Default_name\", 'none' AS \"Rule_name\", collation_name AS \"Collation\" FROM sys.types WHERE is_user_defined",
                null);
            return 0;
        }

        var (schema, name) = SystemProcedures.SplitName(objectName);
        var found = SystemProcedures.Rows(context.Connection,
            $"SELECT o.object_id, o.type FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id "
            + $"WHERE lower(o.name) = lower({SystemProcedures.Quote(name)}) AND lower(s.name) = lower({SystemProcedures.Quote(schema)})");
        if (found.Count == 0)
        {
            throw new EngineException(15009, 16, 1, $"The object '{objectName}' does not exist in database '{context.Database}' or is invalid for this operation.");
        }

        var id = found[0][0];
        var isTable = found[0][1] == "U";
        context.SendQuery(
            "SELECT o.name AS \"Name\", s.name AS \"Owner\", CASE o.type WHEN 'U' THEN 'user table' ELSE 'view' END AS \"Type\", o.create_date AS \"Created_datetime\" "
            + $"FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id WHERE o.object_id = {id}",
            null);
        context.SendQuery(
            "SELECT c.name AS \"Column_name\", t.name AS \"Type\", 'no' AS \"Computed\", CAST(c.max_length AS INTEGER) AS \"Length\", "
            + "CASE WHEN t.name IN ('char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary', 'uniqueidentifier') THEN '' ELSE lpad(CAST(c.precision AS VARCHAR), 5, ' ') END AS \"Prec\", "
            + "CASE WHEN t.name IN ('tinyint', 'smallint', 'int', 'bigint', 'decimal', 'numeric') THEN lpad(CAST(c.scale AS VARCHAR), 5, ' ') ELSE '' END AS \"Scale\", "
            + "CASE WHEN c.is_nullable THEN 'yes' ELSE 'no' END AS \"Nullable\", "
            + "CASE WHEN t.name IN ('char', 'varchar', 'binary', 'varbinary') THEN 'no' ELSE '(n/a)' END AS \"TrimTrailingBlanks\", "
            + "CASE WHEN t.name IN ('char', 'varchar', 'binary', 'varbinary') THEN 'no' ELSE '(n/a)' END AS \"FixedLenNullInSource\", "
            + "c.collation_name AS \"Collation\" "
            + $"FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.user_type_id WHERE c.object_id = {id} ORDER BY c.column_id",
            null);
        context.SendQuery(
            "SELECT coalesce(max(CASE WHEN is_identity THEN name END), 'No identity column defined.') AS \"Identity\", "
            + "max(identity_seed) AS \"Seed\", max(identity_increment) AS \"Increment\", "
            + $"CASE WHEN bool_or(is_identity) THEN 0 END AS \"Not For Replication\" FROM sys.tsql_column_types WHERE object_id = {id}",
            null);
        context.SendQuery("SELECT 'No rowguidcol column defined.' AS \"RowGuidCol\"", null);
        if (isTable)
        {
            context.SendQuery("SELECT 'PRIMARY' AS \"Data_located_on_filegroup\"", null);
        }

        return 0;
    }
}
