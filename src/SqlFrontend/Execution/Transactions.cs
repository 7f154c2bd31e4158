namespace PredictEngine.SqlFrontend.Execution;

/// <summary>What a transaction request or statement asks for.</summary>
public enum TransactionAction
{
    Begin,
    Commit,
    Rollback,

    /// <summary>SAVE TRANSACTION: a savepoint, which the storage engine does not have.</summary>
    Save,
}

/// <summary>The isolation levels a TDS transaction manager BEGIN names (MS-TDS 2.2.6.9), in wire order.</summary>
public enum TransactionIsolation : byte
{
    Unchanged = 0,
    ReadUncommitted = 1,
    ReadCommitted = 2,
    RepeatableRead = 3,
    Serializable = 4,
    Snapshot = 5,
}

/// <summary>A transaction manager request: BEGIN, COMMIT, ROLLBACK or SAVE, optionally followed by a new BEGIN.</summary>
/// <param name="Name">The transaction or savepoint name; empty when none was given.</param>
/// <param name="BeginAnother">COMMIT/ROLLBACK only: start a new transaction (with <paramref name="NextIsolation"/>) once this one ends.</param>
public sealed record TransactionRequest(
    TransactionAction Action,
    string Name = "",
    TransactionIsolation Isolation = TransactionIsolation.Unchanged,
    bool BeginAnother = false,
    TransactionIsolation NextIsolation = TransactionIsolation.Unchanged);

/// <summary>A change of the session's transaction state, which clients learn of through ENVCHANGE 8/9/10.</summary>
public enum TransactionChange
{
    Began,
    Committed,
    RolledBack,
}
