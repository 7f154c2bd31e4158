using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using PredictEngine.SqlFrontend.Tds.Server;
using PredictEngine.Storage;
using PredictEngine.Storage.Configuration;

namespace PredictEngine.Host;

/// <summary><c>predict serve</c>: the TDS server on the embedded database, until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public const string PasswordVariable = "PREDICT_SA_PASSWORD";

    public static Command Create()
    {
        var data = HostOptions.Data();
        var port = new Option<int>("--port") { Description = "TCP port.", DefaultValueFactory = _ => 1433 };
        var listen = new Option<string>("--listen") { Description = "Address to listen on (a non-loopback address needs PREDICT_SA_PASSWORD).", DefaultValueFactory = _ => "127.0.0.1" };
        var requireEncryption = new Option<bool>("--require-encryption") { Description = "Refuse clients that do not encrypt." };
        var command = new Command("serve", "Serve SQL Server clients (TDS) on the embedded database.") { data, port, listen, requireEncryption };
        command.SetAction(result => HostOptions.Guard(() =>
        {
            var dataDir = result.GetValue(data)!;
            var config = EngineConfig.Load(dataDir);
            if (!IPAddress.TryParse(result.GetValue(listen), out var address))
            {
                Console.Error.WriteLine($"--listen: '{result.GetValue(listen)}' is not an IP address.");
                return 2;
            }

            var server = config.Server;
            var options = new TdsServerOptions
            {
                Listen = address,
                Port = result.GetValue(port),
                SaPassword = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : server.SaPassword,
                RequireEncryption = result.GetValue(requireEncryption) || server.RequireEncryption,
                CertificatePath = server.CertificatePath,
                CertificatePassword = server.CertificatePassword,
                MaxConnections = server.MaxConnections,
                MaxPacketSize = server.MaxPacketSize,
                MaxMessageBytes = server.MaxRequestBytes,
                LoginTimeout = TimeSpan.FromSeconds(server.LoginTimeoutSeconds),
                IdleTimeout = TimeSpan.FromSeconds(server.IdleTimeoutSeconds),
                DataDirectory = dataDir,
            };
            using var database = EmbeddedDatabase.OpenDataDirectory(dataDir, config.DuckDbLibrary);
            PredictEngine.SqlFrontend.Execution.EngineServices.Configure(database, config, dataDir);
            var listener = new TdsServer(database, options, log: line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"));
            try
            {
                listener.Start();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"Cannot start the server: {e.Message}");
                return 1;
            }

            Console.WriteLine($"PredictEngine listening on {listener.EndPoint} (data: {Path.GetFullPath(dataDir)}). Ctrl+C stops.");
            var stop = new TaskCompletionSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
            stop.Task.Wait();
            Console.WriteLine("Stopping: cancelling running statements...");
            listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Console.WriteLine("Stopped; storage closed.");
            return 0;
        }));
        return command;
    }
}
