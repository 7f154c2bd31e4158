using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// The catalog as T-SQL sees it, read from DuckDB's duckdb_tables() / duckdb_views() / duckdb_columns() /
/// duckdb_schemas() and cached until <see cref="Invalidate"/>. T-SQL's dbo is DuckDB's main, #temp tables live
/// in DuckDB's temp catalog, INFORMATION_SCHEMA is tsql_information_schema; column types come back from the
/// T-SQL type each column carries in its comment (docs/architecture.md, "Catalog conventions").
/// </summary>
public sealed class DuckDbCatalog : ICatalog
{
    private const string IdentityMarker = " IDENTITY(";
    private readonly StorageConnection _connection;
    private Dictionary<string, TableInfo>? _tables;
    private HashSet<string>? _schemas;

    public DuckDbCatalog(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <summary>The DuckDB schema a T-SQL schema is stored in.</summary>
    public static string StorageSchema(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.ToUpperInvariant() switch
        {
            "DBO" => "main",
            "INFORMATION_SCHEMA" => "tsql_information_schema",
            "SYS" => "sys",
            _ => schema,
        };
    }

    /// <summary>The T-SQL schema a DuckDB schema shows as.</summary>
    public static string TsqlSchema(string storageSchema)
    {
        ArgumentNullException.ThrowIfNull(storageSchema);
        return storageSchema switch
        {
            "main" => "dbo",
            "tsql_information_schema" => "INFORMATION_SCHEMA",
            _ => storageSchema,
        };
    }

    /// <summary>Schemas that are engine plumbing, not user schemas: kept out of user listings.</summary>
    public static bool IsHiddenSchema(string storageSchema)
    {
        ArgumentNullException.ThrowIfNull(storageSchema);
        return storageSchema.Equals("sys", StringComparison.OrdinalIgnoreCase)
            || storageSchema.StartsWith("tsql_", StringComparison.OrdinalIgnoreCase)
            || storageSchema.Equals("information_schema", StringComparison.OrdinalIgnoreCase)
            || storageSchema.Equals("pg_catalog", StringComparison.OrdinalIgnoreCase);
    }

    public TableInfo? FindTable(ObjectName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tables = Load();
        var key = name.IsTemporary ? Key("temp", "main", name.Name) : Key("db", StorageSchema(name.Schema ?? "dbo"), name.Name);
        return tables.GetValueOrDefault(key);
    }

    public bool SchemaExists(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schemas ??= Rows("SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database()")
            .Select(r => r[0]!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _schemas.Contains(StorageSchema(schema));
    }

    public void Invalidate()
    {
        _tables = null;
        _schemas = null;
    }

    /// <summary>Every table and view of the user's schemas (hidden ones included: sys.* views resolve by name).</summary>
    public IReadOnlyCollection<TableInfo> AllTables() => Load().Values;

    private static string Key(string database, string schema, string name) =>
        string.Join('\u001f', database, schema, name).ToUpperInvariant();

    private Dictionary<string, TableInfo> Load()
    {
        if (_tables is not null)
        {
            return _tables;
        }

        var views = Rows("SELECT database_name = 'temp', schema_name, view_name FROM duckdb_views() WHERE NOT internal AND (database_name = current_database() OR database_name = 'temp')")
            .Select(r => Key(r[0] == "true" ? "temp" : "db", r[1]!, r[2]!)).ToHashSet(StringComparer.Ordinal);
        var columns = Rows("""
            SELECT database_name = 'temp', schema_name, table_name, column_name, comment, is_nullable, data_type
            FROM duckdb_columns()
            WHERE database_name = current_database() OR database_name = 'temp'
            ORDER BY database_name, schema_name, table_name, column_index
            """);
        var indexes = Rows("SELECT database_name = 'temp', schema_name, table_name, index_name, sql FROM duckdb_indexes() WHERE sql IS NOT NULL AND (database_name = current_database() OR database_name = 'temp')")
            .ToLookup(r => Key(r[0] == "true" ? "temp" : "db", r[1]!, r[2]!), r => new IndexInfo(
                (r[0] == "true" ? "\"temp\".\"main\"." : SqlText.Quote(r[1]!) + ".") + SqlText.Quote(r[3]!), r[4]!), StringComparer.Ordinal);
        var tables = new Dictionary<string, TableInfo>(StringComparer.Ordinal);
        foreach (var group in columns.GroupBy(r => (Temp: r[0] == "true", Schema: r[1]!, Table: r[2]!)))
        {
            var key = Key(group.Key.Temp ? "temp" : "db", group.Key.Schema, group.Key.Table);
            var storage = group.Key.Temp
                ? $"\"temp\".\"main\".{SqlText.Quote(group.Key.Table)}"
                : $"{SqlText.Quote(group.Key.Schema)}.{SqlText.Quote(group.Key.Table)}";
            var infos = Columns(group.ToList(), storage);
            var identity = infos.Any(c => c.IsIdentity)
                ? (group.Key.Temp ? "\"temp\".\"main\"." : SqlText.Quote(group.Key.Schema) + ".") + SqlText.Quote(group.Key.Table + "__identity")
                : null;
            tables[key] = new TableInfo(group.Key.Temp ? "dbo" : TsqlSchema(group.Key.Schema), group.Key.Table, storage, infos, views.Contains(key), identity)
            {
                Indexes = indexes[key].ToList(),
            };
        }

        return _tables = tables;
    }

    /// <summary>Columns typed from their comments; where a comment is missing, from DuckDB's own type of that column.</summary>
    private List<ColumnInfo> Columns(List<string?[]> rows, string storage)
    {
        List<SqlType>? duckTypes = null;
        var infos = new List<ColumnInfo>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var comment = row[4];
            var nullable = row[5] == "true";
            var isIdentity = false;
            SqlType type;
            try
            {
                if (comment is { Length: > 0 } text && text.IndexOf(IdentityMarker, StringComparison.OrdinalIgnoreCase) is var mark)
                {
                    isIdentity = mark > 0;
                    type = SqlTypeName.Parse(isIdentity ? text[..mark] : text);
                }
                else
                {
                    duckTypes ??= DuckTypes(storage);
                    type = duckTypes[i];
                }
            }
            catch (EngineException)
            {
                duckTypes ??= DuckTypes(storage);
                type = duckTypes[i];
            }

            infos.Add(new ColumnInfo(row[3]!, type, nullable, isIdentity));
        }

        return infos;
    }

    private List<SqlType> DuckTypes(string storage)
    {
        using var reader = _connection.ExecuteReader($"SELECT * FROM {storage} LIMIT 0");
        return reader.Schema.Fields.Select(f => f.Type).ToList();
    }

    private List<string?[]> Rows(string sql)
    {
        var rows = new List<string?[]>();
        using var reader = _connection.ExecuteReader(sql);
        var count = reader.Schema.Count;
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                for (var row = 0; row < batch.RowCount; row++)
                {
                    var values = new string?[count];
                    for (var c = 0; c < count; c++)
                    {
                        var vector = batch[c];
                        values[c] = vector.IsNull(row) ? null : Text(vector, row);
                    }

                    rows.Add(values);
                }
            }
        }

        return rows;
    }

    private static string Text(PredictEngine.Storage.Batches.ColumnVector vector, int row) => vector.Type.Id switch
    {
        SqlTypeId.Bit => vector.GetValues<byte>()[row] != 0 ? "true" : "false",
        _ => vector.GetString(row),
    };
}
