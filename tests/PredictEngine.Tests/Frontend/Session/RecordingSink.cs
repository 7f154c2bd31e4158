using System.Globalization;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Tests.Frontend.Session;

/// <summary>Records what a session sends, one line per event, rows as tab-separated values (NULL as NULL).</summary>
internal sealed class RecordingSink : IResultSink
{
    public List<string> Events { get; } = [];

    public List<EngineException> Errors { get; } = [];

    public List<(int Number, byte Severity, byte State, string Message, int Line)> Messages { get; } = [];

    public List<string> Rows { get; } = [];

    public List<BatchSchema> Schemas { get; } = [];

    public void BeginResultSet(BatchSchema schema)
    {
        Schemas.Add(schema);
        Events.Add("columns " + string.Join(",", schema.Fields.Select(f => f.Name)));
    }

    public void WriteRows(ColumnBatch batch, CancellationToken cancellation)
    {
        for (var r = 0; r < batch.RowCount; r++)
        {
            var values = new string[batch.ColumnCount];
            for (var c = 0; c < values.Length; c++)
            {
                var value = SqlValues.Read(batch[c], r);
                values[c] = value is null ? "NULL" : SqlValues.Text(value);
            }

            var row = string.Join('\t', values);
            Rows.Add(row);
            Events.Add("row " + row);
        }
    }

    public void EndResultSet(long rows) => Events.Add("end " + rows.ToString(CultureInfo.InvariantCulture));

    public void StatementCompleted(StatementOutcome outcome, long rows) =>
        Events.Add($"done {outcome} {rows.ToString(CultureInfo.InvariantCulture)}");

    public void Info(int number, byte severity, byte state, string message, int line)
    {
        Messages.Add((number, severity, state, message, line));
        Events.Add($"info {number.ToString(CultureInfo.InvariantCulture)} {message}");
    }

    public void Error(EngineException error)
    {
        Errors.Add(error);
        Events.Add($"error {error.Number.ToString(CultureInfo.InvariantCulture)} {error.Message}");
    }
}
