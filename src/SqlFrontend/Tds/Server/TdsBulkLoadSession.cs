using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// One bulk load message between the packet reader and the executor: packets are decoded as they
/// arrive, COLMETADATA opens the load that INSERT BULK announced, and every full batch is appended.
/// The first error ends the load (rolled back) and the rest of the message is only read past, since
/// the client sends all of it before it reads a reply.
/// </summary>
internal sealed class TdsBulkLoadSession : IDisposable
{
    private readonly IBatchExecutor _executor;
    private readonly BulkLoadReader _reader;
    private IBulkLoad? _load;

    public TdsBulkLoadSession(IBatchExecutor executor, int maxRowBytes)
    {
        _executor = executor;
        _reader = new BulkLoadReader(maxRowBytes);
    }

    /// <summary>The error that ended the load, reported once the whole message has arrived.</summary>
    public EngineException? Error { get; private set; }

    public long Rows { get; private set; }

    public void Feed(ReadOnlySpan<byte> payload)
    {
        if (Error is not null)
        {
            return;
        }

        try
        {
            _reader.Append(payload);
            while (true)
            {
                switch (_reader.Read())
                {
                    case BulkLoadToken.NeedMoreData:
                        return;
                    case BulkLoadToken.ColumnMetadata:
                        _load = _executor.BeginBulkLoad(_reader.Schema!);
                        break;
                    case BulkLoadToken.Row when _reader.IsBatchFull:
                        Flush();
                        break;
                }
            }
        }
        catch (EngineException e)
        {
            Fail(e);
        }
    }

    /// <summary>The message ended: append the last rows and complete the load.</summary>
    public void Finish()
    {
        if (Error is not null)
        {
            return;
        }

        if (_reader.HasUnreadBytes)
        {
            throw new TdsProtocolException("The bulk load data ends in the middle of a token.");
        }

        try
        {
            if (_load is null)
            {
                return; // No COLMETADATA: nothing was sent.
            }

            if (_reader.BufferedRows > 0)
            {
                Flush();
            }

            Rows = _load.Complete();
        }
        catch (EngineException e)
        {
            Fail(e);
        }
    }

    public void Dispose()
    {
        _load?.Dispose();
        _load = null;
        _reader.Dispose();
    }

    private void Flush()
    {
        using var batch = _reader.TakeBatch();
        _load!.Append(batch);
    }

    private void Fail(EngineException error)
    {
        Error = error;
        _load?.Dispose();
        _load = null;
    }
}
