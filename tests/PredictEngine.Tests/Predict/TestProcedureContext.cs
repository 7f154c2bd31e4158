using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Tests.Predict;

/// <summary>A procedure context over a real connection that keeps every result set and message it is sent.</summary>
internal sealed class TestProcedureContext(StorageConnection connection, string login = "sa") : IProcedureContext, IResultSink
{
    public List<(IReadOnlyList<ResultColumn>? Columns, List<string?[]> Rows)> ResultSets { get; } = [];

    public List<string> Messages { get; } = [];

    public StorageConnection Connection { get; } = connection;

    public IResultSink Sink => this;

    public CancellationToken Cancellation => CancellationToken.None;

    public string Database => "master";

    public string Login { get; } = login;

    public ITranslationContext Translation => throw new NotSupportedException("The model procedures translate no T-SQL.");

    public void SendQuery(string sql, IReadOnlyList<ResultColumn>? columns, params object?[] parameters)
    {
        using var statement = Connection.Prepare(sql);
        for (var i = 0; i < parameters.Length; i++)
        {
            switch (parameters[i])
            {
                case null: statement.BindNull(i + 1); break;
                case int n: statement.Bind(i + 1, n); break;
                case string s: statement.Bind(i + 1, s); break;
                default: throw new NotSupportedException(parameters[i]!.GetType().Name);
            }
        }

        using var reader = statement.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++)
                {
                    rows.Add([.. Enumerable.Range(0, batch.ColumnCount).Select(c => Text(batch[c], r))]);
                }
            }
        }

        ResultSets.Add((columns, rows));
    }

    private static string? Text(ColumnVector column, int row) => column.IsNull(row) ? null : column.Type.Physical switch
    {
        PredictEngine.Storage.Types.PhysicalKind.Int32 => column.GetValues<int>()[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => column.GetString(row),
    };

    public void BeginResultSet(BatchSchema schema) => throw new NotSupportedException();

    public void WriteRows(ColumnBatch batch, CancellationToken cancellation) => throw new NotSupportedException();

    public void EndResultSet(long rows) => throw new NotSupportedException();

    public void StatementCompleted(StatementOutcome outcome, long rows) => throw new NotSupportedException();

    public void Info(int number, byte severity, byte state, string message, int line) => Messages.Add(message);

    public void Error(EngineException error) => throw error;
}
