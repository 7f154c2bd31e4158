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
                _writer.BeginMessage();
                DoneToken.Write(_writer, DoneStatus.Attention);
                _writer.EndMessage();
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
            while (!execution.IsCompleted)
            {
                pendingRead ??= _reader.ReadAsync(cancellation).AsTask();
                var first = await Task.WhenAny(execution, pendingRead).ConfigureAwait(false);
                if (first != pendingRead)
                {
                    break;
                }

                var arrived = await pendingRead.ConfigureAwait(false);
                if (arrived is null)
                {
                    // The client left mid-statement: stop the work, then end the session.
                    _executor!.Interrupt();
                    await statement.CancelAsync().ConfigureAwait(false);
                    await execution.ConfigureAwait(false);
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
                await statement.CancelAsync().ConfigureAwait(false);
                _executor!.Interrupt();
            }

            await execution.ConfigureAwait(false);
        }
    }

    /// <param name="RollbackOnReset">RESETCONNECTION (not RESETCONNECTIONSKIPTRAN): the reset also ends an open transaction.</param>
    private readonly record struct Request(TdsPacketType Type, string? Text, bool Reset, string? Unsupported, TransactionRequest? Transaction = null, bool RollbackOnReset = false);

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

                return new Request(message.Type, Encoding.Unicode.GetString(text), message.ResetsConnection, null, RollbackOnReset: rollbackOnReset);
            case TdsPacketType.Rpc:
                return new Request(message.Type, null, message.ResetsConnection, "RPC requests (sp_executesql, sp_prepare...) are not supported yet; send the statement as a batch without parameters.");
            case TdsPacketType.TransactionManager:
                var tmHeaders = AllHeadersLength(payload);
                CheckTransactionDescriptor(payload[..tmHeaders]);
                var transaction = TransactionManagerRequest.Parse(payload[tmHeaders..], out var unsupported);
                return new Request(message.Type, null, message.ResetsConnection, unsupported, transaction, rollbackOnReset);
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

    private void Execute(Request request, CancellationToken cancellation)
    {
        _server.RequestStarted();
        try
        {
            Respond(request, cancellation);
        }
        finally
        {
            _server.RequestEnded();
        }
    }

    private void Respond(Request request, CancellationToken cancellation)
    {
        _writer.BeginMessage();
        var sink = new TdsResultSink(_writer, _server.Options.ServerName, nbcRow: _tdsVersion >= 0x730B0003, _transactions, cancellation);
        if (request.Reset)
        {
            if (request.RollbackOnReset)
            {
                _executor!.ResetSession();
                _transactions.Clear();
            }

            EnvChangeToken.WriteBinary(_writer, EnvChangeToken.ResetAck, [], []);
        }

        try
        {
            if (request.Unsupported is not null)
            {
                sink.Error(new EngineException(ErrorNumbers.NotSupported, 16, 1, request.Unsupported));
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

        sink.Complete(attention: cancellation.IsCancellationRequested);
        _writer.EndMessage();
    }
}
