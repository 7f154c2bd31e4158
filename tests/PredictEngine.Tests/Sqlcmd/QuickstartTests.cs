using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PredictEngine.Host.Sqlcmd;
using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Sqlcmd;

/// <summary>
/// examples/quickstart.sql, unchanged, is the README's main job. It runs as a user runs it, from the
/// repository root: `predict sqlcmd -i examples/quickstart.sql` as its own process on a fresh data
/// directory, and through -S against `predict serve` (its own process, same working directory). Both must
/// print tests/quickstart/quickstart.out: the same rows, predictions and accuracy (0.9415 on the test split).
/// </summary>
public sealed partial class QuickstartTests : IDisposable
{
    private const string Password = "Quick!Start9";
    private static readonly string Expected = Path.Combine(TestPaths.RepoRoot, "tests", "quickstart", "quickstart.out");
    private readonly string _scratch = Directory.CreateTempSubdirectory("predict-quickstart-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void RunsEmbedded()
    {
        var start = Predict("sqlcmd", "--data", Path.Combine(_scratch, "data"), "-i", "examples/quickstart.sql");
        var result = ExternalProcess.Run(start.FileName, start.ArgumentList, timeout: TimeSpan.FromSeconds(180), workingDirectory: TestPaths.RepoRoot);
        Check(Normalize(result.Stdout + result.Stderr) + $"[exit {result.ExitCode}]\n", mayUpdate: true);
    }

    [Fact]
    public void RunsOverTds()
    {
        var output = new ConcurrentQueue<string>();
        var start = Predict("serve", "--port", "0", "--listen", "127.0.0.1", "--data", Path.Combine(_scratch, "served"));
        start.WorkingDirectory = TestPaths.RepoRoot;
        start.Environment["PREDICT_SA_PASSWORD"] = Password;
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = WaitForPort(output, TimeSpan.FromSeconds(90));
            using var transcript = new StringWriter();
            var exit = SqlcmdRunner.Run(
                ["-S", $"tcp:127.0.0.1,{port}", "-U", "sa", "-P", Password, "-C", "-i", Path.Combine(TestPaths.RepoRoot, "examples", "quickstart.sql")],
                new StringReader(string.Empty), transcript, transcript);
            Check(Normalize(transcript.ToString()) + $"[exit {exit}]\n", mayUpdate: false);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary><c>dotnet predict.dll args</c>, with the dotnet that runs these tests.</summary>
    private static ProcessStartInfo Predict(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "predict.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static int WaitForPort(ConcurrentQueue<string> output, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (output.Select(l => ListeningPort().Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                return int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("predict serve did not start listening:\n" + string.Join('\n', output));
    }

    private static string Normalize(string text) => ServerName().Replace(text.ReplaceLineEndings("\n"), "Server *,");

    private static void Check(string actual, bool mayUpdate)
    {
        if (mayUpdate && Environment.GetEnvironmentVariable("PREDICT_UPDATE_EXPECTED") == "1")
        {
            File.WriteAllText(Expected, actual);
        }

        Assert.Equal(File.ReadAllText(Expected).ReplaceLineEndings("\n"), actual);
    }

    [GeneratedRegex(@"Server [^,]+,")]
    private static partial Regex ServerName();

    [GeneratedRegex(@"listening on [^ ]+:(?<port>\d+)")]
    private static partial Regex ListeningPort();
}
