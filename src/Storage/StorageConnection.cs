using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Native;

namespace PredictEngine.Storage;

/// <summary>
/// One connection to the embedded store. Not thread-safe (one statement at a time, as one TDS
/// session), except <see cref="Interrupt"/>, which another thread calls to cancel the running statement.
/// </summary>
public sealed unsafe class StorageConnection : IDisposable
{
    /// <summary>Rows per batch when the caller does not say: large enough to amortise a model run, small enough to bound memory.</summary>
    public const int DefaultBatchRows = 65536;

    private readonly DuckConnectionHandle _handle;
    private BatchReader? _openReader;

    // Children (statements, readers) keep the native connection alive after Dispose, so the handle's own
    // state cannot tell; and a released handle must never reach DuckDB (it crashes the process).
    private volatile bool _disposed;

    internal StorageConnection(DuckConnectionHandle handle, EmbeddedDatabase database)
    {
        _handle = handle;
        Database = database;
    }

    /// <summary>The database this connection belongs to (what its sessions share: model cache, configuration).</summary>
    public EmbeddedDatabase Database { get; }

    internal DuckConnectionHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    /// <summary>
    /// DuckDB streams one result per connection: any other statement on it ends that stream. We refuse
    /// instead, as SQL Server does without MARS, so a scan is never cut short silently.
    /// </summary>
    internal void EnsureNoOpenReader()
    {
        if (_openReader is { IsOpen: true })
        {
            throw new EngineException(ErrorNumbers.ConnectionBusy, 16, 1,
                "The connection is busy with the results of another statement. Read them to the end or dispose the reader first, or use a second connection.");
        }

        _openReader = null;
    }

    internal void OnReaderOpened(BatchReader reader) => _openReader = reader;

    /// <summary>Runs a statement that returns no rows worth streaming; returns the rows it changed.</summary>
    public long Execute(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureNoOpenReader();
        using var result = DuckResultHandle.Allocate(_handle);
        int state;
        using (var text = new Utf8Z(sql))
        {
            fixed (byte* p = &text.Pin)
            {
                state = DuckDbNative.query(_handle.Value, p, result.Pointer);
            }
        }

        if (state != 0)
        {
            throw StorageError(DuckDbNative.Str(DuckDbNative.result_error(result.Pointer)));
        }

        return (long)DuckDbNative.rows_changed(result.Pointer);
    }

    /// <summary>Streams the rows of <paramref name="sql"/> as columnar batches of up to <paramref name="batchRows"/> rows.</summary>
    public BatchReader ExecuteReader(string sql, int batchRows = DefaultBatchRows)
    {
        using var statement = Prepare(sql);
        return statement.ExecuteReader(batchRows);
    }

    public StorageStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureNoOpenReader();
        var handle = new DuckPreparedHandle();
        nint prepared = 0;
        int state;
        using (var text = new Utf8Z(sql))
        {
            fixed (byte* p = &text.Pin)
            {
                state = DuckDbNative.prepare(_handle.Value, p, &prepared);
            }
        }

        handle.Adopt(prepared, _handle);
        if (state != 0)
        {
            var message = prepared == 0 ? null : DuckDbNative.Str(DuckDbNative.prepare_error(prepared));
            handle.Dispose();
            throw StorageError(message);
        }

