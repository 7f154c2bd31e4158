using Xunit;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using static PredictEngine.Tests.Frontend.Functions.Args;

namespace PredictEngine.Tests.Frontend.Functions;

public sealed class ConversionTests : IClassFixture<FunctionDatabase>
{
    private readonly FunctionDatabase _db;

    public ConversionTests(FunctionDatabase db) => _db = db;

    public static TheoryData<TypedSql, string, int?, string?> Casts => new()
    {
        { S("123"), "int", null, "123" },
        { S(" -42 "), "int", null, "-42" },
        { S(""), "int", null, "0" },
        { Dec("1.9", 2, 1), "int", null, "1" },
        { F(-1.9), "int", null, "-1" },
        { S("1.55"), "decimal(2,1)", null, "1.6" },
        { S("1e3"), "float", null, "1000.0" },
        { S("abcdef"), "varchar(3)", null, "abc" },
        { S("ab"), "char(4)", null, "ab  " },
        { I(123), "varchar(2)", null, "*" },
        { I(-5), "varchar(10)", null, "-5" },
        { Dec("1.50", 3, 2), "varchar(10)", null, "1.50" },
        { Bit(true), "varchar(5)", null, "1" },
        { F(0.1), "varchar(30)", null, "0.1" },
        { F(1234567.0), "varchar(30)", null, "1.23457e+006" },
        { F(123456.0), "varchar(30)", null, "123456" },
        { F(1234.5), "varchar(30)", 1, "1.2345000e+003" },
        { F(1234.5), "varchar(30)", 2, "1.234500000000000e+003" },
        { S("true"), "bit", null, "true" },
        { S("0"), "bit", null, "false" },
        { I(5), "bit", null, "true" },
        { S("2021-03-04"), "date", null, "2021-03-04" },
        { S("20210304"), "datetime", null, "2021-03-04 00:00:00" },
        { S("03/04/2021"), "date", null, "2021-03-04" },
        { S("04/03/2021"), "date", 103, "2021-03-04" },
        { S("04.03.2021"), "date", 104, "2021-03-04" },
        { S("2021-03-04 10:11:12"), "datetime2", null, "2021-03-04 10:11:12" },
        { S("10:11:12"), "time", null, "10:11:12" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", null, "Mar  4 2021  1:05PM" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 0, "Mar  4 2021  1:05PM" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 1, "03/04/21" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 3, "04/03/21" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 101, "03/04/2021" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 103, "04/03/2021" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 104, "04.03.2021" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 110, "03-04-2021" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 111, "2021/03/04" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 112, "20210304" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 120, "2021-03-04 13:05:00" },
        { Dt("2021-03-04 13:05:00.123"), "varchar(30)", 121, "2021-03-04 13:05:00.123" },
        { Dt("2021-03-04 13:05:00"), "varchar(30)", 126, "2021-03-04T13:05:00" },
        { Dt("2021-03-04 13:05:00.5"), "varchar(30)", 127, "2021-03-04T13:05:00.500" },
        { Date("2021-03-04"), "varchar(30)", null, "2021-03-04" },
        { Date("2021-03-04"), "varchar(30)", 120, "2021-03-04" },
        { Dt2("2021-03-04 13:05:00.1234567"), "varchar(30)", null, "2021-03-04 13:05:00.1234560" },
        { Time("13:05:00"), "varchar(30)", null, "13:05:00.0000000" },
        { Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"), "varchar(36)", null, "6F9619FF-8B86-D011-B42D-00C04FC964FF" },
        { S("6F9619FF-8B86-D011-B42D-00C04FC964FF"), "uniqueidentifier", null, "6f9619ff-8b86-d011-b42d-00c04fc964ff" },
        { I(1), "datetime", null, "1900-01-02 00:00:00" },
        { Null, "int", null, null },
        { Dt("2021-03-04 13:05:00"), "date", null, "2021-03-04" },
    };

    [Theory]
    [MemberData(nameof(Casts))]
    public void Convert_matches_sql_server(TypedSql value, string target, int? style, string? expected)
    {
        var type = SqlTypeName.Parse(target);
        var result = Conversions.Cast(value, type, style, tryCast: false);

        Assert.Equal(type, result.Type);
        Assert.Equal(expected, _db.Scalar(result.Sql));
    }

    [Theory]
    [InlineData("1.5", "int", 245, "Conversion failed when converting the varchar value '1.5' to data type int.")]
    [InlineData("abc", "int", 245, "Conversion failed when converting the varchar value 'abc' to data type int.")]
    [InlineData("99999999999", "int", 248, "The conversion of the varchar value '99999999999' overflowed an int column. Use a larger integer column.")]
    [InlineData("abc", "decimal(5,2)", 8114, "Error converting data type varchar to numeric.")]
    [InlineData("abc", "float", 8114, "Error converting data type varchar to float.")]
    [InlineData("2021-02-30", "date", 241, "Conversion failed when converting date and/or time from character string.")]
    [InlineData("xyz", "uniqueidentifier", 8169, "Conversion failed when converting from a character string to uniqueidentifier.")]
    [InlineData("maybe", "bit", 245, "Conversion failed when converting the varchar value 'maybe' to data type bit.")]
    public void Failed_conversion_raises_sql_server_error_and_try_cast_gives_null(string text, string target, int number, string message)
    {
        var type = SqlTypeName.Parse(target);

        var error = Assert.ThrowsAny<EngineException>(() => _db.Scalar(Conversions.Cast(S(text), type, null, tryCast: false).Sql));
        var mapped = RuntimeErrors.FromStorageMessage(error.Message);

        Assert.NotNull(mapped);
        Assert.Equal(number, mapped!.Number);
        Assert.Equal(message, mapped.Message);
        Assert.Null(_db.Scalar(Conversions.Cast(S(text), type, null, tryCast: true).Sql));
    }

    [Fact]
    public void Integer_overflow_from_number_is_msg_8115()
    {
        var error = Assert.ThrowsAny<EngineException>(() => _db.Scalar(Conversions.Cast(Big(3_000_000_000), SqlType.Int, null, false).Sql));

        Assert.Equal(8115, RuntimeErrors.FromStorageMessage(error.Message)?.Number);
    }

    [Theory]
    [InlineData("int", "decimal(5,2)", "decimal(12,2)")]
    [InlineData("int", "bigint", "bigint")]
    [InlineData("float", "decimal(5,2)", "float")]
    [InlineData("varchar(10)", "nvarchar(5)", "nvarchar(10)")]
    [InlineData("varchar(10)", "int", "int")]
    [InlineData("date", "datetime", "datetime")]
    [InlineData("datetime2(3)", "datetime", "datetime2(3)")]
    [InlineData("bit", "tinyint", "tinyint")]
    [InlineData("char(3)", "char(5)", "char(5)")]
    public void Common_type_follows_data_type_precedence(string a, string b, string expected)
    {
        Assert.Equal(expected, Conversions.CommonType(SqlTypeName.Parse(a), SqlTypeName.Parse(b))?.ToString());
        Assert.Equal(expected, Conversions.CommonType(SqlTypeName.Parse(b), SqlTypeName.Parse(a))?.ToString());
    }

    [Fact]
    public void Common_type_with_untyped_null_is_the_other_type() =>
        Assert.Equal(SqlType.Int, Conversions.CommonType(null, SqlType.Int));

    [Theory]
    [InlineData("int", "INTEGER")]
    [InlineData("decimal(10,2)", "DECIMAL(10,2)")]
    [InlineData("nvarchar(50)", "VARCHAR")]
    [InlineData("datetime", "TIMESTAMP")]
    [InlineData("bit", "BOOLEAN")]
    public void DuckDb_type_names(string type, string expected) =>
        Assert.Equal(expected, Conversions.DuckDbTypeName(SqlTypeName.Parse(type)));
}
