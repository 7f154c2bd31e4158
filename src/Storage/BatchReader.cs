using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Native;
using PredictEngine.Storage.Types;

namespace PredictEngine.Storage;

/// <summary>
/// Streams a query result as <see cref="ColumnBatch"/>es. DuckDB hands out chunks of up to 2048 rows;
/// the reader packs them into batches of up to <see cref="BatchRows"/> rows, copying each vector once,
/// straight into pooled Arrow-layout buffers. A chunk that does not fit is split across batches.
/// </summary>
public sealed unsafe class BatchReader : IDisposable
{
    private readonly DuckResultHandle _result;
    private readonly ColumnImporter[] _importers;
    private DuckDataChunkHandle? _chunk;
    private int _chunkRows;
    private int _chunkOffset;
    private bool _exhausted;
    private bool _disposed;

    internal BatchReader(DuckResultHandle result, int batchRows)
    {
        _result = result;
        BatchRows = batchRows;
        var count = (int)DuckDbNative.column_count(result.Pointer);
        var fields = new ColumnField[count];
        _importers = new ColumnImporter[count];
        for (var i = 0; i < count; i++)
        {
            var name = DuckDbNative.Str(DuckDbNative.column_name(result.Pointer, (ulong)i)) ?? $"column{i}";
            using var logical = new DuckLogicalTypeHandle();
            logical.Adopt(DuckDbNative.column_logical_type(result.Pointer, (ulong)i), null);
            var id = DuckDbNative.get_type_id(logical.Value);
            byte width = 0, scale = 0;
            var storage = DuckDbType.Invalid;
            if (id == DuckDbType.Decimal)
            {
                width = DuckDbNative.decimal_width(logical.Value);
                scale = DuckDbNative.decimal_scale(logical.Value);
                storage = DuckDbNative.decimal_internal_type(logical.Value);
            }

            var type = DuckDbTypeMapping.FromDuckDb(id, width, scale, name);
            fields[i] = new ColumnField(name, type);
            _importers[i] = new ColumnImporter(id, storage, type);
        }

        Schema = new BatchSchema(fields);
    }

    public BatchSchema Schema { get; }

    public int BatchRows { get; }

    public long RowsRead { get; private set; }

    /// <summary>True until the result is read to its end or the reader is disposed.</summary>
    public bool IsOpen => !_exhausted && !_result.IsClosed;

    /// <summary>The next batch, or null when the result is exhausted. The caller disposes each batch.</summary>
    public ColumnBatch? ReadBatch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var vectors = new ColumnVector[_importers.Length];
        var rows = 0;
        try
        {
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i] = ColumnVector.Allocate(_importers[i].Target, BatchRows);
            }

            while (rows < BatchRows && NextChunk())
            {
                var take = Math.Min(_chunkRows - _chunkOffset, BatchRows - rows);
                for (var c = 0; c < vectors.Length; c++)
                {
                    var vector = DuckDbNative.data_chunk_get_vector(_chunk!.Value, (ulong)c);
                    _importers[c].Import(vector, _chunkOffset, take, vectors[c], rows);
                }

                _chunkOffset += take;
                rows += take;
            }

            if (rows == 0)
            {
                DisposeAll(vectors);
                return null;
            }

            foreach (var vector in vectors)
            {
                if (!vector.Type.IsVariableWidth)
                {
                    vector.SetLength(rows);
                }
            }

            RowsRead += rows;
            return new ColumnBatch(Schema, vectors, rows);
        }
        catch
        {
            DisposeAll(vectors);
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _chunk?.Dispose();
        _result.Dispose();
    }

    private static void DisposeAll(ColumnVector[] vectors)
    {
        foreach (var vector in vectors)
        {
            vector?.Dispose();
        }
    }

    /// <summary>Makes sure the current chunk has unread rows; false at the end of the result.</summary>
    private bool NextChunk()
    {
        while (_chunkOffset >= _chunkRows)
        {
            if (_exhausted)
            {
                return false;
            }

            _chunk?.Dispose();
            _chunk = null;

            var next = DuckDbNative.fetch_chunk(*_result.Pointer);
            if (next == 0)
            {
                _exhausted = true;
                var error = DuckDbNative.Str(DuckDbNative.result_error(_result.Pointer));
                if (error is not null)
                {
                    throw StorageConnection.StorageError(error);
                }

                return false;
            }

            _chunk = new DuckDataChunkHandle();
            _chunk.Adopt(next, _result);
            _chunkRows = (int)DuckDbNative.data_chunk_get_size(next);
            _chunkOffset = 0;
        }

        return true;
    }
}
