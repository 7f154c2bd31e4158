namespace PredictEngine.SqlFrontend.Metadata;

public static partial class CatalogViews
{
    internal const string Collation = "SQL_Latin1_General_CP1_CI_AS";

    // Columns without a T-SQL comment are typed from their DuckDB type as docs/types.md maps them.
    private const string FallbackType = """
        CASE WHEN data_type = 'BOOLEAN' THEN 'bit' WHEN data_type = 'UTINYINT' THEN 'tinyint'
             WHEN data_type IN ('TINYINT', 'SMALLINT') THEN 'smallint' WHEN data_type IN ('USMALLINT', 'INTEGER') THEN 'int'
             WHEN data_type IN ('UINTEGER', 'BIGINT') THEN 'bigint' WHEN data_type = 'UBIGINT' THEN 'decimal(20,0)'
             WHEN data_type = 'HUGEINT' THEN 'decimal(38,0)' WHEN data_type = 'FLOAT' THEN 'real' WHEN data_type = 'DOUBLE' THEN 'float'
             WHEN data_type LIKE 'DECIMAL%' THEN lower(data_type) WHEN data_type = 'BLOB' THEN 'varbinary(max)'
             WHEN data_type = 'DATE' THEN 'date' WHEN data_type = 'TIME' THEN 'time(6)' WHEN data_type LIKE 'TIMESTAMP%' THEN 'datetime2(6)'
             WHEN data_type = 'UUID' THEN 'uniqueidentifier' ELSE 'nvarchar(max)' END
        """;

