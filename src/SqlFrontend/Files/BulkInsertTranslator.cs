using System.Text;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Execution;

namespace PredictEngine.SqlFrontend.Files;

/// <summary>
/// BULK INSERT t FROM 'file' WITH (...) as one DuckDB INSERT ... SELECT over read_csv: the file's fields map to
/// the table's columns by position and convert to each column's T-SQL type inside DuckDB, so loading costs no
/// per-row work here. A bad value aborts the statement with SQL Server's bulk-load error; the session runs the
/// statement in a transaction, so the table is left as it was.
/// </summary>
public static class BulkInsertTranslator
{
    private const string StatementName = "BULK INSERT";

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "FORMAT", "FIRSTROW", "LASTROW", "FIELDTERMINATOR", "ROWTERMINATOR", "FIELDQUOTE", "KEEPNULLS", "KEEPIDENTITY",
        "TABLOCK", "BATCHSIZE", "MAXERRORS", "CODEPAGE", "DATAFILETYPE", "CHECK_CONSTRAINTS", "FIRE_TRIGGERS",
        "ROWS_PER_BATCH", "KILOBYTES_PER_BATCH", "FORMATFILE", "ERRORFILE", "DATA_SOURCE",
    };

    public static TranslatedStatement Translate(BulkInsertStatement statement, TableInfo target, FileAccessPolicy policy, Func<Expression, object?> evaluate)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(evaluate);

        var options = new BulkOptions(statement.Options, Known, StatementName, evaluate, statement.Line);
        foreach (var unsupported in new[] { "FORMATFILE", "ERRORFILE", "DATA_SOURCE" })
        {
            if (options.Has(unsupported))
            {
                throw options.Invalid($"{unsupported} is not supported: describe the file with FORMAT, FIELDTERMINATOR and ROWTERMINATOR.");
            }
        }

        var format = options.String("FORMAT")?.Trim().ToUpperInvariant();
        if (format is not (null or "CSV"))
        {
            throw options.Invalid($"FORMAT = '{options.String("FORMAT")}' is not supported: BULK INSERT reads FORMAT = 'CSV' or, without FORMAT, character data files.");
        }

        var dataFileType = options.String("DATAFILETYPE")?.Trim().ToUpperInvariant();
        if (dataFileType is not (null or "CHAR"))
        {
            throw options.Invalid($"DATAFILETYPE = '{options.String("DATAFILETYPE")}' is not supported: only 'char' data files (UTF-8 text) are read.");
        }

        // Accepted for compatibility: they tune SQL Server's batching, locking and error tolerance, which a single
        // set-based insert in one transaction does not have (any error fails the whole load).
        _ = options.Flag("TABLOCK") | options.Flag("CHECK_CONSTRAINTS") | options.Flag("FIRE_TRIGGERS");
        foreach (var tuning in new[] { "BATCHSIZE", "ROWS_PER_BATCH", "KILOBYTES_PER_BATCH" })
        {
            _ = options.Integer(tuning, 1);
        }

        _ = options.Integer("MAXERRORS", 0);
        var keepIdentity = options.Flag("KEEPIDENTITY");
        _ = options.Flag("KEEPNULLS");

        // SQL Server's character data files are tab-separated unless told otherwise, FORMAT = 'CSV' included.
        var dialect = CsvDialectOptions.Read(options, format == "CSV", "\t", headerRow: false);
        var path = policy.Resolve(PathText(statement.Path, evaluate, options), statement.Line);

        var targets = MapFields(target, keepIdentity, dialect.ReadLine(path, dialect.DataSkip)?.Count, out var fieldCount);
        var select = FieldConversions.Select(dialect.ReadCsv(path, fieldCount + 1, emptyIsNull: false), dialect, targets, fieldCount, checkFieldCount: true);
        var sql = new StringBuilder("INSERT INTO ").Append(target.StorageName).Append(" (");
        sql.AppendJoin(", ", targets.Select(t => SqlText.Identifier(t.Column.Name)));
        sql.Append(") ").Append(select);
        return new TranslatedStatement
        {
            Commands = [new TranslatedCommand(sql.ToString(), [])],
            Outcome = StatementOutcome.Insert,
            IdentitySequence = keepIdentity ? null : target.IdentitySequence,
        };
    }

    internal static string PathText(Expression path, Func<Expression, object?> evaluate, BulkOptions options) =>
        evaluate(path) switch
        {
            string s => s,
            null => throw options.Invalid("The file name is NULL."),
            var other => throw options.Invalid($"The file name must be a string, not {other.GetType().Name}."),
        };

    /// <summary>
    /// Which file field feeds which column. Without KEEPIDENTITY the identity column takes generated values: a
    /// file with a field for every column (as SQL Server expects) has that field skipped, and a file with one
    /// field fewer maps its fields to the other columns.
    /// </summary>
    private static List<FieldTarget> MapFields(TableInfo target, bool keepIdentity, int? fieldsInFirstRow, out int fieldCount)
    {
        var columns = target.Columns;
        var hasIdentity = columns.Any(c => c.IsIdentity);
        var skipIdentityField = !keepIdentity && hasIdentity && fieldsInFirstRow == columns.Count;
        var targets = new List<FieldTarget>();
        var field = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (column.IsIdentity && !keepIdentity)
            {
                field += skipIdentityField ? 1 : 0;
                continue;
            }

            targets.Add(new FieldTarget(++field, column, i + 1));
        }

        fieldCount = field;
        return targets;
    }
}
