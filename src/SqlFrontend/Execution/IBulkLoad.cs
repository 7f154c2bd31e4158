using PredictEngine.Storage.Batches;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// One bulk load in progress. Batches arrive in the column order the client declared; nothing becomes
/// visible to other sessions before <see cref="Complete"/>, and disposing without completing undoes
/// what was appended (the table is left as it was).
/// </summary>
public interface IBulkLoad : IDisposable
{
    /// <summary>Appends every row of <paramref name="batch"/>; the caller keeps ownership of the batch.</summary>
    void Append(ColumnBatch batch);

    /// <summary>Makes the load durable and returns the number of rows it added.</summary>
    long Complete();
}
