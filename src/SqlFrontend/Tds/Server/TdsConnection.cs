using System.Net.Sockets;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Tokens;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// One client connection: handshake (PRELOGIN, optional TLS, LOGIN7), then requests until the client
/// leaves. Protocol violations close the connection (after an error token when one can be sent);
/// statement errors go back as ERROR tokens and the session lives on.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "RunAsync owns the connection's lifetime and disposes everything in its finally block.")]
internal sealed partial class TdsConnection
{
    public static readonly Version ServerVersion = new(16, 0, 1000);
    public const string ProgramName = "Microsoft SQL Server";

    private readonly TdsServer _server;
    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private readonly TdsMessageReader _reader;
    private readonly TdsPacketWriter _writer;
    private readonly CancellationTokenSource _abort = new();
    private readonly TdsTransactionState _transactions;
    private IBatchExecutor? _executor;
    private uint _tdsVersion;

    public TdsConnection(TdsServer server, Socket socket, int spid)
    {
        _server = server;
        _socket = socket;
        Spid = spid;
        _socket.NoDelay = true;
        _network = new NetworkStream(socket, ownsSocket: true);
        _reader = new TdsMessageReader(_network, Math.Min(TdsPacket.MaxLoginMessageBytes, server.Options.MaxMessageBytes));
        _writer = new TdsPacketWriter(_network) { Spid = spid };
        _transactions = new TdsTransactionState(spid);
    }

    public int Spid { get; }

    /// <summary>Server shutdown: stop the running statement and drop the connection.</summary>
    public void Abort()
    {
        _executor?.Interrupt();
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended on its own while the server was stopping: nothing left to abort.
        }

        _socket.Close();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _abort.Token);
        var remote = _socket.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            var login = await HandshakeAsync(linked.Token).ConfigureAwait(false);
            if (login is null)
            {
                return;
            }

            _server.Log($"spid {Spid}: {login.UserName}@{remote} connected ({login.AppName}, TDS 0x{_tdsVersion:X8}, {Encryption}).");
            await RequestLoopAsync(linked.Token).ConfigureAwait(false);
            _server.Log($"spid {Spid}: {remote} disconnected.");
        }
        catch (TdsProtocolException e)
        {
            _server.Log($"spid {Spid}: {remote} dropped: {e.Message}");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            _server.Log($"spid {Spid}: {remote} closed: {e.Message}");
        }
        catch (Exception e)
        {
            // A bug in one session ends that session, logged; it must never go unobserved.
            _server.Log($"spid {Spid}: {remote} dropped after an internal error: {e}");
        }
        finally
        {
            // The socket first: a read still pending on it must not land in a buffer already returned to the pool.
            await _network.DisposeAsync().ConfigureAwait(false);
            _executor?.Dispose();
            _reader.Dispose();
            _writer.Dispose();
            _abort.Dispose();
        }
    }

    /// <summary>Sends one ERROR + DONE(ERROR) response, e.g. a failed login or a protocol error we can still report.</summary>
    private void SendError(int number, byte severity, byte state, string message)
    {
        _writer.BeginMessage();
        MessageToken.Write(_writer, isError: true, number, state, severity, message, _server.Options.ServerName);
        DoneToken.Write(_writer, DoneStatus.Error);
        _writer.EndMessage();
    }
}
