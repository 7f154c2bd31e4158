using PredictEngine.Tests.Scoring;
using Xunit;

namespace PredictEngine.Tests.Predict;

/// <summary>PREDICT inside the session's transaction: a rollback must not leave a plan that cannot run.</summary>
public class PredictTransactionTests
{
    [Fact]
    public void PlanningAgainAfterARollbackWorks()
    {
        using var f = new PredictFixture();
        var inputs = GoldenCsv.Load("linear_percol.inputs.csv");
        var columns = f.LoadInputs("t", inputs);
        var bytes = PredictFixture.Model("linear_percol");
        f.Connection.Execute("BEGIN TRANSACTION");
        var plan = f.Planner.Plan(bytes, "SELECT * FROM t", columns, PredictFixture.With("score float"), null, 1);
        using (var inside = f.Query($"SELECT count(score) FROM ({plan.Sql})"))
        {
            Assert.Equal(inputs.RowCount, inside[0].GetValues<long>()[0]);
        }

        f.Connection.Execute("ROLLBACK");
        var again = f.Planner.Plan(bytes, "SELECT * FROM t", columns, PredictFixture.With("score float"), null, 1);
        Assert.Equal(plan.Sql, again.Sql);
        using var after = f.Query($"SELECT count(score) FROM ({again.Sql})");
        Assert.Equal(inputs.RowCount, after[0].GetValues<long>()[0]);
    }
}
