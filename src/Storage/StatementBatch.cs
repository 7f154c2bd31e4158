using PredictEngine.Storage.Native;

namespace PredictEngine.Storage;

/// <summary>What a statement does, as far as a client's row counts and result sets are concerned.</summary>
public enum StatementKind
{
    Other,
    Select,
    Insert,
    Update,
    Delete,
    Create,
    Drop,
    Alter,
    Transaction,
}

/// <summary>The statements of one batch, prepared one at a time in order.</summary>
public sealed unsafe class StatementBatch : IDisposable
{
    private readonly StorageConnection _connection;
    private readonly DuckExtractedHandle? _handle;

    internal StatementBatch(StorageConnection connection, DuckExtractedHandle? handle, int count)
    {
        _connection = connection;
        _handle = handle;
        Count = count;
    }

    public int Count { get; }

    public StorageStatement Prepare(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        _connection.EnsureNoOpenReader();
        nint prepared = 0;
        var state = DuckDbNative.prepare_extracted_statement(_connection.Handle.Value, _handle!.Value, (ulong)index, &prepared);
        var statement = new DuckPreparedHandle();
        statement.Adopt(prepared, _connection.Handle);
        if (state != 0)
        {
            var message = prepared == 0 ? null : DuckDbNative.Str(DuckDbNative.prepare_error(prepared));
            statement.Dispose();
            throw StorageConnection.StorageError(message);
        }

        return new StorageStatement(_connection, statement);
    }

    public void Dispose() => _handle?.Dispose();
}
