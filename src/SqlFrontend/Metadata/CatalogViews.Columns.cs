namespace PredictEngine.SqlFrontend.Metadata;

public static partial class CatalogViews
{
    // SQL Server's system_type_id, max_length, precision and scale for the types the engine supports.
    private const string TypesView = $"""
        SELECT name, CAST(system_type_id AS UTINYINT) AS system_type_id, CAST(user_type_id AS INTEGER) AS user_type_id,
               4 AS schema_id, CAST(NULL AS INTEGER) AS principal_id, CAST(max_length AS SMALLINT) AS max_length,
               CAST(precision AS UTINYINT) AS precision, CAST(scale AS UTINYINT) AS scale,
               CASE WHEN name IN ('char', 'varchar', 'nchar', 'nvarchar', 'sysname') THEN '{Collation}' END AS collation_name,
               true AS is_nullable, false AS is_user_defined, false AS is_assembly_type, 0 AS default_object_id,
               0 AS rule_object_id, false AS is_table_type
        FROM (VALUES
            ('uniqueidentifier', 36, 36, 16, 0, 0), ('date', 40, 40, 3, 10, 0), ('time', 41, 41, 5, 16, 7),
            ('datetime2', 42, 42, 8, 27, 7), ('tinyint', 48, 48, 1, 3, 0), ('smallint', 52, 52, 2, 5, 0),
            ('int', 56, 56, 4, 10, 0), ('real', 59, 59, 4, 24, 0), ('datetime', 61, 61, 8, 23, 3),
            ('float', 62, 62, 8, 53, 0), ('bit', 104, 104, 1, 1, 0), ('decimal', 106, 106, 17, 38, 38),
            ('numeric', 108, 108, 17, 38, 38), ('bigint', 127, 127, 8, 19, 0), ('varbinary', 165, 165, 8000, 0, 0),
            ('varchar', 167, 167, 8000, 0, 0), ('binary', 173, 173, 8000, 0, 0), ('char', 175, 175, 8000, 0, 0),
            ('nvarchar', 231, 231, 8000, 0, 0), ('nchar', 239, 239, 8000, 0, 0), ('sysname', 231, 256, 256, 0, 0)
        ) v(name, system_type_id, user_type_id, max_length, precision, scale)
        """;