    private static IEnumerable<(string Name, string Body)> Views(string database, string created)
    {
        yield return ("sys.tsql_schema_map", """
            SELECT schema_name AS duck_schema,
                   CASE WHEN schema_name = 'main' THEN 'dbo' ELSE schema_name END AS name,
                   CAST(CASE WHEN schema_name = 'main' THEN 1 ELSE oid END AS INTEGER) AS schema_id
            FROM duckdb_schemas()
            WHERE database_name = current_database() AND (NOT internal OR schema_name = 'main')
              AND schema_name NOT IN ('sys', 'information_schema', 'pg_catalog') AND schema_name NOT LIKE 'tsql\_%' ESCAPE '\'
            """);
        yield return ("sys.schemas", """
            SELECT name, schema_id, 1 AS principal_id FROM sys.tsql_schema_map
            UNION ALL SELECT * FROM (VALUES ('guest', 2, 2), ('INFORMATION_SCHEMA', 3, 4), ('sys', 4, 4)) v(name, schema_id, principal_id)
            """);
        yield return ("sys.tsql_objects", """
            SELECT t.table_name AS name, CAST(t.table_oid AS INTEGER) AS object_id, m.schema_id, m.name AS schema_name,
                   'U' AS type, 'USER_TABLE' AS type_desc, CAST(NULL AS VARCHAR) AS definition
            FROM duckdb_tables() t JOIN sys.tsql_schema_map m ON m.duck_schema = t.schema_name
            WHERE t.database_name = current_database() AND NOT t.temporary AND NOT t.internal
            UNION ALL
            SELECT v.view_name, CAST(v.view_oid AS INTEGER), m.schema_id, m.name, 'V', 'VIEW', coalesce(v.comment, v.sql)
            FROM duckdb_views() v JOIN sys.tsql_schema_map m ON m.duck_schema = v.schema_name
            WHERE v.database_name = current_database() AND NOT v.temporary AND NOT v.internal
            """);
        yield return ("sys.objects", $"""
            SELECT name, object_id, CAST(NULL AS INTEGER) AS principal_id, schema_id, 0 AS parent_object_id, type, type_desc,
                   {created} AS create_date, {created} AS modify_date, false AS is_ms_shipped, false AS is_published, false AS is_schema_published
            FROM sys.tsql_objects
            """);
        yield return ("sys.all_objects", "SELECT * FROM sys.objects");
        yield return ("sys.types", TypesView);
        foreach (var view in ColumnViews(database))
        {
            yield return view;
        }

        yield return ("sys.tables", """
            SELECT o.*, 0 AS lob_data_space_id, CAST(NULL AS INTEGER) AS filestream_data_space_id,
                   CAST((SELECT count(*) FROM sys.columns c WHERE c.object_id = o.object_id) AS INTEGER) AS max_column_id_used,
                   false AS lock_on_bulk_load, true AS uses_ansi_nulls, false AS is_replicated, false AS has_replication_filter,
                   false AS is_merge_published, false AS is_sync_tran_subscribed, false AS has_unchecked_assembly_data,
                   0 AS text_in_row_limit, false AS large_value_types_out_of_row, false AS is_tracked_by_cdc,
                   CAST(0 AS UTINYINT) AS lock_escalation, 'TABLE' AS lock_escalation_desc, false AS is_filetable,
                   false AS is_memory_optimized, CAST(0 AS UTINYINT) AS durability, 'SCHEMA_AND_DATA' AS durability_desc,
                   CAST(0 AS UTINYINT) AS temporal_type, 'NON_TEMPORAL_TABLE' AS temporal_type_desc, false AS is_external,
                   false AS is_node, false AS is_edge
            FROM sys.objects o WHERE o.type = 'U'
            """);
        yield return ("sys.views", """
            SELECT o.*, false AS is_replicated, false AS has_replication_filter, false AS has_opaque_metadata,
                   false AS has_unchecked_assembly_data, false AS with_check_option, false AS is_date_correlation_view
            FROM sys.objects o WHERE o.type = 'V'
            """);
        yield return ("sys.sql_modules", """
            SELECT object_id, definition, true AS uses_ansi_nulls, true AS uses_quoted_identifier, false AS is_schema_bound
            FROM sys.tsql_objects WHERE type = 'V'
            """);
        yield return ("sys.indexes", """
            SELECT object_id, CAST(NULL AS VARCHAR) AS name, 0 AS index_id, CAST(0 AS UTINYINT) AS type, 'HEAP' AS type_desc,
                   false AS is_unique, 1 AS data_space_id, false AS ignore_dup_key, false AS is_primary_key,
                   false AS is_unique_constraint, CAST(0 AS UTINYINT) AS fill_factor, false AS is_padded, false AS is_disabled,
                   false AS is_hypothetical, true AS allow_row_locks, true AS allow_page_locks, false AS has_filter
            FROM sys.objects WHERE type = 'U'
            """);
        yield return ("sys.databases", $"""
            SELECT name, CAST(database_id AS INTEGER) AS database_id, CAST(NULL AS INTEGER) AS source_database_id,
                   {created} AS create_date, CAST(160 AS UTINYINT) AS compatibility_level, '{Collation}' AS collation_name,
                   CAST(0 AS UTINYINT) AS user_access, 'MULTI_USER' AS user_access_desc, false AS is_read_only,
                   CAST(0 AS UTINYINT) AS state, 'ONLINE' AS state_desc, CAST(3 AS UTINYINT) AS recovery_model,
                   'SIMPLE' AS recovery_model_desc, false AS is_auto_close_on, false AS is_auto_shrink_on, true AS is_auto_create_stats_on
            FROM (VALUES ('master', 1), ('tempdb', 2), ('model', 3), ('msdb', 4)) v(name, database_id)
            WHERE lower(name) <> lower({database})
            UNION ALL
            SELECT {database}, CASE lower({database}) WHEN 'master' THEN 1 WHEN 'tempdb' THEN 2 WHEN 'model' THEN 3 WHEN 'msdb' THEN 4 ELSE 5 END,
                   NULL, {created}, 160, '{Collation}', 0, 'MULTI_USER', false, 0, 'ONLINE', 3, 'SIMPLE', false, false, true
            """);
    }
}
