using System.Buffers.Binary;
using System.Text;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Tokens;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// The request loop. A request runs on a worker while this loop keeps reading the socket, so an
/// ATTENTION that arrives mid-statement cancels it promptly; the response then ends with DONE(ATTN).
/// </summary>
internal sealed partial class TdsConnection
{
    private async Task RequestLoopAsync(CancellationToken cancellation)
    {
        Task<TdsMessage?>? pendingRead = null;
        while (!cancellation.IsCancellationRequested)
        {
            var read = pendingRead ?? ReadWithIdleTimeoutAsync(cancellation);
            pendingRead = null;
            var next = await read.ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            var message = next.Value;
            if (message.Type == TdsPacketType.Attention)
            {
                // The statement it meant to cancel already finished: acknowledge anyway, SqlClient waits for it.
                AcknowledgeAttention();
                continue;
            }

            if (message.Type == TdsPacketType.BulkLoad)
            {
                await BulkLoadAsync(message, cancellation).ConfigureAwait(false);
                continue;
            }

            var request = Decode(message);
            using var statement = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var execution = Task.Run(() => Execute(request, statement.Token), CancellationToken.None);
            var attention = false;
            while (!execution.IsCompleted)
            {
                pendingRead ??= _reader.ReadAsync(cancellation).AsTask();
                var first = await Task.WhenAny(execution, pendingRead).ConfigureAwait(false);
                if (first != pendingRead)
                {
                    break;
                }

                TdsMessage? arrived;
                try
                {
                    arrived = await pendingRead.ConfigureAwait(false);
                }
                catch
                {
                    // A malformed packet, a dropped connection or shutdown mid-statement ends the session:
                    // not before the statement has stopped.
                    await AbandonAsync(execution, statement).ConfigureAwait(false);
                    throw;
                }

                if (arrived is null)
                {
                    // The client left mid-statement: stop the work, then end the session.
                    await AbandonAsync(execution, statement).ConfigureAwait(false);
                    return;
                }

                if (arrived.Value.Type != TdsPacketType.Attention)
                {
                    // Without MARS a client sends its next request only after the whole response: the
                    // worker has written it and is just returning. Finish it, then serve this request.
                    await execution.ConfigureAwait(false);
                    break;
                }

                pendingRead = null;
                attention = true;
                await statement.CancelAsync().ConfigureAwait(false);
                _executor!.Interrupt();
            }

            // An attention that raced the response's end found nothing to cancel: its DONE(ATTN) still must come.
            if (!await execution.ConfigureAwait(false) && attention)
            {
                AcknowledgeAttention();
            }
        }
    }

    private void AcknowledgeAttention()
    {
        _writer.BeginMessage();
        DoneToken.Write(_writer, DoneStatus.Attention);
        _writer.EndMessage();
    }

    /// <summary>
    /// Stops the running statement and waits for its worker: the session must not end, and return its
    /// buffers and storage connection, while the worker still uses them.
    /// </summary>
    private async Task AbandonAsync(Task execution, CancellationTokenSource statement)
    {
        _executor!.Interrupt();
        await statement.CancelAsync().ConfigureAwait(false);
        try
        {
            await execution.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Its response could not be written: the connection is being dropped anyway.
        }
    }

    /// <summary>A decoded request: a batch's text or an RPC message's calls, or the error that answers it.</summary>
    /// <param name="RollbackOnReset">RESETCONNECTION (not RESETCONNECTIONSKIPTRAN): the reset also ends an open transaction.</param>
    private readonly record struct Request(TdsPacketType Type, bool Reset, string? Text = null, IReadOnlyList<RpcRequest>? Calls = null, EngineException? Failure = null,
        TransactionRequest? Transaction = null, bool RollbackOnReset = false);

    private Task<TdsMessage?> ReadWithIdleTimeoutAsync(CancellationToken cancellation)
    {
        if (_server.Options.IdleTimeout <= TimeSpan.Zero)
        {
            return _reader.ReadAsync(cancellation).AsTask();
        }

        return ReadIdleAsync(cancellation);
    }

