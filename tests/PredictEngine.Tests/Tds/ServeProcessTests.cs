using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// <c>predict serve</c> as its own process (predict.dll from the test output, run by the same dotnet
/// host): it listens, serves SqlClient and stops cleanly on SIGTERM; it refuses a non-loopback
/// address without an sa password.
/// </summary>
public sealed partial class ServeProcessTests : IDisposable
{
    private const string Password = "Serve!Pr0cess";
    private readonly string _data = Directory.CreateTempSubdirectory("predict-serve-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void ServesSqlClientAndStopsCleanlyOnSigterm()
    {
        var output = new ConcurrentQueue<string>();
        var start = ServeStartInfo("--port", "0", "--listen", "127.0.0.1", "--data", _data);
        start.Environment["PREDICT_SA_PASSWORD"] = Password;
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Collect(output, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var listening = WaitForLine(output, "listening on", TimeSpan.FromSeconds(90));
            var port = int.Parse(ListeningPort().Match(listening).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);

            // The session stays open through SIGTERM: stopping must not wait for clients to leave.
            using var connection = new SqlConnection(new SqlConnectionStringBuilder
            {
                DataSource = $"127.0.0.1,{port}",
                UserID = "sa",
                Password = Password,
                InitialCatalog = "predict",
                Encrypt = false,
                Pooling = false,
                ConnectTimeout = 30,
            }.ConnectionString);
            connection.Open();
            using (var command = new SqlCommand("CREATE TABLE served (i INTEGER); INSERT INTO served VALUES (41); SELECT i + 1 FROM served", connection))
            {
                Assert.Equal(42, command.ExecuteScalar());
            }

            var kill = ExternalProcess.Run("/bin/kill", ["-TERM", $"{process.Id}"]);
            Assert.True(kill.ExitCode == 0, kill.ToString());
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "predict serve did not stop within 60 s of SIGTERM:\n" + string.Join('\n', output));
            process.WaitForExit(); // drains the redirected output
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n" + string.Join('\n', output));
            Assert.Contains(output, l => l.StartsWith("Stopped; storage closed.", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void RefusesAnyAddressWithoutAnSaPassword()
    {
        var start = ServeStartInfo();
        var result = ExternalProcess.Run(
            start.FileName,
            [.. start.ArgumentList, "serve", "--port", "0", "--listen", "0.0.0.0", "--data", _data],
            environment: new Dictionary<string, string> { ["PREDICT_SA_PASSWORD"] = string.Empty },
            timeout: TimeSpan.FromSeconds(90));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Refusing to listen on 0.0.0.0 without an sa password: set PREDICT_SA_PASSWORD", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary><c>dotnet predict.dll [serve args]</c>, with the dotnet that runs these tests.</summary>
    private static ProcessStartInfo ServeStartInfo(params string[] serveArguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "predict.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references src/Host to get it.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        if (serveArguments.Length > 0)
        {
            start.ArgumentList.Add("serve");
            foreach (var argument in serveArguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        return start;
    }

    private static void Collect(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static string WaitForLine(ConcurrentQueue<string> output, string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var line = output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"No '{text}' line within {timeout}:\n" + string.Join('\n', output));
    }

    [GeneratedRegex(@"listening on [^ ]+:(?<port>\d+)")]
    private static partial Regex ListeningPort();
}
