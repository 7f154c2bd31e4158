using System.Text.RegularExpressions;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// The metadata batch a bulk copy starts with, answered without T-SQL. SqlBulkCopy sends
/// <c>select @@trancount; SET FMTONLY ON select * from [dbo].[T] SET FMTONLY OFF exec ..sp_tablecollations_100 N'[dbo].[T]'</c>
/// and expects three result sets: @@TRANCOUNT, the table's columns without rows, and one collation row
/// per column (an empty set makes it throw). freebcp sends only the FMTONLY part.
/// The pass-through executor cannot run either (DuckDB has no FMTONLY, @@trancount or
/// sp_tablecollations_100), so these exact shapes are intercepted here until the T-SQL front end
/// (its own issue) handles them as ordinary statements.
/// </summary>
public sealed partial record BulkLoadMetadata(BulkTableName Table, bool WithTranCountAndCollations)
{
    /// <summary>SQL_Latin1_General_CP1_CI_AS, the collation every string column reports (LCID 0x0409, CI/AI-off/KI/WI flags, sort id 52).</summary>
    public const string CollationName = "SQL_Latin1_General_CP1_CI_AS";

    private static readonly byte[] CollationBytes = [0x09, 0x04, 0xD0, 0x00, 0x34];

    public static bool TryParse(string text, out BulkLoadMetadata? query)
    {
        ArgumentNullException.ThrowIfNull(text);
        query = null;
        var match = SqlBulkCopyShape().Match(text);
        var full = match.Success;
        if (!full)
        {
            match = FreeBcpShape().Match(text);
        }

        if (!match.Success || !BulkTableName.TryParse(match.Groups["table"].Value, out var table))
        {
            return false;
        }

        query = new BulkLoadMetadata(table!, full);
        return true;
    }

    /// <summary>The table's columns as clients see them (docs/types.md); a missing table is SQL Server's error 208.</summary>
    public static BatchSchema DescribeTable(StorageConnection connection, BulkTableName table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            using var reader = connection.ExecuteReader($"SELECT * FROM {table.Sql} LIMIT 0");
            return reader.Schema;
        }
        catch (EngineException e) when (e.Number == ErrorNumbers.StorageError && e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            throw new EngineException(ErrorNumbers.InvalidObjectName, 16, 1, $"Invalid object name '{table.Display}'.", e);
        }
    }

    /// <summary>Writes the result sets; <paramref name="inTransaction"/> is @@TRANCOUNT.</summary>
    public void Run(StorageConnection connection, bool inTransaction, IResultSink sink, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (WithTranCountAndCollations)
        {
            var tranCount = IntVector([inTransaction ? 1 : 0]);
            Write(sink, [new ColumnField(string.Empty, SqlType.Int)], [tranCount], cancellation);
        }

        var columns = DescribeTable(connection, Table);
        sink.BeginResultSet(columns);
        sink.EndResultSet(0);
        if (!WithTranCountAndCollations)
        {
            return;
        }

        var count = columns.Count;
        var ids = IntVector(Enumerable.Range(1, count).ToArray());
        var names = ColumnVector.Allocate(SqlType.NVarChar(128), count);
        var tdsCollations = ColumnVector.Allocate(SqlType.VarBinary(5), count);
        var collations = ColumnVector.Allocate(SqlType.NVarChar(128), count);
        foreach (var field in columns.Fields)
        {
            names.AppendString(field.Name);
            if (field.Type.IsString)
            {
                tdsCollations.AppendBytes(CollationBytes);
                collations.AppendString(CollationName);
            }
            else
            {
                tdsCollations.AppendNull();
                collations.AppendNull();
            }
        }

        Write(sink, [
            new ColumnField("colid", SqlType.Int),
            new ColumnField("name", SqlType.NVarChar(128)),
            new ColumnField("tds_collation", SqlType.VarBinary(5)),
            new ColumnField("collation", SqlType.NVarChar(128)),
        ], [ids, names, tdsCollations, collations], cancellation);
    }

    private static ColumnVector IntVector(int[] values)
    {
        var vector = ColumnVector.Allocate(SqlType.Int, values.Length);
        values.CopyTo(vector.GetWritableValues<int>());
        vector.SetLength(values.Length);
        return vector;
    }

    private static void Write(IResultSink sink, ColumnField[] fields, ColumnVector[] vectors, CancellationToken cancellation)
    {
        var schema = new BatchSchema(fields);
        using var batch = new ColumnBatch(schema, vectors, vectors[0].Length);
        sink.BeginResultSet(schema);
        sink.WriteRows(batch, cancellation);
        sink.EndResultSet(batch.RowCount);
    }

    [GeneratedRegex(@"^\s*select\s+@@trancount\s*;?\s*set\s+fmtonly\s+on\s+select\s+\*\s+from\s+(?<table>\S.*?)\s+set\s+fmtonly\s+off\s*;?\s*exec(?:ute)?\s+(?:\S*?\.\.?)?sp_tablecollations_(?:100|90)\s+N?'(?:[^']|'')*'\s*;?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SqlBulkCopyShape();

    [GeneratedRegex(@"^\s*set\s+fmtonly\s+on\s+select\s+\*\s+from\s+(?<table>\S.*?)\s+set\s+fmtonly\s+off\s*;?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex FreeBcpShape();
}
