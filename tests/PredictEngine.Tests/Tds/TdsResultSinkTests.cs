using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Server;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>The tokens a transaction produces: ENVCHANGE 8/10 with the descriptor, DONE_INXACT while it is open.</summary>
public class TdsResultSinkTests
{
    [Fact]
    public void TransactionChangesWriteEnvChangesAndMarkDoneTokens()
    {
        using var stream = new MemoryStream();
        using var writer = new TdsPacketWriter(stream);
        var transactions = new TdsTransactionState(spid: 5);
        writer.BeginMessage();
        var sink = new TdsResultSink(writer, "test", nbcRow: true, transactions, CancellationToken.None);
        sink.TransactionChanged(TransactionChange.Began);
        sink.StatementCompleted(StatementOutcome.NoCount, 0);
        sink.StatementCompleted(StatementOutcome.Insert, 1);
        sink.TransactionChanged(TransactionChange.RolledBack);
        sink.StatementCompleted(StatementOutcome.NoCount, 0);
        sink.Complete(attention: false);
        writer.EndMessage();

        byte[] descriptor = [1, 0, 0, 0, 5, 0, 0, 0];
        byte[] expected =
        [
            0xE3, 11, 0, 8, 8, .. descriptor, 0, // ENVCHANGE begin: new = descriptor
            0xFD, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // DONE(MORE | INXACT)
            0xFD, 0x15, 0, 0xC3, 0, 1, 0, 0, 0, 0, 0, 0, 0, // DONE(MORE | INXACT | COUNT), INSERT, 1 row
            0xE3, 11, 0, 10, 0, 8, .. descriptor, // ENVCHANGE rollback: old = descriptor
            0xFD, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // final DONE, no transaction
        ];
        Assert.Equal(expected, stream.ToArray()[TdsPacket.HeaderLength..]);
        Assert.False(transactions.IsOpen);
    }
}
