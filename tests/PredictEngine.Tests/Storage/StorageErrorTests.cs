using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>Every failure is an EngineException with SQL Server's number and a message that helps, and the connection survives it.</summary>
public sealed class StorageErrorTests : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly StorageConnection _connection;

    public StorageErrorTests()
    {
        _connection = _database.Connect();
        _connection.Execute("CREATE TABLE t (id INTEGER, name VARCHAR)");
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void BadSqlInExecute()
    {
        var error = Assert.Throws<EngineException>(() => _connection.Execute("SELEC 1"));
        Assert.Equal(ErrorNumbers.StorageError, error.Number);
        Assert.Equal(16, error.Severity);
        Assert.Contains("syntax error", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SELEC", error.Message, StringComparison.Ordinal);
        AssertConnectionWorks();
    }

    [Fact]
    public void BadSqlInPrepareAndReader()
    {
        var prepare = Assert.Throws<EngineException>(() => _connection.Prepare("SELECT nope FROM t"));
        Assert.Equal(ErrorNumbers.StorageError, prepare.Number);
        Assert.Contains("nope", prepare.Message, StringComparison.Ordinal);

        var reader = Assert.Throws<EngineException>(() => _connection.ExecuteReader("SELECT * FROM missing_table"));
        Assert.Equal(ErrorNumbers.StorageError, reader.Number);
        Assert.Contains("missing_table", reader.Message, StringComparison.Ordinal);
        AssertConnectionWorks();
    }

    [Fact]
    public void ErrorMentioningInterruptIsNotACancellation()
    {
        var error = Assert.Throws<EngineException>(() => _connection.Execute("SELECT * FROM interrupt_log"));
        Assert.Equal(ErrorNumbers.StorageError, error.Number);
        Assert.Contains("interrupt_log", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorRaisedWhileStreamingSurfacesFromReadBatch()
    {
        var error = Assert.Throws<EngineException>(() =>
            ColumnValues.Query(_connection, "SELECT CASE WHEN i = 9000 THEN error('boom at 9000') ELSE i END AS v FROM range(10000) r(i)", batchRows: 1000));
        Assert.Equal(ErrorNumbers.StorageError, error.Number);
        Assert.Contains("boom at 9000", error.Message, StringComparison.Ordinal);
        AssertConnectionWorks();
    }

    [Fact]
    public void AppenderIntoMissingTable()
    {
        var error = Assert.Throws<EngineException>(() => _connection.CreateAppender("no_such_table"));
        Assert.Equal(ErrorNumbers.InvalidObjectName, error.Number);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.Throws<EngineException>(() => _connection.CreateAppender("t", "no_such_schema"));
        AssertConnectionWorks();
    }

    [Fact]
    public void AppenderWithWrongColumnCount()
    {
        using var batch = TypeRoundTripTests.Batch([("id", SqlType.Int, [1, 2])]);
        using (var appender = _connection.CreateAppender("t"))
        {
            var error = Assert.Throws<EngineException>(() => appender.Append(batch));
            Assert.Equal(ErrorNumbers.ColumnCountMismatch, error.Number);
            Assert.Contains("'t' has 2 columns, the batch 1", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, appender.RowsAppended);
        }

        Assert.Equal(0L, ColumnValues.Scalar(_connection, "SELECT count(*) FROM t"));
    }

    [Theory]
    [InlineData("id", SqlTypeId.BigInt)]
    [InlineData("id", SqlTypeId.NVarChar)]
    [InlineData("name", SqlTypeId.VarBinary)]
    [InlineData("name", SqlTypeId.Int)]
    public void AppenderWithWrongColumnType(string column, SqlTypeId wrong)
    {
        var type = wrong switch
        {
            SqlTypeId.BigInt => SqlType.BigInt,
            SqlTypeId.Int => SqlType.Int,
            SqlTypeId.NVarChar => SqlType.NVarChar(10),
            _ => SqlType.VarBinary(10),
        };
        object?[] values = [type.IsString ? "x" : type.IsVariableWidth ? new byte[] { 1 } : type == SqlType.BigInt ? (object)1L : 1];
        var id = column == "id" ? (type, values) : (SqlType.Int, new object?[] { 1 });
        var name = column == "name" ? (type, values) : (SqlType.NVarChar(10), new object?[] { "x" });
        using var batch = TypeRoundTripTests.Batch([("id", id.Item1, id.Item2), ("name", name.Item1, name.Item2)]);
        using (var appender = _connection.CreateAppender("t"))
        {
            var error = Assert.Throws<EngineException>(() => appender.Append(batch));
            Assert.Equal(ErrorNumbers.ConversionFailed, error.Number);
            Assert.Contains($"'{column}' ({type})", error.Message, StringComparison.Ordinal);
            Assert.Contains("CAST", error.Message, StringComparison.Ordinal);
        }

        AssertConnectionWorks();
    }

    [Theory]
    [InlineData("TINYINT")]
    [InlineData("USMALLINT")]
    [InlineData("UINTEGER")]
    [InlineData("UBIGINT")]
    [InlineData("HUGEINT")]
    [InlineData("TIMESTAMP_S")]
    [InlineData("TIMESTAMP_NS")]
    public void AppenderRefusesColumnsStoredNarrowerThanTheyRead(string duckDbType)
    {
        // These read back widened (TINYINT as smallint, UBIGINT as decimal(20,0), TIMESTAMP_NS as datetime2(6));
        // writing that wider layout into the narrower or differently scaled storage would corrupt values.
        _connection.Execute($"CREATE TABLE n (c {duckDbType})");
        SqlType readType;
        using (var reader = _connection.ExecuteReader("SELECT c FROM n"))
        {
            readType = reader.Schema[0].Type;
        }

        using var batch = TypeRoundTripTests.Batch([("c", readType, [null])]);
        using var appender = _connection.CreateAppender("n");
        var error = Assert.Throws<EngineException>(() => appender.Append(batch));
        Assert.Equal(ErrorNumbers.ConversionFailed, error.Number);
        Assert.Contains(duckDbType.Replace("_", string.Empty, StringComparison.Ordinal), error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AppenderWithWrongDecimalScale()
    {
        _connection.Execute("CREATE TABLE d (c DECIMAL(9,2))");
        using var batch = TypeRoundTripTests.Batch([("c", SqlType.Decimal(9, 3), [1.5m])]);
        using var appender = _connection.CreateAppender("d");
        var error = Assert.Throws<EngineException>(() => appender.Append(batch));
        Assert.Equal(ErrorNumbers.ConversionFailed, error.Number);
        Assert.Contains("scale 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id INTEGER PRIMARY KEY", 1, "duplicate key \"1\"")]
    [InlineData("id INTEGER NOT NULL", null, "NOT NULL constraint failed: k.id")]
    public void ConstraintViolationsFailTheLoadAndKeepTheConnection(string column, int? offending, string text)
    {
        _connection.Execute($"CREATE TABLE k ({column})");
        using (var batch = TypeRoundTripTests.Batch([("id", SqlType.Int, [1, 2, offending, 3])]))
        using (var appender = _connection.CreateAppender("k"))
        {
            var error = Assert.Throws<EngineException>(() =>
            {
                appender.Append(batch);
                appender.Close();
            });
            Assert.Equal(ErrorNumbers.StorageError, error.Number);
            Assert.Contains("Bulk load into 'k' failed", error.Message, StringComparison.Ordinal);
            Assert.True(error.Message.Contains(text, StringComparison.Ordinal), error.Message);
        }

        Assert.Equal(0L, ColumnValues.Scalar(_connection, "SELECT count(*) FROM k"));
        AssertConnectionWorks();
    }

    [Fact]
    public void BindingAParameterThatDoesNotExist()
    {
        using var statement = _connection.Prepare("SELECT $1::INTEGER + $2::INTEGER AS s");
        Assert.Equal(2, statement.ParameterCount);
        foreach (var index in new[] { 0, 3, -1 })
        {
            var error = Assert.Throws<EngineException>(() => statement.Bind(index, 1));
            Assert.Equal(ErrorNumbers.StorageError, error.Number);
            Assert.Contains($"Parameter {index} does not exist", error.Message, StringComparison.Ordinal);
            Assert.Contains("2 parameter(s)", error.Message, StringComparison.Ordinal);
        }

        Assert.Throws<EngineException>(() => statement.BindNull(0));
        Assert.Throws<EngineException>(() => statement.Bind(3, "x"));

        statement.Bind(1, 40);
        statement.Bind(2, 2);
        using var reader = statement.ExecuteReader();
        using var batch = reader.ReadBatch();
        Assert.NotNull(batch);
        Assert.Equal(42, batch[0].GetValues<int>()[0]);
    }

    [Theory]
    [InlineData("[1,2]::INTEGER[]", "LIST")]
    [InlineData("INTERVAL 1 DAY", "INTERVAL")]
    [InlineData("{'a': 1}", "STRUCT")]
    [InlineData("TIMESTAMPTZ '2020-01-01 00:00:00+00'", "TIMESTAMP")]
    public void UnsupportedResultTypeSuggestsACast(string expression, string typeName)
    {
        var error = Assert.Throws<EngineException>(() => _connection.ExecuteReader($"SELECT 1 AS ok, {expression} AS odd"));
        Assert.Equal(ErrorNumbers.ConversionFailed, error.Number);
        Assert.Contains("'odd'", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeName, error.Message, StringComparison.Ordinal);
        Assert.Contains("CAST(odd AS nvarchar(max))", error.Message, StringComparison.Ordinal);
        AssertConnectionWorks();
        Assert.Equal("[1, 2]", ColumnValues.Scalar(_connection, "SELECT CAST([1,2]::INTEGER[] AS VARCHAR)"));
    }

    private void AssertConnectionWorks()
    {
        Assert.Equal(1, _connection.Execute("INSERT INTO t VALUES (7, 'seven')"));
        Assert.Equal("seven", ColumnValues.Scalar(_connection, "SELECT name FROM t WHERE id = 7"));
        Assert.Equal(1, _connection.Execute("DELETE FROM t WHERE id = 7"));
    }
}
