using System.Globalization;
using System.Text;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Files;

/// <summary>
/// A file field bound for a column: <see cref="Field"/> is its 1-based position in the file (column c{Field} of
/// the read_csv call), <see cref="Ordinal"/> the 1-based column number SQL Server names in its messages.
/// </summary>
internal sealed record FieldTarget(int Field, ColumnInfo Column, int Ordinal);

/// <summary>
/// The SELECT that turns the VARCHAR fields of a delimited file into typed columns in one DuckDB pass. Each
/// value is checked with TRY_CAST before the CAST, and a failing row raises SQL Server's bulk-load error (row
/// and column) through DuckDB's error() with the tag the session turns back into an engine error, so the good
/// path stays a single set-based query and the error path needs no second reading of the file.
/// </summary>
internal static class FieldConversions
{
    /// <summary>
    /// SELECT the converted targets FROM the file. With <paramref name="checkFieldCount"/>, a row with fewer fields
    /// than <paramref name="fieldCount"/> raises Msg 4832 and one with more raises Msg 4866 (the read_csv call
    /// must then declare fieldCount + 1 columns and read missing fields as NULL, empty ones as '').
    /// </summary>
    public static string Select(string readCsv, CsvDialect dialect, IReadOnlyList<FieldTarget> targets, int fieldCount, bool checkFieldCount)
    {
        var sql = new StringBuilder("SELECT ");
        for (var i = 0; i < targets.Count; i++)
        {
            sql.Append(i > 0 ? ", " : string.Empty);
            sql.Append(Convert(targets[i], checkFieldCount, fieldCount, first: i == 0));
            sql.Append(" AS ").Append(SqlText.Identifier(targets[i].Column.Name));
        }

        sql.Append(" FROM (SELECT row_number() OVER () + ").Append(dialect.DataSkip.ToString(CultureInfo.InvariantCulture));
        sql.Append(" AS r, * FROM (SELECT * FROM ").Append(readCsv);
        if (dialect.LastRow is { } last)
        {
            sql.Append(" LIMIT ").Append(Math.Max(0, last - dialect.DataSkip).ToString(CultureInfo.InvariantCulture));
        }

        return sql.Append("))").ToString();
    }

    /// <summary>DuckDB SQL raising a severity-16 engine error the session reports with SQL Server's number.</summary>
    public static string Raise(int number, string messageSql) => RuntimeErrors.Raise(number, 16, 1, messageSql);

    private static string Convert(FieldTarget target, bool checkFieldCount, int fieldCount, bool first)
    {
        var c = "c" + target.Field.ToString(CultureInfo.InvariantCulture);
        var type = target.Column.Type;
        var name = target.Column.Name;
        var at = $"' for row ' || CAST(r AS VARCHAR) || ', column {target.Ordinal} (' || {SqlText.Literal(name)} || ').'";
        var sql = new StringBuilder("CASE");
        if (checkFieldCount && first)
        {
            sql.Append(" WHEN c").Append((fieldCount + 1).ToString(CultureInfo.InvariantCulture)).Append(" IS NOT NULL THEN ");
            sql.Append(Raise(
                ErrorNumbers.BulkLoadColumnTooLong,
                $"'The bulk load failed. The column is too long in the data file for row ' || CAST(r AS VARCHAR) || ', column {fieldCount}. Verify that the field terminator and row terminator are specified correctly. (The row has more than the {fieldCount} fields the table takes.)'"));
        }

        sql.Append(" WHEN ").Append(c).Append(" IS NULL THEN ");
        sql.Append(checkFieldCount
            ? Raise(
                ErrorNumbers.BulkLoadUnexpectedEndOfFile,
                $"'Bulk load: An unexpected end of file was encountered in the data file. (Row ' || CAST(r AS VARCHAR) || ' has {target.Field - 1} of the {fieldCount} fields the table takes.)'")
            : "NULL");

        // SQL Server loads an empty field as NULL (or the column default); KEEPNULLS keeps it NULL.
        sql.Append(" WHEN ").Append(c).Append(" = '' THEN NULL");
        if (type.IsString)
        {
            if (type.Length > 0)
            {
                sql.Append(CultureInfo.InvariantCulture, $" WHEN length({c}) > {type.Length} THEN ");
                sql.Append(Raise(ErrorNumbers.BulkLoadTruncation, "'Bulk load data conversion error (truncation)" + at[1..]));
            }

            return sql.Append(" ELSE ").Append(c).Append(" END").ToString();
        }

        var mismatch = Raise(ErrorNumbers.BulkLoadConversion, "'Bulk load data conversion error (type mismatch or invalid character for the specified codepage)" + at[1..]);
        if (type.Id == SqlTypeId.VarBinary)
        {
            // A character data file carries binary as hex digits (no 0x), as bcp writes it.
            sql.Append(" WHEN NOT regexp_full_match(").Append(c).Append(", '([0-9A-Fa-f]{2})*') THEN ").Append(mismatch);
            if (type.Length > 0)
            {
                sql.Append(CultureInfo.InvariantCulture, $" WHEN length({c}) > {type.Length * 2} THEN ");
                sql.Append(Raise(ErrorNumbers.BulkLoadTruncation, "'Bulk load data conversion error (truncation)" + at[1..]));
            }

            return sql.Append(" ELSE unhex(").Append(c).Append(") END").ToString();
        }

        var duck = DuckDbTypeMapping.ToDuckDbDdl(type);
        sql.Append(" WHEN TRY_CAST(").Append(c).Append(" AS ").Append(duck).Append(") IS NULL THEN ").Append(mismatch);
        return sql.Append(" ELSE CAST(").Append(c).Append(" AS ").Append(duck).Append(") END").ToString();
    }
}
