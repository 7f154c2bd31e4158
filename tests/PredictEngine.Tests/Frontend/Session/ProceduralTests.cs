using Xunit;

namespace PredictEngine.Tests.Frontend.Session;

public sealed class ProceduralTests : IDisposable
{
    private readonly SessionHarness _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void VariablesAndWhileLoop()
    {
        var sink = _session.Run("""
            DECLARE @i int = 0, @total int = 0;
            WHILE @i < 10
            BEGIN
                SET @i += 1;
                IF @i % 2 = 0 CONTINUE;
                IF @i > 7 BREAK;
                SET @total = @total + @i;
            END
            SELECT @total AS total
            """);
        Assert.Empty(sink.Errors);
        Assert.Equal(["16"], sink.Rows);
        Assert.Equal("total", sink.Schemas[0][0].Name);
    }

    [Fact]
    public void AssignmentConvertsToTheDeclaredType()
    {
        var sink = _session.Run("DECLARE @s nvarchar(3) = N'abcdef', @n int; SET @n = 7.9; SELECT @s, @n");
        Assert.Empty(sink.Errors);
        Assert.Equal(["abc\t7"], sink.Rows);
    }

    [Fact]
    public void SelectAssignmentTakesTheLastRowAndSendsNoRows()
    {
        var sink = _session.Run("""
            CREATE TABLE t (k int, v nvarchar(10));
            INSERT INTO t VALUES (1, N'a'), (2, N'b');
            DECLARE @v nvarchar(10);
            SELECT @v = v FROM t ORDER BY k;
            SELECT @v, @@ROWCOUNT
            """);
        Assert.Empty(sink.Errors);
        Assert.Equal(["b\t2"], sink.Rows);
    }

    [Fact]
    public void PrintSendsAnInfoMessageWithNumberZero()
    {
        var sink = _session.Run("DECLARE @n int = 42;\nPRINT @n;\nPRINT N'x' + N'y'");
        Assert.Equal([(0, (byte)0, (byte)1, "42", 2), (0, (byte)0, (byte)1, "xy", 3)], sink.Messages);
    }

    [Fact]
    public void StatementErrorContinuesTheBatchWithTheStatementLine()
    {
        var sink = _session.Run("SELECT 1;\nSELECT 1 / 0;\nSELECT @@ERROR");
        var error = Assert.Single(sink.Errors);
        Assert.Equal(8134, error.Number);
        Assert.Equal(2, error.Line);
        Assert.Equal(["1", "8134"], sink.Rows);
    }

    [Fact]
    public void UndeclaredVariableAbortsTheBatch()
    {
        var sink = _session.Run("SELECT @nope;\nSELECT 2");
        Assert.Equal(137, Assert.Single(sink.Errors).Number);
        Assert.Empty(sink.Rows);
    }

    [Fact]
    public void SyntaxErrorRunsNothing()
    {
        var sink = _session.Run("PRINT N'first';\nSELECT FROM WHERE");
        Assert.Empty(sink.Messages);
        Assert.True(Assert.Single(sink.Errors).Number is 102 or 156);
    }

    [Fact]
    public void TryCatchExposesTheErrorAndHidesIt()
    {
        var sink = _session.Run("""
            BEGIN TRY
                SELECT 1 / 0;
            END TRY
            BEGIN CATCH
                SELECT ERROR_NUMBER(), ERROR_MESSAGE(), ERROR_SEVERITY(), ERROR_STATE(), ERROR_LINE();
            END CATCH
            SELECT ERROR_NUMBER()
            """);
        Assert.Empty(sink.Errors);
        Assert.Equal(["8134\tDivide by zero error encountered.\t16\t1\t2", "NULL"], sink.Rows);
    }

    [Fact]
    public void NestedTryAndRethrow()
    {
        var sink = _session.Run("""
            BEGIN TRY
                BEGIN TRY
                    THROW 50001, N'inner', 3;
                END TRY
                BEGIN CATCH
                    PRINT N'caught ' + ERROR_MESSAGE();
                    THROW;
                END CATCH
            END TRY
            BEGIN CATCH
                SELECT ERROR_NUMBER(), ERROR_STATE();
            END CATCH
            """);
        Assert.Empty(sink.Errors);
        Assert.Equal("caught inner", Assert.Single(sink.Messages).Message);
        Assert.Equal(["50001\t3"], sink.Rows);
    }

    [Fact]
    public void ThrowOutsideTryEndsTheBatch()
    {
        var sink = _session.Run("THROW 50005, N'stop', 1;\nSELECT 1");
        var error = Assert.Single(sink.Errors);
        Assert.Equal((50005, (byte)16, (byte)1, "stop"), (error.Number, error.Severity, error.State, error.Message));
        Assert.Empty(sink.Rows);
    }

    [Fact]
    public void ThrowBelowFiftyThousandIsMsg35100()
    {
        var sink = _session.Run("THROW 100, N'x', 1");
        Assert.Equal(35100, Assert.Single(sink.Errors).Number);
    }

    [Fact]
    public void BareThrowOutsideCatchIsMsg10704()
    {
        var sink = _session.Run("THROW");
        Assert.Equal(10704, Assert.Single(sink.Errors).Number);
    }

    [Fact]
    public void RaiserrorSeverities()
    {
        var sink = _session.Run("RAISERROR(N'info %s', 10, 2, N'here');\nRAISERROR(N'bad %d', 16, 1, 7);\nSELECT @@ERROR");
        Assert.Equal((50000, (byte)10, (byte)2, "info here"), (sink.Messages[0].Number, sink.Messages[0].Severity, sink.Messages[0].State, sink.Messages[0].Message));
        var error = Assert.Single(sink.Errors);
        Assert.Equal((50000, (byte)16, "bad 7", 2), (error.Number, error.Severity, error.Message, error.Line));
        Assert.Equal(["50000"], sink.Rows);
    }

    [Fact]
    public void RaiserrorWithMessageIds()
    {
        var sink = _session.Run("RAISERROR(50000, 16, 1);\nRAISERROR(60000, 16, 1);");
        Assert.Equal([2732, 18054], sink.Errors.Select(e => e.Number));
    }

    [Fact]
    public void ReturnEndsTheBatch()
    {
        var sink = _session.Run("SELECT 1; RETURN; SELECT 2");
        Assert.Equal(["1"], sink.Rows);
    }

    [Fact]
    public void UseOtherDatabaseIsMsg911()
    {
        var sink = _session.Run("USE master; USE nowhere");
        Assert.Equal(5701, sink.Messages[0].Number);
        var error = Assert.Single(sink.Errors);
        Assert.Equal(911, error.Number);
        Assert.Equal("Database 'nowhere' does not exist. Make sure that the name is entered correctly.", error.Message);
    }

    [Fact]
    public void UnsupportedStatementNamesTheConstruct()
    {
        var sink = _session.Run("CREATE PROCEDURE p AS SELECT 1");
        var error = Assert.Single(sink.Errors);
        Assert.Equal(50120, error.Number);
        Assert.Contains("is not supported by PredictEngine yet", error.Message, StringComparison.Ordinal);
    }
}
