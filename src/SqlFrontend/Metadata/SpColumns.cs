using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Metadata;

/// <summary>sp_columns @table_name [, @table_owner] [, @table_qualifier] [, @column_name]: ODBC column descriptions.</summary>
internal sealed class SpColumns : ISystemProcedure
{
    // ODBC SQL data type codes and the precision/length conventions sp_columns reports.
    private const string Columns = """
        SELECT {0} AS TABLE_QUALIFIER, schema_name AS TABLE_OWNER, table_name AS TABLE_NAME, name AS COLUMN_NAME,
               CAST(CASE type_name WHEN 'bit' THEN -7 WHEN 'tinyint' THEN -6 WHEN 'smallint' THEN 5 WHEN 'int' THEN 4 WHEN 'bigint' THEN -5
                    WHEN 'real' THEN 7 WHEN 'float' THEN 6 WHEN 'decimal' THEN 3 WHEN 'numeric' THEN 2 WHEN 'char' THEN 1
                    WHEN 'varchar' THEN CASE WHEN char_length = -1 THEN -1 ELSE 12 END WHEN 'nchar' THEN -8
                    WHEN 'nvarchar' THEN CASE WHEN char_length = -1 THEN -10 ELSE -9 END WHEN 'binary' THEN -2
                    WHEN 'varbinary' THEN CASE WHEN char_length = -1 THEN -4 ELSE -3 END WHEN 'datetime' THEN 11
                    WHEN 'uniqueidentifier' THEN -11 ELSE -9 END AS SMALLINT) AS DATA_TYPE,
               type_name || CASE WHEN is_identity THEN ' identity' ELSE '' END AS TYPE_NAME,
               CAST(CASE type_name WHEN 'bit' THEN 1 WHEN 'tinyint' THEN 3 WHEN 'smallint' THEN 5 WHEN 'int' THEN 10 WHEN 'bigint' THEN 19
                    WHEN 'real' THEN 7 WHEN 'float' THEN 15 WHEN 'decimal' THEN decimal_precision WHEN 'numeric' THEN decimal_precision
                    WHEN 'date' THEN 10 WHEN 'time' THEN CASE WHEN fraction = 0 THEN 8 ELSE 9 + fraction END WHEN 'datetime' THEN 23
                    WHEN 'datetime2' THEN CASE WHEN fraction = 0 THEN 19 ELSE 20 + fraction END WHEN 'uniqueidentifier' THEN 36
                    ELSE CASE WHEN char_length = -1 THEN CASE WHEN type_name IN ('nvarchar', 'nchar') THEN 1073741823 ELSE 2147483647 END ELSE char_length END END AS INTEGER) AS PRECISION,
               CAST(CASE type_name WHEN 'bit' THEN 1 WHEN 'tinyint' THEN 1 WHEN 'smallint' THEN 2 WHEN 'int' THEN 4 WHEN 'bigint' THEN 8
                    WHEN 'real' THEN 4 WHEN 'float' THEN 8 WHEN 'decimal' THEN decimal_precision + 2 WHEN 'numeric' THEN decimal_precision + 2
                    WHEN 'date' THEN 20 WHEN 'time' THEN 32 WHEN 'datetime' THEN 16 WHEN 'datetime2' THEN 54 WHEN 'uniqueidentifier' THEN 16
                    WHEN 'nvarchar' THEN CASE WHEN char_length = -1 THEN 2147483646 ELSE 2 * char_length END
                    WHEN 'nchar' THEN 2 * char_length
                    ELSE CASE WHEN char_length = -1 THEN 2147483647 ELSE char_length END END AS INTEGER) AS LENGTH,
               CAST(CASE WHEN type_name IN ('bit', 'tinyint', 'smallint', 'int', 'bigint') THEN 0 WHEN type_name IN ('decimal', 'numeric') THEN decimal_scale
                    WHEN type_name = 'datetime' THEN 3 WHEN type_name IN ('time', 'datetime2') THEN fraction END AS SMALLINT) AS SCALE,
               CAST(CASE WHEN type_name IN ('real', 'float') THEN 2 WHEN type_name IN ('bit', 'tinyint', 'smallint', 'int', 'bigint', 'decimal', 'numeric') THEN 10 END AS SMALLINT) AS RADIX,
               CAST(CASE WHEN is_nullable THEN 1 ELSE 0 END AS SMALLINT) AS NULLABLE, CAST(NULL AS VARCHAR) AS REMARKS,
               CASE WHEN column_default IS NULL THEN NULL WHEN regexp_full_match(column_default, '-?[0-9.]+') THEN '((' || column_default || '))' ELSE '(' || column_default || ')' END AS COLUMN_DEF,
               CAST(CASE type_name WHEN 'datetime' THEN 9 WHEN 'bit' THEN -7 WHEN 'tinyint' THEN -6 WHEN 'smallint' THEN 5 WHEN 'int' THEN 4
                    WHEN 'bigint' THEN -5 WHEN 'real' THEN 7 WHEN 'float' THEN 6 WHEN 'decimal' THEN 3 WHEN 'numeric' THEN 2 WHEN 'char' THEN 1
                    WHEN 'varchar' THEN 12 WHEN 'nchar' THEN -8 WHEN 'binary' THEN -2 WHEN 'varbinary' THEN -3 WHEN 'uniqueidentifier' THEN -11 ELSE -9 END AS SMALLINT) AS SQL_DATA_TYPE,
               CAST(CASE WHEN type_name = 'datetime' THEN 3 END AS SMALLINT) AS SQL_DATETIME_SUB,
               CASE WHEN type_name IN ('char', 'varchar', 'binary', 'varbinary') THEN CASE WHEN char_length = -1 THEN 2147483647 ELSE char_length END
                    WHEN type_name IN ('nchar', 'nvarchar') THEN CASE WHEN char_length = -1 THEN 2147483646 ELSE 2 * char_length END END AS CHAR_OCTET_LENGTH,
               column_id AS ORDINAL_POSITION, CASE WHEN is_nullable THEN 'YES' ELSE 'NO' END AS IS_NULLABLE
        FROM sys.tsql_column_types
        """;

    public string Name => "sp_columns";

    public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        CatalogViews.EnsureInstalled(context.Connection, context.Database);
        var table = SystemProcedures.Argument(arguments, 0, "@table_name")
            ?? throw new EngineException(201, 16, 4, "Procedure or function 'sp_columns' expects parameter '@table_name', which was not supplied.");
        var owner = SystemProcedures.Argument(arguments, 1, "@table_owner") ?? "%";
        var column = SystemProcedures.Argument(arguments, 3, "@column_name") ?? "%";
        context.SendQuery(
            Columns.Replace("{0}", CatalogViews.Quote(context.Database), StringComparison.Ordinal)
            + $" WHERE table_name ILIKE {SystemProcedures.Quote(table)} AND schema_name ILIKE {SystemProcedures.Quote(owner)} AND name ILIKE {SystemProcedures.Quote(column)}"
            + " ORDER BY TABLE_QUALIFIER, TABLE_OWNER, TABLE_NAME, ORDINAL_POSITION",
            null);
        return 0;
    }
}
