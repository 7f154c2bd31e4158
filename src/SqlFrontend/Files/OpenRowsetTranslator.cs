using System.Globalization;
using System.Text;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Files;

/// <summary>The DuckDB query a file source reads as, and the T-SQL columns it yields; the translator wraps it as a derived table.</summary>
public sealed record FileSourceTranslation(string Sql, IReadOnlyList<ColumnInfo> Columns);

/// <summary>
/// OPENROWSET(BULK 'file', ...) as in SQL Server (SINGLE_BLOB / SINGLE_CLOB / SINGLE_NCLOB) and Synapse serverless
/// (FORMAT = 'CSV' | 'PARQUET' with an optional WITH clause), read with DuckDB's read_blob / read_text /
/// read_csv / read_parquet using exactly the options given.
/// </summary>
public static partial class OpenRowsetTranslator
{
    private const string StatementName = "OPENROWSET(BULK)";
    private const string BulkColumn = "BulkColumn";

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "SINGLE_BLOB", "SINGLE_CLOB", "SINGLE_NCLOB", "FORMAT", "FIRSTROW", "LASTROW", "FIELDTERMINATOR", "ROWTERMINATOR",
        "FIELDQUOTE", "ESCAPECHAR", "HEADER_ROW", "PARSER_VERSION", "CODEPAGE", "MAXERRORS", "ROWS_PER_BATCH",
        "DATA_SOURCE", "FORMATFILE", "ERRORFILE",
    };

    private static readonly string[] SingleKinds = ["SINGLE_BLOB", "SINGLE_CLOB", "SINGLE_NCLOB"];

    private static readonly string[] CsvOnly =
        ["FIRSTROW", "LASTROW", "FIELDTERMINATOR", "ROWTERMINATOR", "FIELDQUOTE", "ESCAPECHAR", "HEADER_ROW", "PARSER_VERSION", "CODEPAGE"];

    public static FileSourceTranslation Translate(OpenRowsetSource source, FileAccessPolicy policy, Func<Expression, object?> evaluate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(evaluate);

        var options = new BulkOptions(source.Options, Known, StatementName, evaluate, source.Line);
        foreach (var unsupported in new[] { "DATA_SOURCE", "FORMATFILE", "ERRORFILE" })
        {
            if (options.Has(unsupported))
            {
                throw options.Invalid($"{unsupported} is not supported: give the file's path in BULK and describe it with FORMAT and its options.");
            }
        }

        _ = options.Integer("MAXERRORS", 0);
        _ = options.Integer("ROWS_PER_BATCH", 1);
        var single = SingleKinds.Where(options.Has).ToList();
        var format = options.String("FORMAT");
        if (single.Count > 1 || (single.Count == 1 && format is not null))
        {
            throw options.Invalid($"{string.Join(" and ", single.Append(format is null ? null : "FORMAT").OfType<string>())} cannot be combined: give one of SINGLE_BLOB, SINGLE_CLOB, SINGLE_NCLOB or FORMAT.");
        }

        if (single.Count == 0 && format is null)
        {
            throw options.Invalid("Give SINGLE_BLOB, SINGLE_CLOB, SINGLE_NCLOB or FORMAT = 'CSV' | 'PARQUET' (format files are not supported).");
        }

        var path = policy.Resolve(BulkInsertTranslator.PathText(source.Path, evaluate, options), source.Line);
        var translation = single.Count == 1
            ? Single(single[0].ToUpperInvariant(), options, source, path)
            : format!.Trim().ToUpperInvariant() switch
            {
                "CSV" => Csv(options, source, path),
                "PARQUET" => Parquet(options, source, path),
                _ => throw options.Invalid($"FORMAT = '{format}' is not supported: use 'CSV' or 'PARQUET'."),
            };
        return Aliased(translation, source);
    }

    private static FileSourceTranslation Single(string kind, BulkOptions options, OpenRowsetSource source, string path)
    {
        _ = options.Flag(kind);
        foreach (var name in options.Names.Where(n => !n.Equals(kind, StringComparison.OrdinalIgnoreCase)))
        {
            throw options.Invalid($"{name.ToUpperInvariant()} cannot be combined with {kind}.");
        }

        if (source.WithColumns.Count > 0)
        {
            throw options.Invalid($"{kind} returns the single column {BulkColumn}; it takes no WITH clause.");
        }

        // read_text checks the file is valid UTF-8; SQL Server reads SINGLE_NCLOB as UTF-16, files here are UTF-8.
        var (sql, type) = kind switch
        {
            "SINGLE_BLOB" => ($"SELECT content AS {SqlText.Identifier(BulkColumn)} FROM read_blob({SqlText.Literal(path)})", SqlType.VarBinary(SqlType.MaxLength)),
            "SINGLE_CLOB" => ($"SELECT content AS {SqlText.Identifier(BulkColumn)} FROM read_text({SqlText.Literal(path)})", SqlType.VarChar(SqlType.MaxLength)),
            _ => ($"SELECT content AS {SqlText.Identifier(BulkColumn)} FROM read_text({SqlText.Literal(path)})", SqlType.NVarChar(SqlType.MaxLength)),
        };
        return new FileSourceTranslation(sql, [new ColumnInfo(BulkColumn, type, Nullable: true)]);
    }

    private static FileSourceTranslation Csv(BulkOptions options, OpenRowsetSource source, string path)
    {
        var parser = options.String("PARSER_VERSION")?.Trim();
        if (parser is not (null or "1.0" or "2.0"))
        {
            throw options.Invalid($"PARSER_VERSION = '{parser}' is not supported: use '1.0' or '2.0'.");
        }

        var header = options.Boolean("HEADER_ROW") ?? false;
        var dialect = CsvDialectOptions.Read(options, csvFormat: true, ",", header);
        var firstData = dialect.ReadLine(path, dialect.DataSkip);
        if (source.WithColumns.Count == 0)
        {
            var names = header
                ? dialect.ReadLine(path, dialect.Skip)
                : firstData?.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"C{i + 1}")).ToList();
            if (names is null || names.Count == 0)
            {
                throw options.Invalid($"The file \"{path}\" has no row to take the column names from; give them in a WITH clause.");
            }

            var columns = names.Select(n => new ColumnInfo(n, SqlType.VarChar(8000), Nullable: true)).ToList();
            var sql = new StringBuilder("SELECT ");
            sql.AppendJoin(", ", columns.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"c{i + 1} AS {SqlText.Identifier(c.Name)}")));
            sql.Append(" FROM (SELECT * FROM ").Append(dialect.ReadCsv(path, columns.Count, emptyIsNull: true));
            if (dialect.LastRow is { } last)
            {
                sql.Append(" LIMIT ").Append(Math.Max(0, last - dialect.DataSkip).ToString(CultureInfo.InvariantCulture));
            }

            return new FileSourceTranslation(sql.Append(')').ToString(), columns);
        }

        // WITH binds CSV columns by position, as Synapse does without explicit ordinals.
        var targets = source.WithColumns.Select((c, i) => new FieldTarget(i + 1, ColumnOf(c), i + 1)).ToList();
        var declared = Math.Max(targets.Count, firstData?.Count ?? 0);
        var select = FieldConversions.Select(dialect.ReadCsv(path, declared, emptyIsNull: true), dialect, targets, declared, checkFieldCount: false);
        return new FileSourceTranslation(select, [.. targets.Select(t => t.Column)]);
    }

    private static ColumnInfo ColumnOf(ColumnSpec spec) => new(spec.Name, SqlTypeName.Parse(spec.DataType.ToString()), spec.Nullable ?? true);
}
