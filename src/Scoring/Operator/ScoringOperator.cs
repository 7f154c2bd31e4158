using System.Buffers;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring.Operator;

/// <summary>
/// Scores columnar batches with a model: builds the input tensors from the bound columns, runs the
/// session, and returns the batch with the output columns appended. The input columns are passed
/// through (shared, not copied). The plan is fixed at construction and the operator keeps no
/// per-call state, so one operator may score batches on several threads at once.
/// </summary>
public sealed class ScoringOperator
{
    private readonly InputPlan[] _inputs;
    private readonly int[] _outputIndices;
    private readonly bool _hasMapOutput;

    public ScoringOperator(ModelSession session, ScoringBinding binding, BatchSchema schema)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(schema);
        Session = session;
        InputSchema = schema;
        _inputs = ScoringPlanner.PlanInputs(session.Signature, binding, schema);
        _outputIndices = ScoringPlanner.PlanOutputs(session.Signature, binding.Outputs);
        _hasMapOutput = _outputIndices.Any(i => session.Signature.Outputs[i].IsSequenceOfMaps);
    }

    public ModelSession Session { get; }

    public BatchSchema InputSchema { get; }

    /// <summary>The outputs computed, in the order their columns are appended.</summary>
    public IReadOnlyList<ModelNode> Outputs => [.. _outputIndices.Select(i => Session.Signature.Outputs[i])];

    /// <summary>Scores one batch; the result shares the input's columns, and both must be disposed.</summary>
    public ColumnBatch Score(ColumnBatch batch, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Schema, InputSchema) && batch.Schema.ToString() != InputSchema.ToString())
        {
            throw new EngineException(ErrorNumbers.InternalError, 16, 1, $"The batch's columns ({batch.Schema}) are not those the operator was planned for ({InputSchema}).");
        }

        if (cancellation.IsCancellationRequested)
        {
            throw Cancelled();
        }

        if (batch.RowCount == 0 && _hasMapOutput)
        {
            return ScoreEmpty(batch, cancellation);
        }

        var rented = new List<byte[]>(_inputs.Length);
        var values = new OrtValue[_inputs.Length];
        OrtValue[]? results = null;
        var fields = new List<ColumnField>();
        var vectors = new List<ColumnVector>();
        try
        {
            for (var i = 0; i < _inputs.Length; i++)
            {
                values[i] = _inputs[i].Build(batch, rented);
            }

            results = Session.Run(values, _outputIndices, cancellation);
            for (var o = 0; o < results.Length; o++)
            {
                OutputReader.Read(results[o], Session.Signature.Outputs[_outputIndices[o]], batch.RowCount, fields, vectors);
            }

            var scored = batch.WithAppendedColumns(fields, [.. vectors]);
            vectors.Clear();
            return scored;
        }
        finally
        {
            foreach (var vector in vectors)
            {
                vector.Dispose();
            }

            foreach (var value in values)
            {
                value?.Dispose();
            }

            if (results is not null)
            {
                foreach (var result in results)
                {
                    result.Dispose();
                }
            }

            foreach (var buffer in rented)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// A ZipMap output's columns are named after the map's keys, which only a map value shows, so an
    /// empty batch would come back without them. Score one row of zeros (empty strings) to learn the
    /// columns, then return them with no rows: every batch of a query has the same columns.
    /// </summary>
    private ColumnBatch ScoreEmpty(ColumnBatch batch, CancellationToken cancellation)
    {
        var columns = new ColumnVector[InputSchema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var type = InputSchema[c].Type;
            columns[c] = ColumnVector.Allocate(type, 1);
            if (type.IsVariableWidth)
            {
                columns[c].AppendBytes([]);
            }
            else
            {
                columns[c].GetWritableValues<byte>().Clear();
                columns[c].SetLength(1);
            }
        }

        using var probe = new ColumnBatch(InputSchema, columns, 1);
        using var scored = Score(probe, cancellation);
        var fields = scored.Schema.Fields.Skip(InputSchema.Count).ToArray();
        return batch.WithAppendedColumns(fields, [.. fields.Select(f => ColumnVector.Allocate(f.Type, 0))]);
    }

    /// <summary>
    /// Scores a stream of batches on up to <paramref name="workers"/> threads, yielding results in input
    /// order. At most <paramref name="workers"/> batches are in flight, so memory stays bounded. Each
    /// input batch is disposed once scored (or once cancelled); the caller disposes the results.
    /// Cancellation fails the enumeration with Msg 3617 and yields nothing more.
    /// </summary>
    public IEnumerable<ColumnBatch> ScoreAll(IEnumerable<ColumnBatch> source, int workers, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var inFlight = new Queue<Task<ColumnBatch>>();
        try
        {
            foreach (var batch in source)
            {
                if (cancellation.IsCancellationRequested)
                {
                    batch.Dispose();
                    throw Cancelled();
                }

                // No token for Task.Run: a task cancelled before it starts would never dispose its batch.
                // Score sees the token and fails with 3617 instead.
                inFlight.Enqueue(Task.Run(() =>
                {
                    using (batch)
                    {
                        return Score(batch, cancellation);
                    }
                }));
                if (inFlight.Count >= workers)
                {
                    yield return Next(inFlight, cancellation);
                }
            }

            while (inFlight.Count > 0)
            {
                yield return Next(inFlight, cancellation);
            }
        }
        finally
        {
            // Abandoned early (error or the consumer stopped): finish and free what is still running.
            foreach (var task in inFlight)
            {
                try
                {
                    task.GetAwaiter().GetResult().Dispose();
                }
                catch (EngineException)
                {
                    // Already reported by the task that failed first.
                }
                catch (OperationCanceledException)
                {
                    // Cancelled along with the statement.
                }
            }
        }
    }

    /// <summary>The oldest in-flight result; after cancellation it is freed, not returned.</summary>
    private static ColumnBatch Next(Queue<Task<ColumnBatch>> inFlight, CancellationToken cancellation)
    {
        var scored = inFlight.Dequeue().GetAwaiter().GetResult();
        if (cancellation.IsCancellationRequested)
        {
            scored.Dispose();
            throw Cancelled();
        }

        return scored;
    }

    private static EngineException Cancelled() => new(ErrorNumbers.Cancelled, 16, 1, "The statement was cancelled.");
}
