using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// FreeTDS 1.3 (Debian freetds-bin: tsql, freebcp) against the in-process server. FreeTDS sends
/// ENCRYPTION=OFF by default (login-only TLS here), NOT_SUP with <c>encryption = off</c> and ON with
/// <c>require</c>; tsql sends nothing on connect but the login's database; freebcp sends
/// <c>set textsize</c> and <c>SET FMTONLY ON select * from t SET FMTONLY OFF</c> to learn the columns.
/// </summary>
public sealed class FreeTdsTests : IClassFixture<TdsServerFixture>, IDisposable
{
    private const string Tsql = "/usr/bin/tsql";
    private const string Freebcp = "/usr/bin/freebcp";
    private readonly TdsServerFixture _server;
    private readonly string _scratch = Directory.CreateTempSubdirectory("predict-freetds-").FullName;

    public FreeTdsTests(TdsServerFixture server)
    {
        _server = server;
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData("7.4")]
    [InlineData(null)] // FreeTDS's "auto": it offers 7.4 and keeps it
    public void CreatesInsertsAndSelectsTypesAndNulls(string? tdsVersion)
    {
        var table = $"ft_types_{(tdsVersion ?? "auto").Replace('.', '_')}";
        var result = RunTsql($"""
            CREATE TABLE {table} (i INT, big BIGINT, s NVARCHAR(20), d FLOAT, m DECIMAL(10,2), b BIT, dt DATE, ts DATETIME2)
            go
            INSERT INTO {table} VALUES (1, 9000000000, N'héllo 日本', 1.5, 12.34, 1, '2024-01-02', '2024-01-02 03:04:05'),
                (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            go
            SELECT * FROM {table} ORDER BY i
            go
            """, app: $"ft-{tdsVersion ?? "auto"}", tdsVersion: tdsVersion);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "i|big|s|d|m|b|dt|ts",
                "1|9000000000|héllo 日本|1.5|12.34|1|Jan  2 2024 12:00AM|Jan  2 2024 03:04AM",
                "2|NULL|NULL|NULL|NULL|NULL|NULL|NULL",
            ],
            Lines(result.Stdout));
        Assert.Contains(_server.Log, l => l.Contains($"connected (ft-{tdsVersion ?? "auto"}, TDS 0x74000004, login-only TLS)", StringComparison.Ordinal));
    }

    [Fact]
    public void AnErrorPrintsItsMessageAndTheSessionGoesOn()
    {
        var result = RunTsql("""
            SELEC 1
            go
            SELECT * FROM ft_no_such_table
            go
            SELECT 'still here' AS s
            go
            """);

        // As in SQL Server, a batch that starts with an unknown word is a call of that procedure.
        Assert.Contains("Msg 2812 (severity 16, state 62) from predict-test", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Could not find stored procedure 'SELEC'.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Msg 208 (severity 16, state 1) from predict-test", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Invalid object name 'ft_no_such_table'.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["s", "still here"], Lines(result.Stdout));
    }

    [Fact]
    public void AWrongPasswordIsLoginFailed18456()
    {
        var result = RunTsql("SELECT 1\ngo\n", password: "wrong");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Msg 18456", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Login failed for user 'sa'.", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("off", "no encryption")]       // FreeTDS sends NOT_SUP: plaintext
    [InlineData("request", "login-only TLS")]  // the default: OFF
    [InlineData("require", "TLS")]             // ON: the whole session is encrypted
    public void EncryptionSettingOfFreetdsConf(string encryption, string expected)
    {
        var conf = Path.Combine(_scratch, $"freetds-{encryption}.conf");
        File.WriteAllText(conf, $"""
            [global]
            [predict]
                host = 127.0.0.1
                port = {_server.Server.EndPoint.Port}
                tds version = 7.4
                encryption = {encryption}
            """);
        var app = $"ft-enc-{encryption}";
        var result = ExternalProcess.Run(
            ExternalProcess.Require(Tsql, "freetds-bin"),
            ["-S", "predict", "-U", "sa", "-P", TdsServerFixture.Password, "-D", "predict", "-o", "q", "-t", "|", "-a", app],
            "SELECT 'héllo' AS s, 42 AS n\ngo\n",
            new Dictionary<string, string> { ["FREETDSCONF"] = conf });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["s|n", "héllo|42"], Lines(result.Stdout));
        Assert.Contains(_server.Log, l => l.Contains($"connected ({app}, TDS 0x74000004, {expected})", StringComparison.Ordinal));
    }

    [Fact]
    public void FreebcpExportsATableAsCharacterData()
    {
        var setup = RunTsql("""
            CREATE TABLE ft_export (i INT, s NVARCHAR(20), d FLOAT, dt DATE)
            go
            INSERT INTO ft_export VALUES (1, N'a', 1.5, '2024-01-02'), (2, NULL, NULL, NULL), (3, N'héllo', -2, '1999-12-31')
            go
            """);
        Assert.True(setup.ExitCode == 0, setup.ToString());

        var file = Path.Combine(_scratch, "ft_export.txt");
        var result = ExternalProcess.Run(
            ExternalProcess.Require(Freebcp, "freetds-bin"),
            ["ft_export", "out", file, "-c", "-S", $"127.0.0.1:{_server.Server.EndPoint.Port}", "-U", "sa", "-P", TdsServerFixture.Password, "-D", "predict"],
            environment: Environment("7.4"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 rows copied.", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            [
                "1\ta\t1.5\t2024-01-02 00:00:00.000",
                "2\t\t\t",
                "3\théllo\t-2\t1999-12-31 00:00:00.000",
            ],
            File.ReadAllLines(file));
    }

    [Fact]
    public void FreebcpImportsCharacterData()
    {
        var setup = RunTsql("CREATE TABLE ft_import (i INT, s NVARCHAR(20))\ngo\n");
        Assert.True(setup.ExitCode == 0, setup.ToString());
        var file = Path.Combine(_scratch, "ft_import.txt");
        File.WriteAllLines(file, ["1\ta", "2\théllo"]);

        var result = ExternalProcess.Run(
            ExternalProcess.Require(Freebcp, "freetds-bin"),
            ["ft_import", "in", file, "-c", "-S", $"127.0.0.1:{_server.Server.EndPoint.Port}", "-U", "sa", "-P", TdsServerFixture.Password, "-D", "predict"],
            environment: Environment("7.4"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["i|s", "1|a", "2|héllo"], Lines(RunTsql("SELECT * FROM ft_import ORDER BY i\ngo\n").Stdout));
    }

    /// <summary>tsql in quiet mode (no prompts, no row counts) with '|' between columns.</summary>
    private ExternalProcess.Result RunTsql(string script, string app = "TSQL", string? tdsVersion = "7.4", string password = TdsServerFixture.Password) =>
        ExternalProcess.Run(
            ExternalProcess.Require(Tsql, "freetds-bin"),
            ["-H", "127.0.0.1", "-p", $"{_server.Server.EndPoint.Port}", "-U", "sa", "-P", password, "-D", "predict", "-o", "q", "-t", "|", "-a", app],
            script,
            Environment(tdsVersion));

    /// <summary>An empty freetds.conf, so the machine's own cannot change what is tested, and TDSVER unless null.</summary>
    private Dictionary<string, string> Environment(string? tdsVersion)
    {
        var conf = Path.Combine(_scratch, "empty.conf");
        File.WriteAllText(conf, "[global]\n");
        var environment = new Dictionary<string, string> { ["FREETDSCONF"] = conf };
        if (tdsVersion is not null)
        {
            environment["TDSVER"] = tdsVersion;
        }

        return environment;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
