using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PredictEngine.Host.Sqlcmd;
using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Sqlcmd;

/// <summary>The runner's switches that the script fixtures cannot show: bad switches, passwords, TLS, timeouts, -r.</summary>
public sealed class SqlcmdRunnerTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SqlcmdRunnerTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Theory]
    [InlineData(new[] { "-h", "abc" }, "Sqlcmd: Error: '-h abc': value must be greater than or equal to -1 and less than or equal to 2147483647.")]
    [InlineData(new[] { "-Q", "SELECT 1", "-q", "SELECT 2" }, "Sqlcmd: Error: The -Q and the -q options are mutually exclusive.")]
    [InlineData(new[] { "-Z" }, "Sqlcmd: Error: Unknown Option. Enter '-?' for help.")]
    [InlineData(new[] { "-S" }, "Sqlcmd: Error: '-S': Missing argument. Enter '-?' for help.")]
    [InlineData(new[] { "-v", "novalue" }, "Sqlcmd: Error: '-v novalue': Invalid argument. Enter '-?' for help.")]
    public void BadSwitchesFailWithSqlcmdsWording(string[] args, string message)
    {
        var (exit, stdout, stderr) = Run(args);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(message + "\n", stderr);
    }

    [Fact]
    public void QuestionMarkPrintsTheUsage()
    {
        var (exit, stdout, _) = Run(["-?"]);

        Assert.Equal(0, exit);
        Assert.StartsWith("usage: predict sqlcmd [-S [tcp:]host[,port]]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePasswordComesFromSqlcmdPasswordWithoutDashP()
    {
        var environment = new Dictionary<string, string> { ["SQLCMDPASSWORD"] = TdsServerFixture.Password };
        var (exit, stdout, stderr) = Run([.. Server(), "-U", "sa", "-W", "-Q", "SELECT 42 AS answer"], environment);

        Assert.True(exit == 0, stderr);
        Assert.Equal("answer\n------\n42\n\n(1 row affected)\n", stdout);

        environment["SQLCMDPASSWORD"] = "wrong";
        (exit, _, stderr) = Run([.. Server(), "-U", "sa", "-Q", "SELECT 1"], environment);
        Assert.Equal(1, exit);
        Assert.StartsWith("Sqlcmd: Error: Login failed for user 'sa'.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptAndTrustServerCertificateGiveAFullTlsSession()
    {
        var (exit, stdout, stderr) = Run([.. Server(), "-U", "sa", "-P", TdsServerFixture.Password, "-N", "-C", "-W", "-h", "-1", "-Q", "SELECT 'over TLS' AS s"]);

        Assert.True(exit == 0, stderr);
        Assert.Equal("over TLS\n\n(1 row affected)\n", stdout);
        Assert.Contains(_server.Log, l => l.Contains("(SQLCMD, ", StringComparison.Ordinal) && l.EndsWith(", TLS).", StringComparison.Ordinal));
    }

    [Fact]
    public void LoginTimeoutBoundsAConnectionThatNeverAnswers()
    {
        // A listener that accepts but never answers PRELOGIN: only -l ends the wait.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var (exit, _, stderr) = Run(["-S", $"127.0.0.1,{port}", "-U", "sa", "-P", "x", "-l", "2", "-Q", "SELECT 1"]);

        Assert.Equal(1, exit);
        Assert.StartsWith("Sqlcmd: Error: ", stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"-l 2 took {clock.Elapsed}");
    }

    [Fact]
    public void RedirectSendsErrorsOrAllMessagesToStandardError()
    {
        string[] script = ["-W", "-Q", "PRINT 'note'"];
        var (_, stdout, stderr) = Run([.. Server(), "-U", "sa", "-P", TdsServerFixture.Password, "-r0", .. script]);
        Assert.Equal(("note\n", string.Empty), (stdout, stderr));

        (_, stdout, stderr) = Run([.. Server(), "-U", "sa", "-P", TdsServerFixture.Password, "-r1", .. script]);
        Assert.Equal((string.Empty, "note\n"), (stdout, stderr));

        (_, stdout, stderr) = Run([.. Server(), "-U", "sa", "-P", TdsServerFixture.Password, "-r", "-Q", "SELECT * FROM sq_missing_r"]);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("Msg ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ListvarShowsVariablesAndSetvarWithoutAValueRemovesOne()
    {
        var data = Directory.CreateTempSubdirectory("predict-sqlcmd-listvar-").FullName;
        try
        {
            var stdout = new StringWriter { NewLine = "\n" };
            var stderr = new StringWriter { NewLine = "\n" };
            var script = ":setvar b \"two words\"\n:setvar a 1\n:setvar a\n:listvar\n";
            var exit = SqlcmdRunner.Run(["--data", data, "-d", "predict", "-v", "c=3"], new StringReader(script), stdout, stderr, _ => null);

            Assert.True(exit == 0, stderr.ToString());
            Assert.Equal(
                $"b = \"two words\"\nc = \"3\"\nSQLCMDDBNAME = \"predict\"\nSQLCMDSERVER = \"{Environment.MachineName}\"\n",
                stdout.ToString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void AMissingInputFileIsAnError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "predict-sqlcmd-no-such-file.sql");
        var (exit, _, stderr) = Run([.. Server(), "-U", "sa", "-P", TdsServerFixture.Password, "-i", missing]);

        Assert.Equal(1, exit);
        Assert.StartsWith($"Sqlcmd: Error: Error occurred while opening or operating on file {missing} (Reason: ", stderr, StringComparison.Ordinal);
    }

    private string[] Server() => ["-S", $"127.0.0.1,{_server.Server.EndPoint.Port}"];

    private static (int Exit, string Stdout, string Stderr) Run(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = SqlcmdRunner.Run(args, new StringReader(string.Empty), stdout, stderr, v => environment?.GetValueOrDefault(v));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
