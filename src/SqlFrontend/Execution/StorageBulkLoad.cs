using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// A bulk load into a storage table through the appender. The client's columns are matched to the
/// table's by the names INSERT BULK listed (or the data's own names) and must have the table column's
/// storage type; table columns the client leaves out get NULLs (DuckDB defaults do not apply to the
/// appender). Outside a user transaction the load runs in its own, so a failure leaves the table as it
/// was; inside one, a failure aborts that transaction and the client must roll it back.
/// </summary>
internal sealed class StorageBulkLoad : IBulkLoad
{
    private readonly StorageConnection _connection;
    private readonly BatchSchema _schema;
    private readonly int[] _sources;
    private readonly bool _ownTransaction;
    private readonly Action _failed;
    private BulkAppender? _appender;
    private byte[] _noValues = [];
    private long _rows;
    private bool _completed;

    private StorageBulkLoad(StorageConnection connection, BatchSchema schema, int[] sources, bool ownTransaction, Action failed)
    {
        _connection = connection;
        _schema = schema;
        _sources = sources;
        _ownTransaction = ownTransaction;
        _failed = failed;
    }

    /// <summary>Checks the client's columns against the table, then opens the transaction and the appender.</summary>
    /// <param name="failed">Called when a load inside the user's transaction fails (it may have aborted it).</param>
    public static StorageBulkLoad Start(StorageConnection connection, InsertBulkStatement target, BatchSchema wire, bool inUserTransaction, Action failed)
    {
        var table = BulkLoadMetadata.DescribeTable(connection, target.Table);
        var sources = MapColumns(target, table, wire);
        var fields = new ColumnField[table.Count];
        for (var c = 0; c < table.Count; c++)
        {
            fields[c] = new ColumnField(table[c].Name, sources[c] >= 0 ? wire[sources[c]].Type : table[c].Type);
        }

        var load = new StorageBulkLoad(connection, new BatchSchema(fields), sources, !inUserTransaction, failed);
        if (load._ownTransaction)
        {
            connection.Execute("BEGIN TRANSACTION");
        }

        try
        {
            load._appender = connection.CreateAppender(target.Table.Table, target.Table.Schema);
        }
        catch
        {
            load.Dispose();
            throw;
        }

        return load;
    }

    public void Append(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var rows = batch.RowCount;
        var columns = new ColumnVector[_schema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = _sources[c] >= 0 ? batch[_sources[c]].Retain() : Nulls(_schema[c].Type, rows);
        }

        using var tableBatch = new ColumnBatch(_schema, columns, rows);
        try
        {
            _appender!.Append(tableBatch);
        }
        catch (EngineException e)
        {
            throw Binding.StorageErrors.Translate(e, 1);
        }

        _rows += rows;
    }

    public long Complete()
    {
        try
        {
            _appender!.Close();
        }
        catch (EngineException e)
        {
            // Constraint violations surface when the appender flushes: report them with SQL Server's
            // numbers (2627, 2601, 515, ...) as an INSERT would, not as DuckDB's text under 50100.
            throw Binding.StorageErrors.Translate(e, 1);
        }

        if (_ownTransaction)
        {
            _connection.Execute("COMMIT");
        }

        _completed = true;
        return _rows;
    }

    public void Dispose()
    {
        _appender?.Dispose();
        _appender = null;
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (!_ownTransaction)
        {
            _failed();
            return;
        }

        try
        {
            _connection.Execute("ROLLBACK");
        }
        catch (EngineException)
        {
            // The storage engine already ended the transaction.
        }
    }

    /// <summary>For each table column, the client column that feeds it, or -1.</summary>
    private static int[] MapColumns(InsertBulkStatement target, BatchSchema table, BatchSchema wire)
    {
        var names = target.Columns.Count > 0 ? target.Columns : wire.Fields.Select(f => f.Name).ToList();
        if (names.Count != wire.Count)
        {
            var colid = Math.Min(names.Count, wire.Count) + 1;
            var name = names.Count > wire.Count ? names[wire.Count] : wire[names.Count].Name;
            throw new EngineException(ErrorNumbers.BulkLoadInvalidColumn, 16, 1,
                $"Invalid column count from bcp client for colid {colid} ('{name}'): INSERT BULK listed {names.Count} columns, the bulk data describes {wire.Count}.");
        }

        var sources = new int[table.Count];
        Array.Fill(sources, -1);
        for (var i = 0; i < names.Count; i++)
        {
            var ordinal = table.IndexOf(names[i]);
            if (ordinal < 0)
            {
                throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1, $"Invalid column name '{names[i]}'.");
            }

            if (sources[ordinal] >= 0)
            {
                throw new EngineException(ErrorNumbers.BulkLoadInvalidColumn, 16, 1,
                    $"Invalid column for colid {i + 1}: column '{names[i]}' is listed more than once.");
            }

            var sent = wire[i].Type;
            var expected = table[ordinal].Type;
            if (sent.Physical != expected.Physical || (sent.Id == SqlTypeId.Decimal && sent.Scale != expected.Scale))
            {
                throw new EngineException(ErrorNumbers.BulkLoadInvalidColumn, 16, 1,
                    $"Invalid column type from bcp client for colid {i + 1}: column '{table[ordinal].Name}' of '{target.Table.Display}' is {expected}, the bulk data sends {sent}.");
            }

            sources[ordinal] = i;
        }

        return sources;
    }

    /// <summary>A column of <paramref name="rows"/> NULLs for a table column the client did not send.</summary>
    private ColumnVector Nulls(SqlType type, int rows)
    {
        var vector = ColumnVector.Allocate(type, rows, dataBytesHint: 16);
        if (type.IsVariableWidth)
        {
            for (var r = 0; r < rows; r++)
            {
                vector.AppendNull();
            }

            return vector;
        }

        if (_noValues.Length < Bitmap.BytesFor(rows))
        {
            _noValues = new byte[Bitmap.BytesFor(rows)];
        }

        vector.SetLength(rows);
        vector.CopyValidity(_noValues, 0, 0, rows);
        return vector;
    }
}
