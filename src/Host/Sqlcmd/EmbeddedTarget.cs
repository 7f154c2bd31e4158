using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// Embedded mode (no -S): the data directory's database in-process, driven through the same session
/// executor the TDS server uses, with this sink turning what it reports into sqlcmd's output.
/// </summary>
internal sealed class EmbeddedTarget : ISqlcmdTarget
{
    private readonly EmbeddedDatabase _database;
    private readonly IBatchExecutor _executor;

    public EmbeddedTarget(string dataDirectory, string database)
    {
        var config = EngineConfig.Load(dataDirectory);
        _database = EmbeddedDatabase.OpenDataDirectory(dataDirectory, config.DuckDbLibrary);
        EngineServices.Configure(_database, config, dataDirectory);
        try
        {
            _executor = Sessions.CreateExecutor(_database.Connect(), database);
        }
        catch
        {
            _database.Dispose();
            throw;
        }
    }

    public string ServerName { get; } = Environment.MachineName;

    public void Execute(string batch, SqlcmdOutput output, int timeoutSeconds)
    {
        using var timeout = timeoutSeconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds)) : new CancellationTokenSource();
        using var interrupt = timeout.Token.Register(_executor.Interrupt);
        try
        {
            _executor.ExecuteBatch(batch, new Sink(output, ServerName, timeout.Token), timeout.Token);
        }
        catch (Exception e) when (timeout.IsCancellationRequested && e is OperationCanceledException or EngineException or AggregateException)
        {
            // Reported below as sqlcmd's "Timeout expired", however the executor surfaced the cancellation.
        }

        if (timeout.IsCancellationRequested)
        {
            output.Timeout();
        }
    }

    public void Dispose()
    {
        _executor.Dispose();
        _database.Dispose();
    }

    /// <summary>The column as SqlClient would describe it, so both modes print the same widths.</summary>
    internal static SqlcmdColumn Describe(ColumnField field)
    {
        var type = field.Type;
        return type.Id switch
        {
            SqlTypeId.Decimal => new SqlcmdColumn(field.Name, "decimal", 17, type.Precision, type.Scale),
            SqlTypeId.Time or SqlTypeId.DateTime2 => new SqlcmdColumn(field.Name, SqlType.Keyword(type.Id), 0, 0, type.Precision),
            SqlTypeId.DateTime => new SqlcmdColumn(field.Name, "datetime", 0, 23, 3),
            _ => new SqlcmdColumn(field.Name, SqlType.Keyword(type.Id), type.Length == SqlType.MaxLength ? int.MaxValue : type.Length, 0, 0),
        };
    }

    /// <summary>A cell as the .NET value SqlClient would return for it.</summary>
    internal static object? Value(ColumnVector column, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        return column.Type.Id switch
        {
            SqlTypeId.Bit => column.GetValues<byte>()[row] != 0,
            SqlTypeId.TinyInt => column.GetValues<byte>()[row],
            SqlTypeId.SmallInt => column.GetValues<short>()[row],
            SqlTypeId.Int => column.GetValues<int>()[row],
            SqlTypeId.BigInt => column.GetValues<long>()[row],
            SqlTypeId.Real => column.GetValues<float>()[row],
            SqlTypeId.Float => column.GetValues<double>()[row],
            SqlTypeId.Decimal => DecimalValues.ToDecimal(column.GetValues<Int128>()[row], column.Type.Scale),
            SqlTypeId.VarBinary => column.GetBytes(row).ToArray(),
            SqlTypeId.Date => DateTime.UnixEpoch.AddDays(column.GetValues<int>()[row]),
            SqlTypeId.Time => TimeSpan.FromMicroseconds(column.GetValues<long>()[row]),
            SqlTypeId.DateTime or SqlTypeId.DateTime2 => DateTime.UnixEpoch.AddTicks(column.GetValues<long>()[row] * TimeSpan.TicksPerMicrosecond),
            SqlTypeId.UniqueIdentifier => new Guid(column.GetValues<byte>().Slice(row * 16, 16), bigEndian: true),
            _ => column.GetString(row),
        };
    }

    /// <summary>Reports what the executor sends as the TDS server would: a result set's end carries its row count.</summary>
    private sealed class Sink(SqlcmdOutput output, string server, CancellationToken timeout) : IResultSink
    {
        private SqlcmdColumn[] _columns = [];

        public void BeginResultSet(BatchSchema schema)
        {
            _columns = [.. schema.Fields.Select(Describe)];
            output.BeginResultSet(_columns);
        }

        public void WriteRows(ColumnBatch batch, CancellationToken cancellation)
        {
            var values = new object?[batch.ColumnCount];
            for (var r = 0; r < batch.RowCount; r++)
            {
                cancellation.ThrowIfCancellationRequested();
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = Value(batch[c], r);
                }

                output.Row(values);
            }
        }

        public void EndResultSet(long rows) => output.RowsAffected(rows);

        public void StatementCompleted(StatementOutcome outcome, long rows)
        {
            if (outcome != StatementOutcome.NoCount)
            {
                output.RowsAffected(rows);
            }
        }

        public void Info(int number, byte severity, byte state, string message, int line) =>
            output.Message(number, severity, state, server, line, message);

        public void Error(EngineException error)
        {
            // A timeout's cancellation prints as sqlcmd's "Timeout expired", not as an error.
            if (error.Number == ErrorNumbers.Cancelled && timeout.IsCancellationRequested)
            {
                return;
            }

            output.Error(error.Number, error.Severity, error.State, server, null, error.Line, error.Message);
        }
    }
}
