using System.Net.Security;
using System.Security.Authentication;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Tokens;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>PRELOGIN, TLS (full or login-only) and LOGIN7 with the login response SqlClient expects.</summary>
internal sealed partial class TdsConnection
{
    private TdsEncryption _negotiated = TdsEncryption.NotSupported;

    private string Encryption => _negotiated switch
    {
        TdsEncryption.NotSupported => "no encryption",
        TdsEncryption.Off => "login-only TLS",
        _ => "TLS",
    };

    private async Task<Login7Request?> HandshakeAsync(CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_server.Options.LoginTimeout);
        var first = await _reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }

        var message = first.Value;
        if (message.Type == TdsPacketType.PreLogin)
        {
            var prelogin = PreLoginRequest.Parse(message.Payload.Span);
            var negotiated = _negotiated = PreLoginRequest.Negotiate(prelogin.Encryption, _server.Options.RequireEncryption, _server.Certificate is not null);
            _writer.BeginMessage();
            _writer.WriteBytes(PreLoginRequest.Reply(negotiated, ServerVersion));
            _writer.EndMessage();
            if (prelogin.Encryption == TdsEncryption.NotSupported && _server.Options.RequireEncryption)
            {
                throw new TdsProtocolException("The client does not support encryption and the server requires it.");
            }

            if (negotiated != TdsEncryption.NotSupported)
            {
                await StartTlsAsync(timeout.Token).ConfigureAwait(false);
            }

            var next = await _reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (next is null)
            {
                return null;
            }

            message = next.Value;
        }

        if (message.Type != TdsPacketType.Login7)
        {
            throw new TdsProtocolException($"Expected LOGIN7, got {message.Type}.");
        }

        var login = Login7Request.Parse(message.Payload.Span);
        if (_negotiated == TdsEncryption.Off)
        {
            // Login-only encryption: the LOGIN7 packet was the only encrypted one (a hard-coded agreement of every client).
            _reader.SetStream(_network);
            _writer.SetStream(_network);
        }

        return Login(login) ? login : null;
    }

    private async Task StartTlsAsync(CancellationToken cancellation)
    {
        var shim = new PreLoginTlsStream(_network);
        var tls = new SslStream(shim, leaveInnerStreamOpen: true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = _server.Certificate,
            ClientCertificateRequired = false,

            // TDS 7.x cannot carry TLS 1.3: its post-handshake tickets would still be wrapped in PRELOGIN packets.
            EnabledSslProtocols = SslProtocols.Tls12,
        }, cancellation).ConfigureAwait(false);
        shim.Handshaking = false;
        _reader.SetStream(tls);
        _writer.SetStream(tls);
    }

    private bool Login(Login7Request login)
    {
        if (login.IntegratedSecurity)
        {
            SendError(18452, 14, 1, "Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication. Use SQL Server authentication (User ID=sa).");
            return false;
        }

        if (login.RequestsFedAuth)
        {
            SendError(18456, 14, 1, "Login failed: Azure Active Directory authentication is not supported. Use SQL Server authentication.");
            return false;
        }

        if (!_server.Authenticate(login.UserName, login.Password))
        {
            // Never say which part was wrong.
            SendError(18456, 14, 1, $"Login failed for user '{login.UserName}'.");
            return false;
        }

        var database = string.IsNullOrEmpty(login.Database) ? _server.Options.DatabaseName : login.Database;
        if (!string.Equals(database, _server.Options.DatabaseName, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(database, "master", StringComparison.OrdinalIgnoreCase))
        {
            SendError(4060, 11, 1, $"Cannot open database \"{database}\" requested by the login. The login failed. This server has the database '{_server.Options.DatabaseName}'.");
            return false;
        }

        _tdsVersion = LoginAckToken.Negotiate(login.TdsVersion);
        var packetSize = login.PacketSize == 0 ? TdsPacket.DefaultSize : Math.Clamp(login.PacketSize, TdsPacket.MinSize, _server.Options.MaxPacketSize);
        if (_negotiated is TdsEncryption.On or TdsEncryption.Required)
        {
            // Full TLS carries a TDS packet in one record of at most 16 KiB.
            packetSize = Math.Min(packetSize, 16383);
        }

        _executor = _server.CreateExecutor(database);
        _writer.BeginMessage();
        EnvChangeToken.WriteText(_writer, EnvChangeToken.Database, database, "master");
        MessageToken.Write(_writer, isError: false, 5701, 2, 0, $"Changed database context to '{database}'.", _server.Options.ServerName);
        EnvChangeToken.WriteText(_writer, EnvChangeToken.Language, "us_english", string.Empty);
        MessageToken.Write(_writer, isError: false, 5703, 1, 0, "Changed language setting to us_english.", _server.Options.ServerName);
        EnvChangeToken.WriteBinary(_writer, EnvChangeToken.Collation, EnvChangeToken.DefaultCollation, []);
        LoginAckToken.Write(_writer, _tdsVersion, ProgramName, ServerVersion);
        EnvChangeToken.WriteText(_writer, EnvChangeToken.PacketSize, packetSize.ToString(System.Globalization.CultureInfo.InvariantCulture), TdsPacket.DefaultSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        DoneToken.Write(_writer, DoneStatus.Final);
        _writer.EndMessage();
        _writer.PacketSize = packetSize;
        _reader.MaxPacketSize = packetSize;
        _reader.MaxMessageBytes = _server.Options.MaxMessageBytes;
        return true;
    }
}
