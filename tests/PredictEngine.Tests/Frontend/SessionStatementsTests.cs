using PredictEngine.SqlFrontend.Execution;
using Xunit;

namespace PredictEngine.Tests.Frontend;

public class SessionStatementsTests
{
    private static string Describe(string batch) =>
        string.Join(" | ", SessionStatements.Split(batch).Select(s => s.Kind == BatchStepKind.Sql ? $"Sql:{s.Text.Trim()}" : $"{s.Kind}:{s.Text}"));

    [Fact]
    public void PymssqlsConnectBatchIsAllIgnored()
    {
        const string batch = "SET ARITHABORT ON;SET CONCAT_NULL_YIELDS_NULL ON;SET ANSI_NULLS ON;SET ANSI_NULL_DFLT_ON ON;SET ANSI_PADDING ON;"
            + "SET ANSI_WARNINGS ON;SET ANSI_NULL_DFLT_ON ON;SET CURSOR_CLOSE_ON_COMMIT ON;SET QUOTED_IDENTIFIER ON;SET TEXTSIZE 2147483647;";
        var steps = SessionStatements.Split(batch);
        Assert.Equal(10, steps.Count);
        Assert.All(steps, s => Assert.Equal(BatchStepKind.Ignored, s.Kind));
    }

    [Fact]
    public void TediousNewlineSeparatedSetsAreIgnored()
    {
        const string batch = "set ansi_nulls on\nset ansi_null_dflt_on on\nset ansi_padding on\nset ansi_warnings on\nset arithabort on\n"
            + "set concat_null_yields_null on\nset datefirst 7\nset dateformat mdy\nset implicit_transactions off\nset language us_english\n"
            + "set numeric_roundabort off\nset quoted_identifier on\nset textsize 2147483647\n"
            + "set transaction isolation level read committed\nset xact_abort off\n";
        var steps = SessionStatements.Split(batch);
        Assert.Equal(15, steps.Count);
        Assert.All(steps, s => Assert.Equal(BatchStepKind.Ignored, s.Kind));
    }

    [Theory]
    [InlineData("SELECT 1", "Sql:SELECT 1")]
    [InlineData("SELECT 1; SELECT 2;", "Sql:SELECT 1; SELECT 2;")]
    [InlineData("", "")]
    [InlineData(" ;; -- nothing\n", "")]
    [InlineData("SET NOCOUNT ON; SELECT 1", "Ignored:SET NOCOUNT ON | Sql:SELECT 1")]
    [InlineData("SET NOCOUNT ON SELECT 1", "Ignored:SET NOCOUNT ON | Sql:SELECT 1")]
    [InlineData("SET ANSI_NULLS, QUOTED_IDENTIFIER OFF", "Ignored:SET ANSI_NULLS, QUOTED_IDENTIFIER OFF")]
    [InlineData("SELECT 1; SET ANSI_WARNINGS OFF; SELECT 2", "Sql:SELECT 1; | Ignored:SET ANSI_WARNINGS OFF | Sql:SELECT 2")]
    [InlineData("use [predict]", "Use:predict")]
    [InlineData("USE predict;", "Use:predict")]
    [InlineData("use \"my db\"", "Use:my db")]
    [InlineData("BEGIN TRAN", "BeginTransaction:BEGIN TRAN")]
    [InlineData("begin transaction t1; insert into t values (1); commit tran t1", "BeginTransaction:begin transaction t1 | Sql:insert into t values (1); | CommitTransaction:commit tran t1")]
    [InlineData("BEGIN TRANSACTION\nINSERT INTO t VALUES (1);\nCOMMIT", "BeginTransaction:BEGIN TRANSACTION | Sql:INSERT INTO t VALUES (1); | CommitTransaction:COMMIT")]
    [InlineData("COMMIT", "CommitTransaction:COMMIT")]
    [InlineData("COMMIT WORK", "CommitTransaction:COMMIT WORK")]
    [InlineData("ROLLBACK TRANSACTION", "RollbackTransaction:ROLLBACK TRANSACTION")]
    [InlineData("IF 1 = 1 BEGIN SELECT 1 END", "Sql:IF 1 = 1 BEGIN SELECT 1 END")]
    [InlineData("BEGIN; SELECT 1; COMMIT", "Sql:BEGIN; SELECT 1; | CommitTransaction:COMMIT")]
    [InlineData("SET FMTONLY ON select * from bt SET FMTONLY OFF", "FormatOnly:ON | Sql:select * from bt | FormatOnly:OFF")]
    [InlineData("SELECT 1 SET NOCOUNT ON", "Sql:SELECT 1 | Ignored:SET NOCOUNT ON")]
    [InlineData("SELECT 1 COMMIT", "Sql:SELECT 1 COMMIT")]
    public void SplitsBatches(string batch, string expected) => Assert.Equal(expected, Describe(batch));

    [Theory]
    [InlineData("SELECT 'SET NOCOUNT ON; x'")]
    [InlineData("SELECT \"a;b\" FROM t; -- SET NOCOUNT ON;\n")]
    [InlineData("SELECT 1 /* ; SET NOCOUNT ON */")]
    [InlineData("SELECT 'it''s; SET NOCOUNT ON'")]
    [InlineData("UPDATE t SET nocount = 1")]
    [InlineData("UPDATE t SET fmtonly = 'SET FMTONLY ON'")]
    [InlineData("SET threads = 4")]
    [InlineData("SET TEXTSIZE")]
    [InlineData("SET DATEFORMAT dmy")]
    [InlineData("SET NOCOUNTX ON")]
    [InlineData("BEGIN")]
    [InlineData("USE")]
    public void LeavesEverythingElseToStorage(string batch) => Assert.Equal($"Sql:{batch.Trim()}", Describe(batch));

    [Fact]
    public void ImplicitTransactionsOnIsRefusedClearly()
    {
        var step = Assert.Single(SessionStatements.Split("SET IMPLICIT_TRANSACTIONS ON"));
        Assert.Equal(BatchStepKind.Unsupported, step.Kind);
        Assert.Contains("IMPLICIT_TRANSACTIONS", step.Text, StringComparison.Ordinal);
        Assert.Equal(BatchStepKind.Ignored, Assert.Single(SessionStatements.Split("SET IMPLICIT_TRANSACTIONS OFF")).Kind);
    }

    [Fact]
    public void TransactionNamesNeverSwallowTheNextStatement()
    {
        var steps = SessionStatements.Split("BEGIN TRAN SELECT 1");
        Assert.Equal([BatchStepKind.BeginTransaction, BatchStepKind.Sql], steps.Select(s => s.Kind));
        Assert.Equal(" SELECT 1", steps[1].Text);
    }
}
