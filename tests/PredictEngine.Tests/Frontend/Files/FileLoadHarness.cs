using System.Globalization;
using System.Text.RegularExpressions;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Files;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend.Files;

/// <summary>
/// An in-memory DuckDB, a temporary directory the policy allows and a small catalog reader following the
/// catalog convention (a column's declared T-SQL type is its DuckDB comment), so tests translate statements
/// and run what they produce the way the session will: in a transaction, with tagged errors decoded.
/// </summary>
public abstract partial class FileLoadHarness : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();

    protected FileLoadHarness()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("pe-load-").FullName;
        Connection = _database.Connect();
        Policy = new FileAccessPolicy([Directory]);
    }

    protected string Directory { get; }

    protected StorageConnection Connection { get; }

    protected FileAccessPolicy Policy { get; }

    public void Dispose()
    {
        Connection.Dispose();
        _database.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Creates a table from (name, T-SQL type) pairs; "int IDENTITY(1,1)" gets a sequence as the catalog does.</summary>
    protected TableInfo CreateTable(string name, params (string Column, string TsqlType)[] columns)
    {
        string? sequence = null;
        var defs = new List<string>();
        foreach (var (column, tsql) in columns)
        {
            var identity = tsql.Contains("IDENTITY", StringComparison.OrdinalIgnoreCase);
            var type = SqlTypeName.Parse(identity ? tsql[..tsql.IndexOf(" IDENTITY", StringComparison.OrdinalIgnoreCase)] : tsql);
            var duck = DuckDbTypeMapping.ToDuckDbDdl(type);
            if (identity)
            {
                sequence = $"\"{name}_{column}_seq\"";
                Connection.Execute($"CREATE SEQUENCE {sequence}");
                defs.Add($"\"{column}\" {duck} DEFAULT nextval('{name}_{column}_seq')");
            }
            else
            {
                defs.Add($"\"{column}\" {duck}");
            }
        }

        Connection.Execute($"CREATE TABLE \"{name}\" ({string.Join(", ", defs)})");
        foreach (var (column, tsql) in columns)
        {
            Connection.Execute($"COMMENT ON COLUMN \"{name}\".\"{column}\" IS '{tsql}'");
        }

        return FindTable(name, sequence);
    }

    /// <summary>Builds the TableInfo from DuckDB's catalog and the column comments, as the translator's catalog does.</summary>
    protected TableInfo FindTable(string name, string? sequence = null)
    {
        var described = Scalar($"SELECT string_agg(column_name || '=' || comment, ';' ORDER BY column_index) FROM duckdb_columns() WHERE table_name = '{name}'");
        var columns = described!.Split(';').Select(d =>
        {
            var (column, tsql) = (d[..d.IndexOf('=', StringComparison.Ordinal)], d[(d.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var identity = tsql.Contains("IDENTITY", StringComparison.OrdinalIgnoreCase);
            var type = SqlTypeName.Parse(identity ? tsql[..tsql.IndexOf(" IDENTITY", StringComparison.OrdinalIgnoreCase)] : tsql);
            return new ColumnInfo(column, type, Nullable: true, IsIdentity: identity);
        }).ToList();
        return new TableInfo("dbo", name, $"\"main\".\"{name}\"", columns, IdentitySequence: sequence);
    }

    protected static object? Evaluate(Expression expression) => expression switch
    {
        LiteralExpression { Kind: LiteralKind.String or LiteralKind.NationalString } s => s.Value,
        LiteralExpression { Kind: LiteralKind.Integer } i => long.Parse(i.Value, CultureInfo.InvariantCulture),
        LiteralExpression { Kind: LiteralKind.Null } => null,
        _ => throw new InvalidOperationException($"The test evaluator does not handle {expression.GetType().Name}."),
    };

    protected static BulkOption Option(string name, string value) =>
        new() { Name = name, Value = new LiteralExpression { Kind = LiteralKind.String, Value = value } };

    protected static BulkOption Option(string name, long value) =>
        new() { Name = name, Value = new LiteralExpression { Kind = LiteralKind.Integer, Value = value.ToString(CultureInfo.InvariantCulture) } };

    protected static BulkOption Flag(string name) => new() { Name = name };

    /// <summary>HEADER_ROW = TRUE: the parser gives the bare word as a one-part column reference.</summary>
    protected static BulkOption Word(string name, string word) => new() { Name = name, Value = new ColumnReference { Parts = [word] } };

    protected static LiteralExpression Text(string value) => new() { Kind = LiteralKind.NationalString, Value = value };

    /// <summary>BULK INSERT table FROM path WITH (options), translated and run in a transaction; returns the rows inserted.</summary>
    protected long BulkInsert(string table, string path, params BulkOption[] options)
    {
        var statement = new BulkInsertStatement { Table = new ObjectName { Parts = [table] }, Path = Text(path), Options = options, Line = 3 };
        var translated = BulkInsertTranslator.Translate(statement, FindTable(table, Scalar($"SELECT '\"' || sequence_name || '\"' FROM duckdb_sequences() WHERE sequence_name LIKE '{table}_%'")), Policy, Evaluate);
        Assert.Single(translated.Commands);
        return RunInTransaction(translated.Commands[0].Sql);
    }

    protected long RunInTransaction(string sql)
    {
        Connection.Execute("BEGIN TRANSACTION");
        try
        {
            var count = Connection.Execute(sql);
            Connection.Execute("COMMIT");
            return count;
        }
        catch (EngineException e)
        {
            Connection.Execute("ROLLBACK");
            throw Decode(e);
        }
    }

    /// <summary>What the session does with a storage error carrying a [tsql N S St] tag (see Functions/RuntimeErrors).</summary>
    protected static EngineException Decode(EngineException e)
    {
        var match = Tag().Match(e.Message);
        return match.Success
            ? new EngineException(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), byte.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), 1, match.Groups[4].Value.TrimEnd())
            : e;
    }

    protected string? Scalar(string sql)
    {
        using var reader = Connection.ExecuteReader(sql);
        using var batch = reader.ReadBatch();
        return batch is null || batch.RowCount == 0 || batch[0].IsNull(0) ? null : batch[0].GetString(0);
    }

    /// <summary>The rows of a query as "a|b;a|b", NULL spelled out, in the order given.</summary>
    protected string? Rows(string table, string columns, string orderBy) =>
        Scalar($"SELECT string_agg(concat_ws('|', {string.Join(", ", columns.Split(',').Select(c => $"coalesce(CAST({c.Trim()} AS VARCHAR), 'NULL')"))}), ';' ORDER BY {orderBy}) FROM {table}");

    [GeneratedRegex(@"\[tsql (\d+) (\d+) (\d+)\] (.*)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
