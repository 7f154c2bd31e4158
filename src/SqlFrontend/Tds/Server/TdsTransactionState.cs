using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Tokens;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// The session's transaction as clients see it: an 8-byte descriptor that ENVCHANGE 8 hands out when
/// a transaction begins, ENVCHANGE 9/10 take back when it ends, and ALL_HEADERS name in later requests.
/// Descriptors are the SPID (high half) and a per-session counter, so none is zero or reused.
/// </summary>
internal sealed class TdsTransactionState
{
    private readonly int _spid;
    private uint _sequence;

    public TdsTransactionState(int spid)
    {
        _spid = spid;
    }

    /// <summary>The open transaction's descriptor; 0 when none is open.</summary>
    public ulong Descriptor { get; private set; }

    public bool IsOpen => Descriptor != 0;

    /// <summary>Writes the ENVCHANGE for <paramref name="change"/> and updates the descriptor.</summary>
    public void Report(TdsPacketWriter writer, TransactionChange change)
    {
        if (change == TransactionChange.Began)
        {
            _sequence++;
            Descriptor = ((ulong)(uint)_spid << 32) | _sequence;
            EnvChangeToken.WriteTransaction(writer, EnvChangeToken.BeginTransaction, Descriptor);
            return;
        }

        var type = change == TransactionChange.Committed ? EnvChangeToken.CommitTransaction : EnvChangeToken.RollbackTransaction;
        EnvChangeToken.WriteTransaction(writer, type, Descriptor);
        Descriptor = 0;
    }

    /// <summary>Forgets the transaction without telling the client (a connection reset rolled it back).</summary>
    public void Clear() => Descriptor = 0;
}