        return new StorageStatement(this, handle);
    }

    /// <summary>
    /// Splits a batch of several statements. Each is prepared only when its turn comes, so a statement
    /// may use what an earlier one created.
    /// </summary>
    public StatementBatch SplitStatements(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        EnsureNoOpenReader();
        var handle = new DuckExtractedHandle();
        nint extracted = 0;
        ulong count;
        using (var text = new Utf8Z(sql))
        {
            fixed (byte* p = &text.Pin)
            {
                count = DuckDbNative.extract_statements(_handle.Value, p, &extracted);
            }
        }

        handle.Adopt(extracted, _handle);
        if (count == 0)
        {
            var message = extracted == 0 ? null : DuckDbNative.Str(DuckDbNative.extract_statements_error(extracted));
            handle.Dispose();
            if (message is null && string.IsNullOrWhiteSpace(sql))
            {
                return new StatementBatch(this, null, 0);
            }

            throw StorageError(message);
        }

        return new StatementBatch(this, handle, (int)count);
    }

    /// <summary>Opens the bulk append path into <paramref name="table"/> (in <paramref name="schema"/>, default main).</summary>
    public BulkAppender CreateAppender(string table, string? schema = null)
    {
        EnsureNoOpenReader();
        return BulkAppender.Create(this, schema, table);
    }

    /// <summary>
    /// The running query's progress as DuckDB estimates it: the percentage (negative when unknown, e.g. no
    /// query runs or the progress bar setting is off) and the rows processed so far. Safe from any thread.
    /// </summary>
    public (double Percentage, ulong RowsProcessed) QueryProgress()
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var progress = DuckDbNative.query_progress(_handle.Value);
            return (progress.Percentage, progress.RowsProcessed);
        }
        catch (ObjectDisposedException)
        {
            return (-1, 0);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Registers a vectorized scalar function in this connection's database (every connection to it sees
    /// the function until the database closes). False when a function of that name is already registered.
    /// An error the body throws reaches the statement's caller as the same <see cref="EngineException"/>.
    /// </summary>
    public bool RegisterScalarFunction(Functions.ScalarFunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureNoOpenReader();
        return Functions.RegisteredScalarFunction.Register(_handle, definition);
    }

    /// <summary>The function this process registered under <paramref name="name"/> in this connection's database, or null.</summary>
    public Functions.ScalarFunctionDefinition? FindScalarFunction(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Functions.RegisteredScalarFunction.Find(Handle, name);
    }

    /// <summary>Asks the running statement to stop; it fails with error 3617 (cancelled). Safe from any thread.</summary>
    public void Interrupt()
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            DuckDbNative.interrupt(_handle.Value);
        }
        catch (ObjectDisposedException)
        {
            // The connection closed meanwhile: nothing is running any more.
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Ties cancellation of <paramref name="cancellation"/> to this connection until the returned scope is
    /// disposed. DuckDB forgets an interrupt that arrives before a query starts, so once cancelled the
    /// scope keeps interrupting every few milliseconds until the statement has returned.
    /// </summary>
    public IDisposable CancelOn(CancellationToken cancellation) => new CancellationScope(this, cancellation);

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private sealed class CancellationScope : IDisposable
    {
        private static readonly TimeSpan Repeat = TimeSpan.FromMilliseconds(20);
        private readonly CancellationTokenRegistration _registration;
        private Timer? _timer;
        private int _done;

        public CancellationScope(StorageConnection connection, CancellationToken cancellation)
        {
            _registration = cancellation.Register(() =>
            {
                if (Volatile.Read(ref _done) == 0)
                {
                    _timer = new Timer(_ => connection.Interrupt(), null, TimeSpan.Zero, Repeat);
                }
            });
        }

        public void Dispose()
        {
            Volatile.Write(ref _done, 1);
            _registration.Dispose();
            _timer?.Dispose();
        }
    }

    internal static EngineException StorageError(string? message)
    {
        message ??= "unknown storage error";
        if (Functions.ScalarFunctionErrors.Redeem(message) is { } raised)
        {
            return raised;
        }

        // DuckDB prefixes each message with its error type; matching "interrupt" anywhere would also catch,
        // say, a missing table named interrupt_log.
        if (message.StartsWith("INTERRUPT Error", StringComparison.Ordinal))
        {
            return new EngineException(ErrorNumbers.Cancelled, 16, 1, "The statement was cancelled.");
        }

        return new EngineException(ErrorNumbers.StorageError, 16, 1, message);
    }
}