    private static IEnumerable<(string Name, string Body)> ColumnViews(string database)
    {
        // The declared type: the column comment ('nvarchar(50)', 'int IDENTITY(1,1)') or one derived from the DuckDB type.
        yield return ("sys.tsql_column_types", $"""
            WITH declared AS (
                SELECT c.schema_name AS duck_schema, m.name AS schema_name, c.table_name, CAST(c.table_oid AS INTEGER) AS object_id,
                       c.column_name AS name, CAST(c.column_index AS INTEGER) AS column_id, c.is_nullable, c.column_default,
                       coalesce(nullif(trim(c.comment), ''), {FallbackType}) AS decl
                FROM duckdb_columns() c JOIN sys.tsql_schema_map m ON m.duck_schema = c.schema_name
                WHERE c.database_name = current_database() AND NOT c.internal),
            parsed AS (
                SELECT *, lower(regexp_extract(decl, '^\s*\[?([A-Za-z0-9_]+)', 1)) AS raw_type,
                       regexp_extract(decl, '^\s*\[?[A-Za-z0-9_]+\]?\s*\(([^)]*)\)', 1) AS args,
                       decl ILIKE '%identity%' AS is_identity
                FROM declared)
            SELECT duck_schema, schema_name, table_name, object_id, name, column_id, is_nullable, is_identity,
                   CASE WHEN is_identity THEN NULL ELSE column_default END AS column_default,
                   CASE raw_type WHEN 'integer' THEN 'int' ELSE raw_type END AS type_name,
                   CASE WHEN lower(trim(split_part(args, ',', 1))) = 'max' THEN -1
                        ELSE coalesce(try_cast(trim(split_part(args, ',', 1)) AS INTEGER), 1) END AS char_length,
                   coalesce(try_cast(trim(split_part(args, ',', 1)) AS INTEGER), 18) AS decimal_precision,
                   coalesce(try_cast(trim(split_part(args, ',', 2)) AS INTEGER), 0) AS decimal_scale,
                   coalesce(try_cast(trim(split_part(args, ',', 1)) AS INTEGER), 7) AS fraction,
                   CASE WHEN is_identity THEN coalesce(try_cast(regexp_extract(decl, '(?i)identity\s*\(\s*(-?[0-9]+)', 1) AS BIGINT), 1) END AS identity_seed,
                   CASE WHEN is_identity THEN coalesce(try_cast(regexp_extract(decl, '(?i)identity\s*\(\s*-?[0-9]+\s*,\s*(-?[0-9]+)', 1) AS BIGINT), 1) END AS identity_increment
            FROM parsed
            """);
        yield return ("sys.columns", $"""
            SELECT c.object_id, c.name, c.column_id, t.system_type_id, t.user_type_id,
                   CAST(CASE WHEN c.type_name IN ('varchar', 'char', 'varbinary', 'binary') THEN c.char_length
                             WHEN c.type_name IN ('nvarchar', 'nchar') THEN CASE WHEN c.char_length = -1 THEN -1 ELSE 2 * c.char_length END
                             WHEN c.type_name IN ('decimal', 'numeric') THEN CASE WHEN c.decimal_precision <= 9 THEN 5 WHEN c.decimal_precision <= 19 THEN 9 WHEN c.decimal_precision <= 28 THEN 13 ELSE 17 END
                             WHEN c.type_name = 'time' THEN CASE WHEN c.fraction <= 2 THEN 3 WHEN c.fraction <= 4 THEN 4 ELSE 5 END
                             WHEN c.type_name = 'datetime2' THEN CASE WHEN c.fraction <= 2 THEN 6 WHEN c.fraction <= 4 THEN 7 ELSE 8 END
                             ELSE t.max_length END AS SMALLINT) AS max_length,
                   CAST(CASE WHEN c.type_name IN ('decimal', 'numeric') THEN c.decimal_precision
                             WHEN c.type_name = 'time' THEN CASE WHEN c.fraction = 0 THEN 8 ELSE 9 + c.fraction END
                             WHEN c.type_name = 'datetime2' THEN CASE WHEN c.fraction = 0 THEN 19 ELSE 20 + c.fraction END
                             ELSE t.precision END AS UTINYINT) AS precision,
                   CAST(CASE WHEN c.type_name IN ('decimal', 'numeric') THEN c.decimal_scale
                             WHEN c.type_name IN ('time', 'datetime2') THEN c.fraction ELSE t.scale END AS UTINYINT) AS scale,
                   t.collation_name, c.is_nullable, false AS is_ansi_padded, false AS is_rowguidcol, c.is_identity,
                   false AS is_computed, false AS is_filestream, false AS is_replicated, false AS is_sparse,
                   false AS is_column_set, 0 AS default_object_id, 0 AS rule_object_id
            FROM sys.tsql_column_types c LEFT JOIN sys.types t ON t.name = c.type_name AND t.user_type_id = t.system_type_id
            """);
        yield return ("sys.all_columns", "SELECT * FROM sys.columns");
        yield return ("tsql_information_schema.TABLES", $"""
            SELECT {database} AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, name AS TABLE_NAME,
                   CASE type WHEN 'U' THEN 'BASE TABLE' ELSE 'VIEW' END AS TABLE_TYPE
            FROM sys.tsql_objects
            """);
        yield return ("tsql_information_schema.VIEWS", $"""
            SELECT {database} AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, name AS TABLE_NAME, definition AS VIEW_DEFINITION,
                   'NONE' AS CHECK_OPTION, 'NO' AS IS_UPDATABLE
            FROM sys.tsql_objects WHERE type = 'V'
            """);
        yield return ("tsql_information_schema.SCHEMATA", $"""
            SELECT {database} AS CATALOG_NAME, name AS SCHEMA_NAME, 'dbo' AS SCHEMA_OWNER, CAST(NULL AS VARCHAR) AS DEFAULT_CHARACTER_SET_CATALOG,
                   CAST(NULL AS VARCHAR) AS DEFAULT_CHARACTER_SET_SCHEMA, 'iso_1' AS DEFAULT_CHARACTER_SET_NAME
            FROM sys.schemas
            """);
        yield return ("tsql_information_schema.COLUMNS", $"""
            SELECT {database} AS TABLE_CATALOG, c.schema_name AS TABLE_SCHEMA, c.table_name AS TABLE_NAME, c.name AS COLUMN_NAME,
                   c.column_id AS ORDINAL_POSITION, CASE WHEN c.column_default IS NULL THEN NULL WHEN regexp_full_match(c.column_default, '-?[0-9.]+') THEN '((' || c.column_default || '))' ELSE '(' || c.column_default || ')' END AS COLUMN_DEFAULT,
                   CASE WHEN c.is_nullable THEN 'YES' ELSE 'NO' END AS IS_NULLABLE, c.type_name AS DATA_TYPE,
                   CASE WHEN c.type_name IN ('char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary') THEN c.char_length END AS CHARACTER_MAXIMUM_LENGTH,
                   CASE WHEN c.type_name IN ('char', 'varchar', 'binary', 'varbinary') THEN c.char_length
                        WHEN c.type_name IN ('nchar', 'nvarchar') THEN CASE WHEN c.char_length = -1 THEN -1 ELSE 2 * c.char_length END END AS CHARACTER_OCTET_LENGTH,
                   CAST(CASE c.type_name WHEN 'tinyint' THEN 3 WHEN 'smallint' THEN 5 WHEN 'int' THEN 10 WHEN 'bigint' THEN 19
                        WHEN 'real' THEN 24 WHEN 'float' THEN 53 WHEN 'decimal' THEN c.decimal_precision WHEN 'numeric' THEN c.decimal_precision END AS UTINYINT) AS NUMERIC_PRECISION,
                   CAST(CASE WHEN c.type_name IN ('real', 'float') THEN 2 WHEN c.type_name IN ('tinyint', 'smallint', 'int', 'bigint', 'decimal', 'numeric') THEN 10 END AS SMALLINT) AS NUMERIC_PRECISION_RADIX,
                   CASE WHEN c.type_name IN ('tinyint', 'smallint', 'int', 'bigint') THEN 0 WHEN c.type_name IN ('decimal', 'numeric') THEN c.decimal_scale END AS NUMERIC_SCALE,
                   CAST(CASE c.type_name WHEN 'date' THEN 0 WHEN 'datetime' THEN 3 WHEN 'time' THEN c.fraction WHEN 'datetime2' THEN c.fraction END AS SMALLINT) AS DATETIME_PRECISION,
                   CASE WHEN c.type_name IN ('char', 'varchar') THEN 'iso_1' WHEN c.type_name IN ('nchar', 'nvarchar') THEN 'UNICODE' END AS CHARACTER_SET_NAME,
                   CASE WHEN c.type_name IN ('char', 'varchar', 'nchar', 'nvarchar') THEN '{Collation}' END AS COLLATION_NAME
            FROM sys.tsql_column_types c
            """);
    }
}
