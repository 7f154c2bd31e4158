using System.Data;
using Microsoft.Data.SqlClient;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// -S mode: a SqlClient connection. Errors are raised as InfoMessage events
/// (FireInfoMessageEventOnUserErrors) so that they interleave with results and PRINT output in the
/// order the server sent them, as sqlcmd shows them.
/// </summary>
internal sealed class ClientTarget : ISqlcmdTarget
{
    private readonly SqlConnection _connection;
    private SqlcmdOutput? _output;

    public ClientTarget(SqlcmdOptions options)
    {
        var builder = new SqlConnectionStringBuilder
        {
            DataSource = DataSource(options.Server!),
            Encrypt = options.Encrypt,
            TrustServerCertificate = options.TrustServerCertificate,
            ConnectTimeout = options.LoginTimeout,
            Pooling = false,
            ApplicationName = "SQLCMD",
        };
        if (options.User is null)
        {
            builder.IntegratedSecurity = true;
        }
        else
        {
            builder.UserID = options.User;
            builder.Password = options.Password ?? string.Empty;
        }

        if (options.Database is not null)
        {
            builder.InitialCatalog = options.Database;
        }

        _connection = new SqlConnection(builder.ConnectionString) { FireInfoMessageEventOnUserErrors = true };
        _connection.InfoMessage += OnInfoMessage;
        try
        {
            _connection.Open();
        }
        catch (SqlException e)
        {
            _connection.Dispose();
            throw new SqlcmdException(e.Message.Split('\n')[0].TrimEnd('\r'));
        }

        ServerName = QueryServerName() ?? _connection.DataSource;
    }

    public string ServerName { get; private set; }

    /// <summary>sqlcmd's -S forms: host, host,port, tcp:host,port (SqlClient reads them all but lowercase "tcp:" prefixes are its own).</summary>
    internal static string DataSource(string server) =>
        server.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) ? "tcp:" + server[4..] : server;

    public void Execute(string batch, SqlcmdOutput output, int timeoutSeconds)
    {
        _output = output;
        using var command = new SqlCommand(batch, _connection) { CommandTimeout = timeoutSeconds };
        command.StatementCompleted += (_, e) => output.RowsAffected(e.RecordCount);
        try
        {
            using var reader = command.ExecuteReader();
            do
            {
                if (reader.FieldCount == 0)
                {
                    continue;
                }

                var columns = Describe(reader);
                output.BeginResultSet(columns);
                var values = new object?[columns.Length];
                while (reader.Read())
                {
                    for (var c = 0; c < values.Length; c++)
                    {
                        values[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
                    }

                    output.Row(values);
                }

                output.EndResultSet();
            }
            while (reader.NextResult());
        }
        catch (SqlException e) when (e.Number == -2)
        {
            output.Timeout();
        }
        catch (SqlException e)
        {
            Report(e.Errors, output, ServerName);
        }
        catch (InvalidOperationException e) when (_connection.State != ConnectionState.Open)
        {
            throw new SqlcmdException(e.Message);
        }
    }

    public void Dispose()
    {
        _connection.InfoMessage -= OnInfoMessage;
        _connection.Dispose();
    }

    /// <summary>
    /// sqlcmd names the server that raised an error as the server itself reports it; SqlClient's
    /// SqlError.Server is only the data source, so ask once. A server that cannot say keeps the data source.
    /// </summary>
    private string? QueryServerName()
    {
        try
        {
            using var command = new SqlCommand("SELECT @@SERVERNAME", _connection);
            return command.ExecuteScalar() as string;
        }
        catch (SqlException)
        {
            return null;
        }
    }

    private static SqlcmdColumn[] Describe(SqlDataReader reader)
    {
        var schema = reader.GetSchemaTable();
        var columns = new SqlcmdColumn[reader.FieldCount];
        for (var c = 0; c < columns.Length; c++)
        {
            var row = schema.Rows[c];
            columns[c] = new SqlcmdColumn(
                reader.GetName(c),
                reader.GetDataTypeName(c).ToLowerInvariant(),
                row["ColumnSize"] is int size ? size : 0,
                row["NumericPrecision"] is short precision ? precision : 0,
                row["NumericScale"] is short scale ? scale : 0);
        }

        return columns;
    }

    private void OnInfoMessage(object sender, SqlInfoMessageEventArgs e)
    {
        if (_output is not null)
        {
            Report(e.Errors, _output, ServerName);
        }
    }

    private static void Report(SqlErrorCollection errors, SqlcmdOutput output, string server)
    {
        foreach (SqlError error in errors)
        {
            if (error.Class <= 10)
            {
                output.Message(error.Number, error.Class, error.State, server, error.LineNumber, error.Message);
            }
            else
            {
                output.Error(error.Number, error.Class, error.State, server, error.Procedure, error.LineNumber, error.Message);
            }
        }
    }
}
