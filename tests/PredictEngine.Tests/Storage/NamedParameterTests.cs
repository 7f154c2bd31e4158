using PredictEngine.Storage;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>Named parameters (<c>$name</c>): looked up by name, bound by number, typed by the bound value where the SQL leaves the type open.</summary>
public sealed class NamedParameterTests : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly StorageConnection _connection;

    public NamedParameterTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void NamesResolveToNumbersAndUnknownNamesToZero()
    {
        using var statement = _connection.Prepare("SELECT $b AS b, $a + 1 AS a, $b AS again");
        Assert.Equal(2, statement.ParameterCount);
        var a = statement.ParameterIndex("a");
        var b = statement.ParameterIndex("b");
        Assert.NotEqual(0, a);
        Assert.NotEqual(0, b);
        Assert.NotEqual(a, b);
        Assert.Equal(0, statement.ParameterIndex("c"));
        statement.Bind(a, 41);
        statement.Bind(b, "x");
        var (_, rows) = Read(statement);
        Assert.Equal([["x", 42, "x"]], rows);
    }

    [Fact]
    public void KeywordsAreNamesToo()
    {
        using var statement = _connection.Prepare("SELECT $select AS a, $from AS b, $order AS c, $table AS d, $p1 AS e");
        Assert.Equal(5, statement.ParameterCount);
        foreach (var name in new[] { "select", "from", "order", "table", "p1" })
        {
            statement.Bind(statement.ParameterIndex(name), name);
        }

        Assert.Equal([["select", "from", "order", "table", "p1"]], Read(statement).Rows);
    }

    [Fact]
    public void AnUntypedParameterTakesTheBoundValuesType()
    {
        using var statement = _connection.Prepare("SELECT $v AS v");
        var v = statement.ParameterIndex("v");
        var unscaled = Int128.Parse("-123456789012345678901234567890123456", System.Globalization.CultureInfo.InvariantCulture);
        statement.Bind(v, unscaled, 38, 4);
        using (var reader = statement.ExecuteReader())
        using (var batch = reader.ReadBatch())
        {
            Assert.Equal(SqlType.Decimal(38, 4), reader.Schema[0].Type);
            Assert.Equal(unscaled, batch![0].GetValues<Int128>()[0]);
        }

        statement.Bind(v, 12345, 9, 2);
        var (schema, rows) = Read(statement);
        Assert.Equal(SqlType.Decimal(9, 2), schema[0].Type);
        Assert.Equal(123.45m, rows[0][0]);

        statement.Bind(v, new DateOnly(2024, 2, 29));
        (schema, rows) = Read(statement);
        Assert.Equal(SqlType.Date, schema[0].Type);
        Assert.Equal(new DateOnly(2024, 2, 29), rows[0][0]);
    }

    private static (PredictEngine.Storage.Batches.BatchSchema Schema, List<object?[]> Rows) Read(StorageStatement statement)
    {
        using var reader = statement.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++)
                {
                    rows.Add([.. Enumerable.Range(0, batch.ColumnCount).Select(c => ColumnValues.Read(batch[c], r))]);
                }
            }
        }

        return (reader.Schema, rows);
    }
}
