using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>
/// Round trips cannot catch a conversion that is wrong the same way in both directions, so these tests
/// compare our values with DuckDB's own text and literals, one direction at a time.
/// </summary>
public sealed class TypeFidelityTests : IDisposable
{
    private readonly EmbeddedDatabase _database = EmbeddedDatabase.OpenInMemory();
    private readonly StorageConnection _connection;

    public TypeFidelityTests()
    {
        _connection = _database.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    public static TheoryData<string, string> Literals => new()
    {
        { "true", "true" },
        { "255::UTINYINT", "255" },
        { "(-32768)::SMALLINT", "-32768" },
        { "(-12.34)::DECIMAL(4,2)", "-12.34" },
        { "(-0.001)::DECIMAL(9,3)", "-0.001" },
        { "(-12345678901234.5678)::DECIMAL(18,4)", "-12345678901234.5678" },
        { "(-123456789012345678.0123456789)::DECIMAL(38,10)", "-123456789012345678.0123456789" },
        { "DATE '1969-12-31'", "1969-12-31" },
        { "DATE '0001-01-01'", "0001-01-01" },
        { "TIME '23:59:59.999999'", "23:59:59.999999" },
        { "TIMESTAMP '1969-12-31 23:59:59.999999'", "1969-12-31 23:59:59.999999" },
        { "TIMESTAMP '1900-01-01 00:00:00.000001'", "1900-01-01 00:00:00.000001" },
        { "'00112233-4455-6677-8899-aabbccddeeff'::UUID", "00112233-4455-6677-8899-aabbccddeeff" },
        { "'80000000-0000-0000-0000-000000000001'::UUID", "80000000-0000-0000-0000-000000000001" },
        { "'日本語日本語'", "日本語日本語" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void ImportedLiteralMatchesDuckDbText(string literal, string text)
    {
        var (schema, rows) = ColumnValues.Query(_connection, $"SELECT {literal} AS v, CAST({literal} AS VARCHAR) AS t");
        var row = Assert.Single(rows);
        Assert.Equal(text, row[1]);
        Assert.Equal(text, Format(row[0], schema[0].Type));
    }

    [Fact]
    public void AppendedValuesMatchDuckDbText()
    {
        var values = new (SqlType Type, object Value, string Text)[]
        {
            (SqlType.Bit, true, "true"),
            (SqlType.TinyInt, (byte)200, "200"),
            (SqlType.Decimal(4, 2), -12.34m, "-12.34"),
            (SqlType.Decimal(9, 3), -0.001m, "-0.001"),
            (SqlType.Decimal(18, 4), 12345678901234.5678m, "12345678901234.5678"),
            (SqlType.Decimal(38, 10), -123456789012345678.0123456789m, "-123456789012345678.0123456789"),
            (SqlType.Date, new DateOnly(1969, 12, 31), "1969-12-31"),
            (SqlType.Time(), new TimeOnly(23, 59, 59, 999, 999), "23:59:59.999999"),
            (SqlType.DateTime2(), new DateTime(1969, 12, 31, 23, 59, 59, 999, 999), "1969-12-31 23:59:59.999999"),
            (SqlType.UniqueIdentifier, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), "00112233-4455-6677-8899-aabbccddeeff"),
            (SqlType.VarBinary(10), new byte[] { 0x00, 0xFF, 0x41 }, @"\x00\xFFA"),
            (SqlType.NVarChar(10), "日本語", "日本語"),
        };
        foreach (var (type, value, text) in values)
        {
            _connection.Execute($"CREATE OR REPLACE TABLE t (c {DuckDbTypeMapping.ToDuckDbDdl(type)})");
            using (var batch = TypeRoundTripTests.Batch([("c", type, [value])]))
            using (var appender = _connection.CreateAppender("t"))
            {
                appender.Append(batch);
                appender.Close();
            }

            Assert.Equal(text, ColumnValues.Scalar(_connection, "SELECT CAST(c AS VARCHAR) FROM t"));
        }
    }

    [Fact]
    public void DuckDbOnlyTypesWidenToHoldEveryValue()
    {
        var (schema, rows) = ColumnValues.Query(_connection, """
            SELECT (-128)::TINYINT AS ti, 65535::USMALLINT AS us, 4294967295::UINTEGER AS ui,
                   18446744073709551615::UBIGINT AS ub, 12345::HUGEINT AS hi, NULL AS n
            """);
        Assert.Equal(SqlType.SmallInt, schema[0].Type);
        Assert.Equal(SqlType.Int, schema[1].Type);
        Assert.Equal(SqlType.BigInt, schema[2].Type);
        Assert.Equal(SqlType.Decimal(20, 0), schema[3].Type);
        Assert.Equal(SqlType.Decimal(38, 0), schema[4].Type);
        Assert.Equal(SqlType.Int, schema[5].Type);
        var row = Assert.Single(rows);
        Assert.Equal((short)-128, row[0]);
        Assert.Equal(65535, row[1]);
        Assert.Equal(4294967295L, row[2]);
        Assert.Equal(18446744073709551615m, row[3]);
        Assert.Equal(12345m, row[4]);
        Assert.Null(row[5]);

        using var reader = _connection.ExecuteReader("SELECT (-170141183460469231731687303715884105727)::HUGEINT");
        using var batch = reader.ReadBatch();
        Assert.NotNull(batch);
        Assert.Equal(Int128.MinValue + 1, batch[0].GetValues<Int128>()[0]);
    }

    [Theory]
    [InlineData("TIMESTAMP_S", "1969-12-31 23:59:59")]
    [InlineData("TIMESTAMP_MS", "1969-12-31 23:59:59.999")]
    [InlineData("TIMESTAMP_NS", "1969-12-31 23:59:59.9999995")]
    [InlineData("TIMESTAMP_NS", "2001-02-03 04:05:06.7890123")]
    public void OtherTimestampUnitsReadAsDuckDbCastsThem(string type, string text)
    {
        var (schema, rows) = ColumnValues.Query(_connection, $"SELECT {type} '{text}' AS a, CAST({type} '{text}' AS TIMESTAMP) AS b");
        Assert.Equal(SqlType.DateTime2(6), schema[0].Type);
        var row = Assert.Single(rows);
        Assert.Equal(row[1], row[0]);
    }

    [Fact]
    public void Decimal38ValuesBeyondSystemDecimalSurviveAsInt128()
    {
        var max = Int128.Parse("99999999999999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture);
        _connection.Execute("CREATE TABLE d (c DECIMAL(38,10))");
        using (var batch = TypeRoundTripTests.Batch([("c", SqlType.Decimal(38, 10), [max, -max, null])]))
        using (var appender = _connection.CreateAppender("d"))
        {
            appender.Append(batch);
            appender.Close();
        }

        Assert.Equal("9999999999999999999999999999.9999999999", ColumnValues.Scalar(_connection, "SELECT CAST(max(c) AS VARCHAR) FROM d"));
        using var reader = _connection.ExecuteReader("SELECT c FROM d");
        using var read = reader.ReadBatch();
        Assert.NotNull(read);
        Assert.Equal([max, -max], read[0].GetValues<Int128>()[..2].ToArray());
        Assert.True(read[0].IsNull(2));
    }

    [Fact]
    public void AppendingADecimalTooWideForTheColumnFailsInsteadOfWrapping()
    {
        // decimal(9,2) batch into DECIMAL(4,2): the scale matches, so it is accepted, but 1234.56 does not fit
        // the column's int16 storage and must not be stored as some other number.
        _connection.Execute("CREATE TABLE d (c DECIMAL(4,2))");
        using (var fits = TypeRoundTripTests.Batch([("c", SqlType.Decimal(9, 2), [99.99m, null, -99.99m])]))
        using (var appender = _connection.CreateAppender("d"))
        {
            appender.Append(fits);
            appender.Close();
        }

        using (var tooWide = TypeRoundTripTests.Batch([("c", SqlType.Decimal(9, 2), [1.5m, 1234.56m])]))
        using (var appender = _connection.CreateAppender("d"))
        {
            var error = Assert.Throws<EngineException>(() => appender.Append(tooWide));
            Assert.Equal(ErrorNumbers.ArithmeticOverflow, error.Number);
            Assert.Contains("decimal(4,2)", error.Message, StringComparison.Ordinal);
        }

        var (_, rows) = ColumnValues.Query(_connection, "SELECT c FROM d ORDER BY c NULLS LAST");
        Assert.Equal([-99.99m, 99.99m, null], rows.Select(r => r[0]));
    }

    private static string Format(object? value, SqlType type) => value switch
    {
        bool b => b ? "true" : "false",
        decimal d => d.ToString("F" + type.Scale, System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "NULL",
    };
}
