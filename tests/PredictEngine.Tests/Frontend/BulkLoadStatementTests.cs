using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend;

/// <summary>The bulk-copy statements the pass-through executor recognises, and its checks of bulk data against the table.</summary>
public sealed class BulkLoadStatementTests : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();

    [Theory]
    [InlineData("select @@trancount; SET FMTONLY ON select * from [dbo].[T] SET FMTONLY OFF exec ..sp_tablecollations_100 N'[dbo].[T]'", "main", "T", true)]
    [InlineData("select @@trancount; SET FMTONLY ON select * from [predict].[dbo].[My ]]Table] SET FMTONLY OFF exec [predict]..sp_tablecollations_100 N'[dbo].[My ]]Table]'", "main", "My ]Table", true)]
    [InlineData("select @@trancount; set fmtonly on select * from sales.T set fmtonly off;exec sp_tablecollations_90 'sales.T'", "sales", "T", true)]
    [InlineData("SET FMTONLY ON select * from dbo.T SET FMTONLY OFF", "main", "T", false)]
    public void RecognisesTheMetadataBatch(string text, string schema, string table, bool full)
    {
        Assert.True(BulkLoadMetadata.TryParse(text, out var query));
        Assert.Equal(new BulkTableName(schema, table), query!.Table);
        Assert.Equal(full, query.WithTranCountAndCollations);
    }

    [Theory]
    [InlineData("select @@trancount")]
    [InlineData("SET FMTONLY ON select a from T SET FMTONLY OFF")]
    [InlineData("SELECT * FROM T")]
    public void LeavesOtherBatchesAlone(string text) => Assert.False(BulkLoadMetadata.TryParse(text, out _));

    [Fact]
    public void ParsesInsertBulk()
    {
        Assert.True(InsertBulkStatement.TryParse(
            "insert bulk [dbo].[T] ([c1] Int, [c 2] NVarChar(max) COLLATE SQL_Latin1_General_CP1_CI_AS, [c3] Decimal(18,4)) with (KEEP_NULLS, TABLOCK)",
            out var statement));
        Assert.Equal(new BulkTableName("main", "T"), statement!.Table);
        Assert.Equal(["c1", "c 2", "c3"], statement.Columns);
        Assert.False(InsertBulkStatement.TryParse("insert into T values (1)", out _));
        Assert.False(InsertBulkStatement.TryParse("insert bulkT (a int)", out _));
    }

    [Fact]
    public void LoadsListedColumnsAndFillsTheOthersWithNulls()
    {
        using var executor = Executor("CREATE TABLE t (a INTEGER, b varchar(20), c float)");
        var sink = new RecordingSink();
        executor.ExecuteBatch("insert bulk [dbo].[t] ([b] NVarChar(max), [a] Int)", sink, CancellationToken.None);
        Assert.Empty(sink.Errors);
        using (var load = executor.BeginBulkLoad(Schema(("b", SqlType.NVarChar(SqlType.MaxLength)), ("a", SqlType.Int))))
        {
            using var batch = Batch(["x", "y"], [1, 2]);
            load.Append(batch);
            Assert.Equal(2, load.Complete());
        }

        Assert.Equal("1,x,NULL;2,y,NULL", Rows(executor, "SELECT a, b, c FROM t ORDER BY a"));
    }

    [Fact]
    public void MismatchedBulkDataIsASqlServerStyleErrorNamingTheColumn()
    {
        using var executor = Executor("CREATE TABLE t (a INTEGER, b varchar(20))");
        var sink = new RecordingSink();

        var outOfSequence = Assert.Throws<EngineException>(() => executor.BeginBulkLoad(Schema(("a", SqlType.Int))));
        Assert.Equal(ErrorNumbers.BulkLoadOutOfSequence, outOfSequence.Number);

        executor.ExecuteBatch("insert bulk t ([a] Int, [b] NVarChar(10))", sink, CancellationToken.None);
        var wrongType = Assert.Throws<EngineException>(() => executor.BeginBulkLoad(Schema(("a", SqlType.NVarChar(10)), ("b", SqlType.NVarChar(10)))));
        Assert.Equal(ErrorNumbers.BulkLoadInvalidColumn, wrongType.Number);
        Assert.Contains("colid 1: column 'a'", wrongType.Message, StringComparison.Ordinal);

        executor.ExecuteBatch("insert bulk t ([a] Int, [b] NVarChar(10))", sink, CancellationToken.None);
        var tooFew = Assert.Throws<EngineException>(() => executor.BeginBulkLoad(Schema(("a", SqlType.Int))));
        Assert.Contains("colid 2 ('b')", tooFew.Message, StringComparison.Ordinal);

        executor.ExecuteBatch("insert bulk t ([zz] Int)", sink, CancellationToken.None);
        Assert.Equal(ErrorNumbers.InvalidColumnName, Assert.Throws<EngineException>(() => executor.BeginBulkLoad(Schema(("zz", SqlType.Int)))).Number);

        executor.ExecuteBatch("insert bulk missing ([a] Int)", sink, CancellationToken.None);
        Assert.Equal(ErrorNumbers.InvalidObjectName, sink.Errors[^1].Number);
        Assert.Equal("", Rows(executor, "SELECT * FROM t"));
    }

    [Fact]
    public void ALoadDisposedBeforeCompletingLeavesTheTableAsItWas()
    {
        using var executor = Executor("CREATE TABLE t (a INTEGER, b varchar(20)); INSERT INTO t VALUES (0, 'kept')");
        executor.ExecuteBatch("insert bulk t ([b] NVarChar(max), [a] Int)", new RecordingSink(), CancellationToken.None);
        using (var load = executor.BeginBulkLoad(Schema(("b", SqlType.NVarChar(SqlType.MaxLength)), ("a", SqlType.Int))))
        {
            using var batch = Batch(["x"], [1]);
            load.Append(batch);
        }

        Assert.Equal("0,kept", Rows(executor, "SELECT * FROM t"));
    }

    [Fact]
    public void ADuplicateKeyFoundWhenTheLoadCompletesIsSqlServersError2627()
    {
        using var executor = Executor("CREATE TABLE t (a INTEGER PRIMARY KEY, b varchar(20)); INSERT INTO t VALUES (1, 'kept')");
        executor.ExecuteBatch("insert bulk t ([b] NVarChar(max), [a] Int)", new RecordingSink(), CancellationToken.None);
        using (var load = executor.BeginBulkLoad(Schema(("b", SqlType.NVarChar(SqlType.MaxLength)), ("a", SqlType.Int))))
        {
            using var batch = Batch(["x", "y"], [2, 1]);
            var error = Record.Exception(() =>
            {
                load.Append(batch);
                load.Complete();
            });
            Assert.Equal(2627, Assert.IsType<EngineException>(error).Number);
            Assert.Contains("The duplicate key value is (1)", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("1,kept", Rows(executor, "SELECT * FROM t"));
    }

    public void Dispose() => _database.Dispose();

    private TsqlBatchExecutor Executor(string setup)
    {
        var executor = new TsqlBatchExecutor(_database.Connect(), "predict");
        var sink = new RecordingSink();
        executor.ExecuteBatch(setup, sink, CancellationToken.None);
        Assert.Empty(sink.Errors);
        return executor;
    }

    private static BatchSchema Schema(params (string Name, SqlType Type)[] columns) =>
        new(columns.Select(c => new ColumnField(c.Name, c.Type)).ToList());

    private static ColumnBatch Batch(string[] strings, int[] ints)
    {
        var text = ColumnVector.Allocate(SqlType.NVarChar(SqlType.MaxLength), strings.Length);
        foreach (var s in strings)
        {
            text.AppendString(s);
        }

        var numbers = ColumnVector.Allocate(SqlType.Int, ints.Length);
        ints.CopyTo(numbers.GetWritableValues<int>());
        numbers.SetLength(ints.Length);
        return new ColumnBatch(Schema(("b", text.Type), ("a", SqlType.Int)), [text, numbers], ints.Length);
    }

    private static string Rows(TsqlBatchExecutor executor, string query)
    {
        var sink = new RecordingSink();
        executor.ExecuteBatch(query, sink, CancellationToken.None);
        Assert.Empty(sink.Errors);
        return string.Join(";", sink.Rows);
    }

    private sealed class RecordingSink : IResultSink
    {
        public List<EngineException> Errors { get; } = [];

        public List<string> Rows { get; } = [];

        public void BeginResultSet(BatchSchema schema)
        {
        }

        public void WriteRows(ColumnBatch batch, CancellationToken cancellation)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                var values = new List<string>();
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    var column = batch[c];
                    values.Add(column.IsNull(r) ? "NULL"
                        : column.Type.IsString ? column.GetString(r)
                        : column.Type.Id == SqlTypeId.Int ? column.GetValues<int>()[r].ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : "?");
                }

                Rows.Add(string.Join(",", values));
            }
        }

        public void EndResultSet(long rows)
        {
        }

        public void StatementCompleted(StatementOutcome outcome, long rows)
        {
        }

        public void Info(int number, byte severity, byte state, string message, int line)
        {
        }

        public void Error(EngineException error) => Errors.Add(error);
    }
}
