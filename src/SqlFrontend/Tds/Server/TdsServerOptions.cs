using System.Net;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>Listener, authentication, TLS and robustness limits of the TDS server.</summary>
public sealed record TdsServerOptions
{
    public IPAddress Listen { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = 1433;

    /// <summary>The sa password; required to listen on anything but loopback.</summary>
    public string? SaPassword { get; init; }

    /// <summary>Refuse plaintext: clients that do not offer encryption are asked for full TLS.</summary>
    public bool RequireEncryption { get; init; }

    /// <summary>A PFX to serve; without one a self-signed certificate is generated once into the data directory.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>Where the generated certificate lives.</summary>
    public string DataDirectory { get; init; } = "./data";

    /// <summary>The largest packet size a client may negotiate.</summary>
    public int MaxPacketSize { get; init; } = 32767;

    /// <summary>The largest request message (a batch's text, an RPC with its parameters).</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Closes a connection that sends nothing for this long; zero waits forever.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.Zero;

    public int MaxConnections { get; init; } = 1000;

    /// <summary>The database name clients see and may ask for (besides master).</summary>
    public string DatabaseName { get; init; } = "predict";

    public string ServerName { get; init; } = Environment.MachineName;
}
