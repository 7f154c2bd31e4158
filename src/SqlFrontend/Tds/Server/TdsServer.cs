using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// Accepts TDS connections and runs one <see cref="TdsConnection"/> per client. Each session gets its
/// own storage connection and executor. Stopping cancels in-flight statements and waits for sessions.
/// </summary>
public sealed class TdsServer : IAsyncDisposable
{
    private readonly EmbeddedDatabase _database;
    private readonly Func<StorageConnection, string, IBatchExecutor> _executors;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, TdsConnection> _sessions = new();
    private TcpListener? _listener;
    private X509Certificate2? _certificate;
    private Task? _acceptLoop;
    private int _nextSpid = 50;
    private int _running;

    public TdsServer(EmbeddedDatabase database, TdsServerOptions options, Func<StorageConnection, string, IBatchExecutor>? executors = null, Action<string>? log = null)
    {
        _database = database;
        Options = options;
        _executors = executors ?? Sessions.CreateExecutor;
        _log = log ?? (_ => { });
    }

    public TdsServerOptions Options { get; }

    public IPEndPoint EndPoint => (IPEndPoint)(_listener?.LocalEndpoint ?? throw new InvalidOperationException("The server is not started."));

    public int SessionCount => _sessions.Count;

    /// <summary>Requests executing right now, across sessions.</summary>
    public int RunningRequests => Volatile.Read(ref _running);

    internal void RequestStarted() => Interlocked.Increment(ref _running);

    internal void RequestEnded() => Interlocked.Decrement(ref _running);

    internal X509Certificate2? Certificate => _certificate;

    internal Action<string> Log => _log;

    public void Start()
    {
        if (!IPAddress.IsLoopback(Options.Listen) && string.IsNullOrEmpty(Options.SaPassword))
        {
            throw new InvalidOperationException($"Refusing to listen on {Options.Listen} without an sa password: set PREDICT_SA_PASSWORD, or listen on 127.0.0.1.");
        }

        if (string.IsNullOrEmpty(Options.SaPassword))
        {
            _log("No sa password is set: loopback clients may log in as sa with any password. Set PREDICT_SA_PASSWORD to require one.");
        }

        _certificate = ServerCertificate.Load(Options);
        _listener = new TcpListener(Options.Listen, Options.Port);
        _listener.Start(backlog: 512);
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        foreach (var session in _sessions.Values)
        {
            session.Abort();
        }

        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_sessions.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _certificate?.Dispose();
        _stopping.Dispose();
    }

    internal bool Authenticate(string user, string password) =>
        string.Equals(user, "sa", StringComparison.OrdinalIgnoreCase)
        && (string.IsNullOrEmpty(Options.SaPassword) || string.Equals(password, Options.SaPassword, StringComparison.Ordinal));

    internal IBatchExecutor CreateExecutor(string database) => _executors(_database.Connect(), database);

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }

            if (_sessions.Count >= Options.MaxConnections)
            {
                _log($"Refused {socket.RemoteEndPoint}: {Options.MaxConnections} connections already open.");
                socket.Dispose();
                continue;
            }

            var spid = Interlocked.Increment(ref _nextSpid);
            var session = new TdsConnection(this, socket, spid);
            _sessions[spid] = session;
            _ = Task.Run(async () =>
            {
                try
                {
                    await session.RunAsync(stopping).ConfigureAwait(false);
                }
                finally
                {
                    _sessions.TryRemove(spid, out _);
                }
            }, CancellationToken.None);
        }
    }
}