    private async Task<TdsMessage?> ReadIdleAsync(CancellationToken cancellation)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        idle.CancelAfter(_server.Options.IdleTimeout);
        try
        {
            return await _reader.ReadAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TdsProtocolException($"Idle for longer than {_server.Options.IdleTimeout}.");
        }
    }

    /// <summary>Copies what the worker needs out of the reader's buffer (which the next read reuses).</summary>
    private Request Decode(TdsMessage message)
    {
        var payload = message.Payload.Span;
        var rollbackOnReset = (message.FirstStatus & TdsPacket.ResetConnection) != 0;
        switch (message.Type)
        {
            case TdsPacketType.SqlBatch:
                var headers = AllHeadersLength(payload);
                CheckTransactionDescriptor(payload[..headers]);
                var text = payload[headers..];
                if ((text.Length & 1) != 0)
                {
                    throw new TdsProtocolException("SQLBatch text is not whole UTF-16 code units.");
                }

                return new Request(message.Type, message.ResetsConnection, Text: Encoding.Unicode.GetString(text), RollbackOnReset: rollbackOnReset);
            case TdsPacketType.Rpc:
                var rpcHeaders = AllHeadersLength(payload);
                CheckTransactionDescriptor(payload[..rpcHeaders]);
                try
                {
                    return new Request(message.Type, message.ResetsConnection, Calls: RpcRequest.ParseMessage(payload[rpcHeaders..], _tdsVersion), RollbackOnReset: rollbackOnReset);
                }
                catch (EngineException e)
                {
                    // Well framed but not something we take (an unknown type, too many parameters): the
                    // message's bounds are known, so it fails alone and the session goes on.
                    return new Request(message.Type, message.ResetsConnection, Failure: e, RollbackOnReset: rollbackOnReset);
                }

            case TdsPacketType.TransactionManager:
                var tmHeaders = AllHeadersLength(payload);
                CheckTransactionDescriptor(payload[..tmHeaders]);
                var transaction = TransactionManagerRequest.Parse(payload[tmHeaders..], out var unsupported);
                return unsupported is null
                    ? new Request(message.Type, message.ResetsConnection, Transaction: transaction, RollbackOnReset: rollbackOnReset)
                    : new Request(message.Type, message.ResetsConnection, Failure: new EngineException(ErrorNumbers.NotSupported, 16, 1, unsupported), RollbackOnReset: rollbackOnReset);
            default:
                throw new TdsProtocolException($"Unexpected {message.Type} packet after login.");
        }
    }

    /// <summary>ALL_HEADERS (TDS 7.2+): a DWORD total length that includes itself; 7.1 clients send none.</summary>
    private int AllHeadersLength(ReadOnlySpan<byte> payload)
    {
        if (_tdsVersion < 0x72090002 || payload.Length < 4)
        {
            return 0;
        }

        var total = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (total < 4 || total > payload.Length)
        {
            throw new TdsProtocolException($"ALL_HEADERS declares {total} bytes in a {payload.Length}-byte request.");
        }

        return total;
    }

    /// <summary>Runs a request on a worker; true if its response ended with DONE(ATTN).</summary>
    private bool Execute(Request request, CancellationToken cancellation)
    {
        _server.RequestStarted();
        try
        {
            return Respond(request, cancellation);
        }
        finally
        {
            _server.RequestEnded();
        }
    }

    /// <summary>
    /// ALL_HEADERS name the transaction the client believes is open. A mismatch is logged, not enforced:
    /// the session has one transaction at a time, whatever the client names.
    /// </summary>
    private void CheckTransactionDescriptor(ReadOnlySpan<byte> headers)
    {
        if (headers.Length > 0 && AllHeaders.TransactionDescriptor(headers) is { } named && named != _transactions.Descriptor)
        {
            _server.Log($"spid {Spid}: the request names transaction 0x{named:X16}, the session's is 0x{_transactions.Descriptor:X16}.");
        }
    }

    /// <summary>Writes the response; true if it ended with DONE(ATTN).</summary>
    private bool Respond(Request request, CancellationToken cancellation)
    {
        _writer.BeginMessage();
        if (request.Reset)
        {
            ResetSession();
            if (request.RollbackOnReset)
            {
                _executor!.ResetSession();
                _transactions.Clear();
            }

            EnvChangeToken.WriteBinary(_writer, EnvChangeToken.ResetAck, [], []);
        }

        if (request.Calls is not null)
        {
            RespondToCalls(request.Calls, cancellation);
            _writer.EndMessage();
            return cancellation.IsCancellationRequested;
        }

        var sink = CreateSink(cancellation);
        try
        {
            if (request.Failure is not null)
            {
                sink.Error(request.Failure);
            }
            else if (request.Transaction is { } transaction)
            {
                _executor!.ControlTransaction(transaction, sink);
            }
            else
            {
                _executor!.ExecuteBatch(request.Text!, sink, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Attention: the response ends with DONE(ATTN) below.
        }

        var attention = cancellation.IsCancellationRequested;
        sink.Complete(attention);
        _writer.EndMessage();
        return attention;
    }

    private TdsResultSink CreateSink(CancellationToken cancellation, bool inProcedure = false) =>
        new(_writer, _server.Options.ServerName, nbcRow: _tdsVersion >= 0x730B0003, _transactions, cancellation, inProcedure);
}
