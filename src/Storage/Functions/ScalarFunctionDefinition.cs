using PredictEngine.Storage.Batches;

namespace PredictEngine.Storage.Functions;

/// <summary>
/// Computes one chunk of a vectorized scalar function: <paramref name="arguments"/> holds the chunk's argument
/// columns (up to DuckDB's vector size, 2048 rows); the result is one vector per result field, each with
/// <c>arguments.RowCount</c> rows and exactly the field's type. Ownership of the returned vectors passes to
/// the caller. It runs on DuckDB's worker threads, several at once: it must be thread-safe.
/// </summary>
public delegate ColumnVector[] VectorizedFunctionBody(ColumnBatch arguments);

/// <summary>
/// A scalar function DuckDB calls chunk by chunk inside its own pipeline. It returns a STRUCT with one
/// field per <see cref="Result"/> column (<c>struct_extract(f(...), 'field')</c> reads one). NULL
/// arguments reach the body (the function decides what NULL means); the function is volatile, so
/// DuckDB evaluates it once per row and never duplicates it into pushed-down filters.
/// </summary>
public sealed record ScalarFunctionDefinition(string Name, BatchSchema Parameters, BatchSchema Result, VectorizedFunctionBody Body)
{
    /// <summary>Disposed when DuckDB drops the function (with its database): what the body holds, e.g. a model lease.</summary>
    public IDisposable? Owner { get; init; }
}
