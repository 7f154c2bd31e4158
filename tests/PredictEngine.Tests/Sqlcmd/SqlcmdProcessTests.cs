using System.Text.RegularExpressions;
using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Sqlcmd;

/// <summary>
/// <c>predict sqlcmd</c> as its own process (predict.dll from the test output, run by the same dotnet
/// host): Program hands it sqlcmd's switches untouched (-h is not help), it reads standard input, and
/// its exit code follows -b. The same script also goes through FreeTDS's tsql against the server.
/// </summary>
public sealed class SqlcmdProcessTests : IClassFixture<TdsServerFixture>, IDisposable
{
    private const string CommentedGo = """
        /* GO in a comment
        GO
        */

        """;

    private const string Script = """
        CREATE TABLE sq_process (id int, name varchar(10))
        GO
        /* GO in a comment
        GO
        */
        INSERT INTO sq_process VALUES (1, 'one'), (2, 'two')
        GO
        SELECT id, name FROM sq_process ORDER BY id
        GO
        SELECT * FROM sq_process_missing
        GO
        SELECT 'after the error' AS step
        GO
        DROP TABLE sq_process
        GO
        """;

    private readonly TdsServerFixture _server;
    private readonly string _scratch = Directory.CreateTempSubdirectory("predict-sqlcmd-process-").FullName;

    public SqlcmdProcessTests(TdsServerFixture server)
    {
        _server = server;
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void RunsStandardInputOnTheEmbeddedEngine()
    {
        var result = Predict(["sqlcmd", "--data", Path.Combine(_scratch, "data"), "-h", "-1", "-W", "-s", "|"], Script);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """

            (2 rows affected)
            1|one
            2|two

            (2 rows affected)
            """,
            string.Join('\n', result.Stdout.Split('\n').Take(6)));
        Assert.Matches($@"\nMsg \d+, Level 16, State \d+, Server {Regex.Escape(Environment.MachineName)}, Line 1\n[^\n]*sq_process_missing", result.Stdout);
        Assert.Contains("after the error\n\n(1 row affected)\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DashBStopsAtTheErrorWithExitCodeOne()
    {
        var result = Predict(["sqlcmd", "--data", Path.Combine(_scratch, "data"), "-b", "-W"], Script);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain("after the error", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameScriptRunsThroughTsqlAgainstTheServer()
    {
        var tsql = ExternalProcess.Require("/usr/bin/tsql", "freetds-bin");
        var conf = Path.Combine(_scratch, "empty.conf");
        File.WriteAllText(conf, "[global]\n");
        var result = ExternalProcess.Run(
            tsql,
            ["-H", "127.0.0.1", "-p", $"{_server.Server.EndPoint.Port}", "-U", "sa", "-P", TdsServerFixture.Password, "-D", "predict", "-o", "q", "-t", "|"],
            // tsql splits at any line that is "go", even inside a comment: that part is sqlcmd's alone.
            Script.Replace(CommentedGo, string.Empty, StringComparison.Ordinal).Replace("sq_process", "sq_tsql", StringComparison.Ordinal) + "\n",
            new Dictionary<string, string> { ["FREETDSCONF"] = conf, ["TDSVER"] = "7.4" });

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["id|name", "1|one", "2|two", "step", "after the error"], lines);
        Assert.Contains("sq_tsql_missing", result.Stderr, StringComparison.Ordinal);
    }

    private static ExternalProcess.Result Predict(string[] args, string stdin)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "predict.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references src/Host to get it.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return ExternalProcess.Run(string.IsNullOrEmpty(dotnet) ? "dotnet" : dotnet, [dll, .. args], stdin, timeout: TimeSpan.FromSeconds(120));
    }
}
