using PredictEngine.Tests.Frontend.Session;
using Xunit;

namespace PredictEngine.Tests.Logic;

/// <summary>Runs <c>tests/sql/tsql/*.test</c> against the T-SQL session executor, one fresh connection per file.</summary>
public class TsqlLogicTests : IClassFixture<TsqlServerFixture>
{
    private readonly TsqlServerFixture _server;

    public TsqlLogicTests(TsqlServerFixture server)
    {
        _server = server;
    }

    public static TheoryData<string> Files() =>
        SqlLogicTests.Files(file => file.StartsWith("tsql" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Runs(string file) => SqlLogicTests.Run(_server, file);
}
