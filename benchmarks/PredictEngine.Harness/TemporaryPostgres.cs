using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PredictEngine.Harness;

/// <summary>
/// A throw-away PostgreSQL cluster from Debian's packages (initdb + pg_ctl in a temp directory, trust
/// auth on 127.0.0.1), so the baseline runs on this machine with no setup. As root the cluster runs as
/// the postgres user, because PostgreSQL refuses to run as root.
/// </summary>
internal sealed class TemporaryPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asPostgres;

    private TemporaryPostgres(string bin, string directory, int port, bool asPostgres)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _asPostgres = asPostgres;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=bench;Database=postgres;Pooling=false";

    public static TemporaryPostgres Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (the baseline needs initdb and pg_ctl).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "predict-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            Run("chown", $"postgres {directory}", asPostgres: false);
        }

        var port = FreePort();
        var server = new TemporaryPostgres(bin, directory, port, asPostgres);
        server.Pg("initdb", $"-D {directory}/data -U bench -A trust --no-sync -E UTF8");
        server.Pg("pg_ctl", $"-D {directory}/data -l {directory}/log -w -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off\" start");
        return server;
    }

    public void Dispose()
    {
        try
        {
            Pg("pg_ctl", $"-D {_directory}/data -m fast -w stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Pg(string tool, string arguments) => Run(Path.Combine(_bin, tool), arguments, _asPostgres);

    private static void Run(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
