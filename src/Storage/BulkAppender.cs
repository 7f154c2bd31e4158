using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Native;

namespace PredictEngine.Storage;

/// <summary>
/// The fast load path: columnar batches go into a table through DuckDB's appender, 2048 rows per
/// data chunk, each column a block copy (strings one native call per value, no managed allocation).
/// Rows become visible on <see cref="Close"/>; run it inside a transaction to make a load all-or-nothing.
/// </summary>
public sealed unsafe class BulkAppender : IDisposable
{
    private readonly DuckAppenderHandle _handle;
    private readonly DuckLogicalTypeHandle[] _types;
    private readonly ColumnExporter[] _exporters;
    private readonly DuckDataChunkHandle _chunk;
    private readonly int _chunkCapacity;
    private readonly string _table;
    private bool _disposed;

    private BulkAppender(DuckAppenderHandle handle, DuckLogicalTypeHandle[] types, string table)
    {
        _handle = handle;
        _types = types;
        _table = table;
        _exporters = new ColumnExporter[types.Length];
        var raw = stackalloc nint[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            raw[i] = types[i].Value;
            _exporters[i] = ColumnExporter.For(types[i].Value);
        }

        _chunk = new DuckDataChunkHandle();
        _chunk.Adopt(DuckDbNative.create_data_chunk(raw, (ulong)types.Length), null);
        _chunkCapacity = (int)DuckDbNative.vector_size();
    }

    public int ColumnCount => _types.Length;

    public long RowsAppended { get; private set; }

    internal static BulkAppender Create(StorageConnection connection, string? schema, string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        nint appender = 0;
        int state;
        using (var schemaText = new Utf8Z(schema ?? "main"))
        using (var tableText = new Utf8Z(table))
        {
            fixed (byte* s = &schemaText.Pin)
            fixed (byte* t = &tableText.Pin)
            {
                state = DuckDbNative.appender_create(connection.Handle.Value, s, t, &appender);
            }
        }

        var handle = new DuckAppenderHandle();
        handle.Adopt(appender, connection.Handle);
        if (state != 0)
        {
            var message = appender == 0 ? null : DuckDbNative.Str(DuckDbNative.appender_error(appender));
            handle.Dispose();
            throw new EngineException(ErrorNumbers.InvalidObjectName, 16, 1,
                $"Cannot bulk load into '{table}': {message ?? "the table does not exist"}.");
        }

        var count = (int)DuckDbNative.appender_column_count(appender);
        var types = new DuckLogicalTypeHandle[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                types[i] = new DuckLogicalTypeHandle();
                types[i].Adopt(DuckDbNative.appender_column_type(appender, (ulong)i), null);
            }

            return new BulkAppender(handle, types, table);
        }
        catch
        {
            // A column type without a mapping: release the appender now, or it holds the connection open.
            foreach (var type in types)
            {
                type?.Dispose();
            }

            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends every row of <paramref name="batch"/>; its columns must match the table's in order and type.</summary>
    public void Append(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.ColumnCount != _types.Length)
        {
            throw new EngineException(ErrorNumbers.ColumnCountMismatch, 16, 1,
                $"Column name or number of supplied values does not match table definition: '{_table}' has {_types.Length} columns, the batch {batch.ColumnCount}.");
        }

        for (var c = 0; c < _exporters.Length; c++)
        {
            _exporters[c].CheckSource(batch.Schema[c], _table);
        }

        for (var start = 0; start < batch.RowCount; start += _chunkCapacity)
        {
            var rows = Math.Min(_chunkCapacity, batch.RowCount - start);
            DuckDbNative.data_chunk_reset(_chunk.Value);
            for (var c = 0; c < _exporters.Length; c++)
            {
                var vector = DuckDbNative.data_chunk_get_vector(_chunk.Value, (ulong)c);
                _exporters[c].Export(batch[c], start, rows, vector);
            }

            DuckDbNative.data_chunk_set_size(_chunk.Value, (ulong)rows);
            if (DuckDbNative.append_data_chunk(_handle.Value, _chunk.Value) != 0)
            {
                throw Failure("append");
            }

            RowsAppended += rows;
        }
    }

    /// <summary>Flushes the remaining rows and closes the appender; errors (constraint violations) surface here.</summary>
    public void Close()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (DuckDbNative.appender_close(_handle.Value) != 0)
        {
            throw Failure("close");
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _chunk.Dispose();
        foreach (var type in _types)
        {
            type.Dispose();
        }

        _handle.Dispose();
    }

    private EngineException Failure(string step) => new(ErrorNumbers.StorageError, 16, 1,
        $"Bulk load into '{_table}' failed at {step}: {DuckDbNative.Str(DuckDbNative.appender_error(_handle.Value)) ?? "unknown error"}.");
}
