using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Tokens;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// Turns a batch's results into tokens of one response message. Each statement's DONE is held back
/// until the next token shows whether more follows (DONE_MORE) or the batch ended (final DONE), so
/// the last DONE never claims more results and nothing follows it. While a transaction is open every
/// DONE carries DONE_INXACT, as of the moment its statement ended.
/// In procedure mode (the statements of an RPC) statements end with DONEINPROC instead, always with
/// MORE, since the procedure's own RETURNSTATUS, RETURNVALUEs and DONEPROC follow them: the caller
/// ends with <see cref="EndProcedure"/> and writes those.
/// </summary>
internal sealed class TdsResultSink : IResultSink
{
    private readonly TdsPacketWriter _writer;
    private readonly string _serverName;
    private readonly bool _nbcRow;
    private readonly CancellationToken _cancellation;
    private readonly TdsTransactionState _transactions;
    private readonly byte _statementDone;
    private (DoneStatus Status, DoneCommand Command, long Rows)? _pending;
    private bool _errorInBatch;

    public TdsResultSink(TdsPacketWriter writer, string serverName, bool nbcRow, TdsTransactionState transactions, CancellationToken cancellation, bool inProcedure = false)
    {
        _transactions = transactions;
        _cancellation = cancellation;
        _writer = writer;
        _serverName = serverName;
        _nbcRow = nbcRow;
        _statementDone = inProcedure ? DoneToken.DoneInProc : DoneToken.Done;
    }

    /// <summary>Whether a statement (or the request itself) reported an error.</summary>
    public bool Failed => _errorInBatch;

    public void BeginResultSet(BatchSchema schema)
    {
        FlushPending();
        ColMetadataToken.Write(_writer, schema);
    }

    public void WriteRows(ColumnBatch batch, CancellationToken cancellation) => RowToken.WriteRows(_writer, batch, _nbcRow, cancellation);

    public void EndResultSet(long rows) => Hold(DoneStatus.Count, DoneCommand.Select, rows);

    public void StatementCompleted(StatementOutcome outcome, long rows)
    {
        var command = outcome switch
        {
            StatementOutcome.Insert => DoneCommand.Insert,
            StatementOutcome.Update => DoneCommand.Update,
            StatementOutcome.Delete => DoneCommand.Delete,
            StatementOutcome.Select => DoneCommand.Select,
            _ => DoneCommand.None,
        };
        Hold(outcome == StatementOutcome.NoCount ? DoneStatus.Final : DoneStatus.Count, command, rows);
    }

    public void Info(int number, byte severity, byte state, string message, int line)
    {
        FlushPending();
        MessageToken.Write(_writer, isError: false, number, state, severity, message, _serverName, line: line);
    }

    public void Flush()
    {
        FlushPending();
        _writer.FlushPartial();
    }

    public void Error(EngineException error)
    {
        if (error.Number == ErrorNumbers.Cancelled && _cancellation.IsCancellationRequested)
        {
            return; // An attention's cancellation is reported by DONE(ATTN) alone, as SQL Server does.
        }

        FlushPending();
        MessageToken.Write(_writer, isError: true, error.Number, error.State, error.Severity, error.Message, _serverName, line: error.Line);
        _errorInBatch = true;
        Hold(DoneStatus.Error, DoneCommand.None, 0);
    }

    /// <summary>ENVCHANGE 8/9/10 after the statement that began or ended a transaction.</summary>
    public void TransactionChanged(TransactionChange change)
    {
        FlushPending();
        _transactions.Report(_writer, change);
    }

    /// <summary>Ends the response: the held DONE becomes the final one (or ATTN after a cancel).</summary>
    public void Complete(bool attention)
    {
        if (attention)
        {
            FlushPending();
            DoneToken.Write(_writer, DoneStatus.Attention);
            return;
        }

        var (status, command, rows) = _pending ?? (InTransaction, DoneCommand.None, 0L);
        _pending = null;
        DoneToken.Write(_writer, status | (_errorInBatch ? DoneStatus.Error : 0), command, rows);
    }

    /// <summary>Ends a procedure's statements: the held DONEINPROC goes out (with MORE). Returns whether any failed.</summary>
    public bool EndProcedure()
    {
        FlushPending();
        return _errorInBatch;
    }

    private void Hold(DoneStatus status, DoneCommand command, long rows)
    {
        FlushPending();
        _pending = (status | InTransaction, command, rows);
    }

    private DoneStatus InTransaction => _transactions.IsOpen ? DoneStatus.InTransaction : DoneStatus.Final;

    private void FlushPending()
    {
        if (_pending is { } done)
        {
            DoneToken.Write(_writer, done.Status | DoneStatus.More, done.Command, done.Rows, _statementDone);
            _pending = null;
        }
    }
}
