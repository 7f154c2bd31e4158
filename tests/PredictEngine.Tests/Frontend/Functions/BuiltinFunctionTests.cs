using Xunit;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.Storage.Types;
using static PredictEngine.Tests.Frontend.Functions.Args;

namespace PredictEngine.Tests.Frontend.Functions;

/// <summary>
/// Each row: a T-SQL function call, its typed arguments, what SQL Server returns (as DuckDB writes the value as
/// VARCHAR) and the result type SQL Server reports.
/// </summary>
public sealed class BuiltinFunctionTests : IClassFixture<FunctionDatabase>
{
    private static readonly FunctionContext Context = new("predict", "sa", "PREDICT01") { ApplicationName = "tests", HostName = "WS1" };

    private readonly FunctionDatabase _db;

    public BuiltinFunctionTests(FunctionDatabase db) => _db = db;

    public static TheoryData<string, TypedSql[], string?, string> Cases => new()
    {
        // NULL handling and choice
        { "ISNULL", [NullOf(SqlType.VarChar(3)), S("abcdef")], "abc", "varchar(3)" },
        { "ISNULL", [NullOf(SqlType.Int), Dec("2.7", 2, 1)], "2", "int" },
        { "COALESCE", [Null, I(2), Dec("1.5", 2, 1)], "2.0", "decimal(11,1)" },
        { "NULLIF", [I(1), I(1)], null, "int" },
        { "NULLIF", [I(1), I(2)], "1", "int" },
        { "IIF", [Pred("1 < 2"), S("yes"), S("no")], "yes", "varchar(3)" },
        { "CHOOSE", [I(2), S("a"), S("b"), S("c")], "b", "varchar(1)" },
        { "CHOOSE", [I(4), S("a"), S("b")], null, "varchar(1)" },

        // strings
        { "LEN", [S("abc  ")], "3", "int" },
        { "LEN", [S("  abc")], "5", "int" },
        { "DATALENGTH", [S("abc  ")], "5", "int" },
        { "DATALENGTH", [N("abc")], "6", "int" },
        { "DATALENGTH", [I(5)], "4", "int" },
        { "SUBSTRING", [S("abcdef"), I(2), I(3)], "bcd", "varchar(6)" },
        { "SUBSTRING", [S("abcdef"), I(0), I(2)], "a", "varchar(6)" },
        { "LEFT", [S("abcdef"), I(2)], "ab", "varchar(6)" },
        { "RIGHT", [S("abcdef"), I(2)], "ef", "varchar(6)" },
        { "CHARINDEX", [S("C"), S("abcabc")], "3", "int" },
        { "CHARINDEX", [S("c"), S("abcabc"), I(4)], "6", "int" },
        { "CHARINDEX", [S("z"), S("abc")], "0", "int" },
        { "PATINDEX", [S("%[0-9]%"), S("ab12")], "3", "int" },
        { "PATINDEX", [S("%CD%"), S("abcdef")], "3", "int" },
        { "PATINDEX", [S("ab%"), S("abc")], "1", "int" },
        { "REPLACE", [S("Hello hello"), S("HELLO"), S("bye")], "bye bye", "varchar(8000)" },
        { "REPLACE", [S("a.b.c"), S("."), S("$1")], "a$1b$1c", "varchar(8000)" },
        { "UPPER", [S("abc")], "ABC", "varchar(3)" },
        { "LOWER", [N("ABC")], "abc", "nvarchar(3)" },
        { "LTRIM", [S("  ab  ")], "ab  ", "varchar(6)" },
        { "RTRIM", [S("  ab  ")], "  ab", "varchar(6)" },
        { "TRIM", [S("  ab  ")], "ab", "varchar(6)" },
        { "CONCAT", [S("a"), Null, I(1)], "a1", "varchar(32)" },
        { "CONCAT_WS", [S("-"), S("a"), Null, S("b")], "a-b", "varchar(4)" },
        { "REPLICATE", [S("ab"), I(3)], "ababab", "varchar(max)" },
        { "REPLICATE", [S("ab"), I(-1)], null, "varchar(max)" },
        { "REVERSE", [S("abc")], "cba", "varchar(3)" },
        { "SPACE", [I(3)], "   ", "varchar(8000)" },
        { "STUFF", [S("abcdef"), I(2), I(3), S("XY")], "aXYef", "varchar(8000)" },
        { "STUFF", [S("abc"), I(5), I(1), S("X")], null, "varchar(8000)" },
        { "STR", [F(123.456), I(8), I(2)], "  123.46", "varchar(8)" },
        { "STR", [F(123456.0), I(3)], "***", "varchar(3)" },
        { "STR", [F(2.5)], "         3", "varchar(10)" },
        { "ASCII", [S("A")], "65", "int" },
        { "CHAR", [I(65)], "A", "char(1)" },
        { "CHAR", [I(300)], null, "char(1)" },
        { "UNICODE", [N("é")], "233", "int" },
        { "NCHAR", [I(233)], "é", "nchar(1)" },
        { "QUOTENAME", [S("a]b")], "[a]]b]", "nvarchar(258)" },
        { "QUOTENAME", [S("ab"), S("'")], "'ab'", "nvarchar(258)" },

        // FORMAT
        { "FORMAT", [F(1234567.891), S("N2")], "1,234,567.89", "nvarchar(4000)" },
        { "FORMAT", [F(1234.5), S("F2")], "1234.50", "nvarchar(4000)" },
        { "FORMAT", [F(0.1234), S("P")], "12.34 %", "nvarchar(4000)" },
        { "FORMAT", [F(1234.5), S("C")], "$1,234.50", "nvarchar(4000)" },
        { "FORMAT", [F(1234.5), S("#,##0.00")], "1,234.50", "nvarchar(4000)" },
        { "FORMAT", [I(42), S("00000")], "00042", "nvarchar(4000)" },
        { "FORMAT", [Dt("2021-03-04 05:06:07"), S("yyyy-MM-dd")], "2021-03-04", "nvarchar(4000)" },
        { "FORMAT", [Dt("2021-03-04 15:06:07"), S("dd/MM/yyyy HH:mm")], "04/03/2021 15:06", "nvarchar(4000)" },
        { "FORMAT", [Dt("2021-03-04 15:06:07"), S("MMMM d, yyyy h:mm tt")], "March 4, 2021 3:06 PM", "nvarchar(4000)" },

        // dates
        { "DATEADD", [Part("day"), I(1), Dt("2020-12-31 10:00:00")], "2021-01-01 10:00:00", "datetime" },
        { "DATEADD", [Part("month"), I(1), Date("2020-01-31")], "2020-02-29", "date" },
        { "DATEADD", [Part("hh"), I(-2), Dt2("2020-01-01 01:00:00")], "2019-12-31 23:00:00", "datetime2(7)" },
        { "DATEADD", [Part("qq"), I(1), S("2020-01-15")], "2020-04-15 00:00:00", "datetime" },
        { "DATEDIFF", [Part("year"), S("2020-12-31"), S("2021-01-01")], "1", "int" },
        { "DATEDIFF", [Part("month"), Date("2020-01-31"), Date("2020-02-01")], "1", "int" },
        { "DATEDIFF", [Part("day"), Dt("2020-01-01 23:59:00"), Dt("2020-01-02 00:01:00")], "1", "int" },
        { "DATEDIFF", [Part("hour"), Dt("2020-01-01 10:59:00"), Dt("2020-01-01 11:00:00")], "1", "int" },
        { "DATEDIFF", [Part("week"), Date("2021-01-02"), Date("2021-01-03")], "1", "int" },
        { "DATEDIFF", [Part("week"), Date("2021-01-03"), Date("2021-01-09")], "0", "int" },
        { "DATEDIFF_BIG", [Part("second"), Date("2000-01-01"), Date("2000-01-02")], "86400", "bigint" },
        { "DATEPART", [Part("weekday"), Date("2021-01-03")], "1", "int" },
        { "DATEPART", [Part("week"), Date("2021-01-03")], "2", "int" },
        { "DATEPART", [Part("iso_week"), Date("2021-01-03")], "53", "int" },
        { "DATEPART", [Part("dy"), Date("2021-02-01")], "32", "int" },
        { "DATEPART", [Part("ms"), Dt("2021-02-01 10:00:01.250")], "250", "int" },
        { "DATEPART", [Part("quarter"), Date("2021-05-01")], "2", "int" },
        { "DATENAME", [Part("month"), Date("2021-05-01")], "May", "nvarchar(30)" },
        { "DATENAME", [Part("dw"), Date("2021-05-01")], "Saturday", "nvarchar(30)" },
        { "DATENAME", [Part("year"), Date("2021-05-01")], "2021", "nvarchar(30)" },
        { "YEAR", [S("2021-05-06")], "2021", "int" },
        { "MONTH", [Date("2021-05-06")], "5", "int" },
        { "DAY", [Dt("2021-05-06 00:00:00")], "6", "int" },
        { "EOMONTH", [Date("2020-02-10")], "2020-02-29", "date" },
        { "EOMONTH", [Date("2020-01-31"), I(1)], "2020-02-29", "date" },
        { "DATEFROMPARTS", [I(2020), I(2), I(29)], "2020-02-29", "date" },
        { "DATETIMEFROMPARTS", [I(2020), I(2), I(29), I(13), I(14), I(15), I(500)], "2020-02-29 13:14:15.5", "datetime" },
        { "ISDATE", [S("2020-02-29")], "1", "int" },
        { "ISDATE", [S("2021-02-29")], "0", "int" },
        { "ISDATE", [S("hello")], "0", "int" },
        { "DATETRUNC", [Part("month"), Dt2("2021-05-06 07:08:09")], "2021-05-01 00:00:00", "datetime2(7)" },
        { "DATETRUNC", [Part("week"), Date("2021-05-06")], "2021-05-02", "date" },
        { "DATETRUNC", [Part("hour"), Dt("2021-05-06 07:08:09")], "2021-05-06 07:00:00", "datetime" },

        // math
        { "ABS", [I(-5)], "5", "int" },
        { "ABS", [Dec("-1.50", 3, 2)], "1.50", "decimal(3,2)" },
        { "ROUND", [Dec("123.456", 6, 3), I(2)], "123.460", "decimal(6,3)" },
        { "ROUND", [Dec("123.456", 6, 3), I(2), I(1)], "123.450", "decimal(6,3)" },
        { "ROUND", [I(1234), I(-2)], "1200", "int" },
        { "ROUND", [F(2.5), I(0)], "3.0", "float" },
        { "CEILING", [Dec("1.2", 2, 1)], "2", "decimal(2,0)" },
        { "FLOOR", [Dec("-1.2", 2, 1)], "-2", "decimal(2,0)" },
        { "FLOOR", [F(1.7)], "1.0", "float" },
        { "POWER", [I(2), I(10)], "1024", "int" },
        { "POWER", [I(2), Dec("0.5", 1, 1)], "1", "int" },
        { "POWER", [F(2), I(3)], "8.0", "float" },
        { "SQRT", [I(16)], "4.0", "float" },
        { "SQUARE", [I(3)], "9.0", "float" },
        { "LOG", [F(Math.E)], "1.0", "float" },
        { "LOG", [I(8), I(2)], "3.0", "float" },
        { "LOG10", [I(1000)], "3.0", "float" },
        { "EXP", [I(0)], "1.0", "float" },
        { "SIGN", [I(-7)], "-1", "int" },
        { "PI", [], "3.141592653589793", "float" },
        { "SIN", [I(0)], "0.0", "float" },
        { "COS", [I(0)], "1.0", "float" },
        { "TAN", [I(0)], "0.0", "float" },
        { "ATAN", [I(0)], "0.0", "float" },
        { "ASIN", [I(0)], "0.0", "float" },
        { "ACOS", [I(1)], "0.0", "float" },
        { "ATN2", [I(0), I(1)], "0.0", "float" },
        { "DEGREES", [F(Math.PI)], "180.0", "float" },
        { "RADIANS", [F(180)], "3.141592653589793", "float" },
        { "RADIANS", [I(180)], "3", "int" },
        { "ISNUMERIC", [S("12.5")], "1", "int" },
        { "ISNUMERIC", [S("$1,000")], "1", "int" },
        { "ISNUMERIC", [S("1e5")], "1", "int" },
        { "ISNUMERIC", [S("abc")], "0", "int" },
        { "ISNUMERIC", [I(3)], "1", "int" },

        // system
        { "DB_NAME", [], "predict", "nvarchar(128)" },
        { "DB_NAME", [I(1)], "master", "nvarchar(128)" },
        { "DB_ID", [], "5", "int" },
        { "DB_ID", [S("tempdb")], "2", "int" },
        { "SCHEMA_NAME", [], "dbo", "nvarchar(128)" },
        { "SCHEMA_NAME", [I(1)], "dbo", "nvarchar(128)" },
        { "SCHEMA_ID", [S("dbo")], "1", "int" },
        { "OBJECT_ID", [S("dbo.no_such_table")], null, "int" },
        { "USER_NAME", [], "dbo", "nvarchar(128)" },
        { "CURRENT_USER", [], "dbo", "nvarchar(128)" },
        { "SUSER_NAME", [], "sa", "nvarchar(128)" },
        { "SUSER_SNAME", [], "sa", "nvarchar(128)" },
        { "SYSTEM_USER", [], "sa", "nvarchar(128)" },
        { "HOST_NAME", [], "WS1", "nvarchar(128)" },
        { "APP_NAME", [], "tests", "nvarchar(128)" },
        { "SERVERPROPERTY", [S("ProductVersion")], "16.0.1000.6", "nvarchar(128)" },
        { "SERVERPROPERTY", [S("EngineEdition")], "3", "int" },
        { "SERVERPROPERTY", [S("ProductMajorVersion")], "16", "nvarchar(128)" },
        { "SERVERPROPERTY", [S("ServerName")], "PREDICT01", "nvarchar(128)" },
        { "SERVERPROPERTY", [S("Collation")], "SQL_Latin1_General_CP1_CI_AS", "nvarchar(128)" },
        { "SERVERPROPERTY", [S("IsIntegratedSecurityOnly")], "0", "int" },
        { "SERVERPROPERTY", [S("NoSuchProperty")], null, "nvarchar(128)" },
        { "DATABASEPROPERTYEX", [S("predict"), S("Status")], "ONLINE", "nvarchar(128)" },
        { "DATABASEPROPERTYEX", [S("predict"), S("Collation")], "SQL_Latin1_General_CP1_CI_AS", "nvarchar(128)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Function_returns_what_sql_server_returns(string name, TypedSql[] args, string? expected, string expectedType)
    {
        var result = BuiltinFunctions.Translate(name, args, Context);

        Assert.Equal(expectedType, result.Type?.ToString());
        Assert.Equal(expected, _db.Scalar(result.Sql));
    }
}
