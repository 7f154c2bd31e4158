using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Tests.Tds;

namespace PredictEngine.Tests.Frontend.Session;

/// <summary>An in-process TDS server whose sessions run the T-SQL front end (<see cref="Sessions.CreateTsqlExecutor"/>).</summary>
public sealed class TsqlServerFixture : TdsServerFixture
{
    public TsqlServerFixture()
        : base(TimeSpan.FromSeconds(30), Sessions.CreateTsqlExecutor)
    {
    }
}
