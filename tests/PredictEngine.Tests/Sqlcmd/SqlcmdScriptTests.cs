using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Sqlcmd;

/// <summary>
/// Every tests/sqlcmd script, run by the sqlcmd runner in-process: embedded (a fresh --data directory)
/// and through -S against the in-process TDS server; both must print the same NAME.out.
/// </summary>
public sealed class SqlcmdScriptTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SqlcmdScriptTests(TdsServerFixture server)
    {
        _server = server;
    }

    public static TheoryData<string> Scripts() => SqlcmdScript.Names();

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Embedded(string script)
    {
        var actual = SqlcmdScript.Run(script, ["--data", "{tmp}/data"], Environment());
        SqlcmdScript.Check(script, actual, mayUpdate: true);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void OverTds(string script)
    {
        var actual = SqlcmdScript.Run(script, ["-S", $"tcp:127.0.0.1,{_server.Server.EndPoint.Port}", "-U", "sa", "-P", TdsServerFixture.Password], Environment());
        SqlcmdScript.Check(script, actual, mayUpdate: false);
    }

    private static Dictionary<string, string> Environment() => new()
    {
        ["PREDICT_SQLCMD_ENV"] = SqlcmdScript.EnvironmentVariableValue,
    };
}
