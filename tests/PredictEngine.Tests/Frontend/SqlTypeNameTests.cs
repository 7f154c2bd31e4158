using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend;

public class SqlTypeNameTests
{
    [Theory]
    [InlineData("int", "int")]
    [InlineData("INTEGER", "int")]
    [InlineData("[bigint]", "bigint")]
    [InlineData("decimal", "decimal(18,0)")]
    [InlineData("numeric(10, 2)", "decimal(10,2)")]
    [InlineData("decimal(38)", "decimal(38,0)")]
    [InlineData("float", "float")]
    [InlineData("float(24)", "real")]
    [InlineData("float(53)", "float")]
    [InlineData("nvarchar(max)", "nvarchar(max)")]
    [InlineData("NVARCHAR ( 50 )", "nvarchar(50)")]
    [InlineData("varchar", "varchar(1)")]
    [InlineData("char(10)", "char(10)")]
    [InlineData("varbinary(MAX)", "varbinary(max)")]
    [InlineData("datetime2", "datetime2(7)")]
    [InlineData("datetime2(3)", "datetime2(3)")]
    [InlineData("time(0)", "time(0)")]
    [InlineData("uniqueidentifier", "uniqueidentifier")]
    [InlineData("bit", "bit")]
    public void ParsesToCanonicalForm(string text, string canonical) => Assert.Equal(canonical, SqlTypeName.Parse(text).ToString());

    [Theory]
    [InlineData("money", 2715, "Cannot find data type money")]
    [InlineData("int(4)", 2716, "Cannot specify a column width on data type int")]
    [InlineData("nvarchar(5000)", 131, "Use nvarchar(max)")]
    [InlineData("decimal(39,2)", 1002, "between 1 and 38")]
    [InlineData("decimal(5,6)", 1002, "between 0 and 5")]
    [InlineData("varchar(abc)", 102, "Incorrect syntax near 'abc'")]
    [InlineData("varchar(10) x", 102, "Incorrect syntax near")]
    public void RefusesWithSqlServerErrors(string text, int number, string message)
    {
        var error = Assert.Throws<EngineException>(() => SqlTypeName.Parse(text));
        Assert.Equal(number, error.Number);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapsEveryTypeToStorage()
    {
        Assert.Equal("DECIMAL(10,2)", DuckDbTypeMapping.ToDuckDbDdl(SqlTypeName.Parse("decimal(10,2)")));
        Assert.Equal("UTINYINT", DuckDbTypeMapping.ToDuckDbDdl(SqlTypeName.Parse("tinyint")));
        Assert.Equal("TIMESTAMP", DuckDbTypeMapping.ToDuckDbDdl(SqlTypeName.Parse("datetime")));
        Assert.Equal("VARCHAR", DuckDbTypeMapping.ToDuckDbDdl(SqlTypeName.Parse("nchar(3)")));
    }
}
