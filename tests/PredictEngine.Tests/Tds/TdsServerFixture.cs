using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.SqlClient;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Server;
using PredictEngine.Storage;

namespace PredictEngine.Tests.Tds;

/// <summary>An in-process TDS server on a free loopback port over an in-memory database, shared by a test class.</summary>
public class TdsServerFixture : IAsyncDisposable, IDisposable
{
    public const string Password = "Pr3dict!Test";

    private readonly EmbeddedDatabase _database;
    private readonly string _dataDirectory;

    public TdsServerFixture()
        : this(TimeSpan.FromSeconds(30))
    {
    }

    protected TdsServerFixture(TimeSpan loginTimeout)
        : this(loginTimeout, null)
    {
    }

    /// <summary>A server whose sessions come from <paramref name="executors"/> (null: the default executor).</summary>
    protected TdsServerFixture(TimeSpan loginTimeout, Func<StorageConnection, string, IBatchExecutor>? executors)
    {
        _dataDirectory = Directory.CreateTempSubdirectory("predict-tds-").FullName;
        _database = EmbeddedDatabase.OpenInMemory();
        Server = new TdsServer(_database, new TdsServerOptions
        {
            Listen = IPAddress.Loopback,
            Port = 0,
            SaPassword = Password,
            DataDirectory = _dataDirectory,
            ServerName = "predict-test",
            LoginTimeout = loginTimeout,
        }, executors, log: Log.Enqueue);
        Server.Start();
    }

    public TdsServer Server { get; }

    /// <summary>The in-memory database the server serves (tests configure its EngineServices).</summary>
    public EmbeddedDatabase Database => _database;

    /// <summary>The server's log lines; sessions write them from their own threads.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public string ConnectionString(bool encrypt = false, string user = "sa", string password = Password, string database = "predict", int packetSize = 8000) =>
        new SqlConnectionStringBuilder
        {
            DataSource = $"127.0.0.1,{Server.EndPoint.Port}",
            UserID = user,
            Password = password,
            InitialCatalog = database,
            Encrypt = encrypt,
            TrustServerCertificate = true,
            Pooling = false,
            // Generous: a 2-core CI machine runs the suites in parallel, and one test opens 32 sessions at once.
            ConnectTimeout = 60,
            PacketSize = packetSize,
        }.ConnectionString;

    public SqlConnection Open(bool encrypt = false)
    {
        var connection = new SqlConnection(ConnectionString(encrypt));
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Server.DisposeAsync();
        _database.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
