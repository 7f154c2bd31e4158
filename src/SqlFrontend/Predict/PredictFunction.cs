using System.Diagnostics;
using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Functions;

namespace PredictEngine.SqlFrontend.Predict;

/// <summary>
/// The body of one registered PREDICT function: scores a DuckDB chunk with the bound operator and returns
/// the WITH columns in their declared types. DuckDB calls it on several worker threads at once; the
/// operator keeps no per-call state, and the counters are updated with interlocked adds.
/// </summary>
internal sealed class PredictFunction : IDisposable
{
    private readonly ModelLease _lease;
    private readonly ModelSession? _own;
    private readonly ScoringOperator _operator;
    private readonly PredictBinding _binding;
    private readonly int[][] _rejectNullOrdinals;
    private long _rows;
    private long _chunks;
    private long _ticks;

    /// <param name="own">A session loaded for this function alone (other ORT settings than the cache's), or null to score with the lease's.</param>
    public PredictFunction(string name, ModelLease lease, ModelSession? own, PredictBinding binding, BatchSchema parameters)
    {
        Name = name;
        _lease = lease;
        _own = own;
        _binding = binding;
        _operator = new ScoringOperator(own ?? lease.Session, binding.Binding, parameters);
        _rejectNullOrdinals = [.. binding.Binding.Inputs.Select(i => i.Nulls == NullHandling.Reject ? i.Columns.Select(parameters.IndexOf).ToArray() : [])];
        Parameters = parameters;
    }

    public string Name { get; }

    public BatchSchema Parameters { get; }

    public string Provider => _operator.Session.Provider.Provider;

    public (long Rows, long Chunks, long Ticks) Counters => (Interlocked.Read(ref _rows), Interlocked.Read(ref _chunks), Interlocked.Read(ref _ticks));

    public ScalarFunctionDefinition Definition(BatchSchema result) => new(Name, Parameters, result, Score) { Owner = this };

    public ColumnVector[] Score(ColumnBatch arguments)
    {
        CheckNulls(arguments);
        var started = Stopwatch.GetTimestamp();
        using var scored = _operator.Score(arguments);
        using var projected = PredictProjection.Apply(scored, arguments.ColumnCount, _binding);
        var outputs = new ColumnVector[_binding.Outputs.Count];
        for (var o = 0; o < outputs.Length; o++)
        {
            outputs[o] = projected[arguments.ColumnCount + o].Retain();
        }

        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        Interlocked.Add(ref _rows, arguments.RowCount);
        Interlocked.Increment(ref _chunks);
        return outputs;
    }

    public void Dispose()
    {
        _own?.Dispose();
        _lease.Dispose();
    }

    // DuckDB hands the function one chunk at a time, so only this chunk's NULLs are known here: the count is
    // a lower bound, and the message says so.
    private void CheckNulls(ColumnBatch arguments)
    {
        for (var i = 0; i < _rejectNullOrdinals.Length; i++)
        {
            foreach (var ordinal in _rejectNullOrdinals[i])
            {
                var column = arguments[ordinal];
                if (column.HasNulls)
                {
                    var name = Parameters[ordinal].Name;
                    var input = _operator.Session.Signature.FindInput(_binding.Binding.Inputs[i].Input);
                    throw new PredictNullException(Name, name,
                        $"Column '{name}' has NULL values (at least {column.NullCount} row(s)), and model input '{input?.Name}' ({input?.TypeText}) cannot take NULL. Filter them out (WHERE {name} IS NOT NULL), replace them (ISNULL({name}, 0)), or register the model with a NULL policy of NaN or a default value (@null_policy = N'{{\"{input?.Name}\": \"nan\"}}').");
                }
            }
        }
    }
}

/// <summary>Msg 50110 raised inside a PREDICT function: carries the function and column so the planner can count every NULL (<see cref="PredictPlanner.Explain"/>).</summary>
#pragma warning disable CA1032 // Raised only here, with all its facts; the standard constructors would leave them unset.
internal sealed class PredictNullException(string function, string column, string message) : EngineException(ErrorNumbers.ModelInputNull, 16, 1, message)
#pragma warning restore CA1032
{
    public string Function { get; } = function;

    public string Column { get; } = column;
}
