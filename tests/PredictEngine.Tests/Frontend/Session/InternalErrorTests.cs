using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Session;

/// <summary>
/// A defect that surfaces as an unexpected .NET exception (here a procedure that throws one) reaches the client as
/// an error, rolls back the open transaction whose state it left unknown, and the session goes on.
/// </summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void AnUnexpectedExceptionIsAnErrorTheTransactionIsRolledBackAndTheSessionGoesOn()
    {
        var procedures = new ProcedureRegistry();
        procedures.Add(new Broken());
        using var session = new SessionHarness(procedures);
        Assert.Empty(session.Run("CREATE TABLE kept (i int); INSERT INTO kept VALUES (1)").Errors);

        var failed = session.Run("BEGIN TRAN; INSERT INTO kept VALUES (2); EXEC sp_broken");

        var error = Assert.Single(failed.Errors);
        Assert.Equal(ErrorNumbers.InternalError, error.Number);
        Assert.Equal(16, error.Severity);
        Assert.Contains("InvalidOperationException: a defect", error.Message, StringComparison.Ordinal);
        Assert.False(session.Executor.InTransaction);
        var after = session.Run("SELECT COUNT(*) FROM kept");
        Assert.Empty(after.Errors);
        Assert.Equal(["1"], after.Rows);
    }

    private sealed class Broken : ISystemProcedure
    {
        public string Name => "sp_broken";

        public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments) =>
            throw new InvalidOperationException("a defect");
    }
}
