using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Logic;

/// <summary>Runs <c>tests/sql/tsql/*.test</c> against the T-SQL session executor, one fresh connection per file.</summary>
public class TsqlLogicTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public TsqlLogicTests(TdsServerFixture server)
    {
        _server = server;
    }

    public static TheoryData<string> Files() =>
        SqlLogicTests.Files(file => file.StartsWith("tsql" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Runs(string file) => SqlLogicTests.Run(_server, file);
}
