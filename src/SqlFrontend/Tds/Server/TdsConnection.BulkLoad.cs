using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Tokens;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// Bulk load (packet type 0x07, after an INSERT BULK batch). The message is streamed: each packet is
/// decoded and appended as it arrives, so a load of any size needs one batch of memory, and the
/// request-size limit bounds a row, not the load. This loop is the only reader meanwhile; an attention
/// among the packets ends the load, rolled back, with DONE(ATTN).
/// </summary>
internal sealed partial class TdsConnection
{
    private async Task BulkLoadAsync(TdsMessage message, CancellationToken cancellation)
    {
        _server.RequestStarted();
        try
        {
            using var load = new TdsBulkLoadSession(_executor!, _server.Options.MaxMessageBytes);
            var attention = false;
            while (true)
            {
                load.Feed(message.Payload.Span);
                if (!message.IsPartial)
                {
                    break;
                }

                message = await _reader.ReadContinuationAsync(message, cancellation).ConfigureAwait(false);
                if (message.Type == TdsPacketType.Attention)
                {
                    attention = true;
                    break;
                }
            }

            if (!attention)
            {
                load.Finish();
            }

            // Only now does the load roll back (attention) or end, before the client reads the reply.
            load.Dispose();
            _writer.BeginMessage();
            var sink = new TdsResultSink(_writer, _server.Options.ServerName, nbcRow: false, _transactions, cancellation);
            if (load.Error is { } error)
            {
                sink.Error(error);
                sink.Complete(attention: false);
            }
            else if (attention)
            {
                DoneToken.Write(_writer, DoneStatus.Attention);
            }
            else
            {
                var inTransaction = _transactions.IsOpen ? DoneStatus.InTransaction : DoneStatus.Final;
                DoneToken.Write(_writer, DoneStatus.Count | inTransaction, DoneCommand.Bulk, load.Rows);
            }

            _writer.EndMessage();
        }
        finally
        {
            _server.RequestEnded();
        }
    }
}
