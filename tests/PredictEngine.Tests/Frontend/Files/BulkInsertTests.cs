using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Files;

public sealed class BulkInsertTests : FileLoadHarness
{
    [Fact]
    public void LoadsACsvWithHeaderConvertingEachColumn()
    {
        CreateTable("people", ("id", "int"), ("name", "nvarchar(50)"), ("score", "decimal(5, 2)"), ("born", "date"), ("active", "bit"));
        var path = WriteFile("people.csv", "id,name,score,born,active\n1,Ann,12.5,2001-02-03,1\n2,\"Bob, Jr.\",7,1999-12-31,0\n");
        var rows = BulkInsert("people", path, Option("FORMAT", "CSV"), Option("FIRSTROW", 2), Option("FIELDTERMINATOR", ","), Option("ROWTERMINATOR", "\\n"));
        Assert.Equal(2, rows);
        Assert.Equal("1|Ann|12.50|2001-02-03|true;2|Bob, Jr.|7.00|1999-12-31|false", Rows("people", "id, name, score, born, active", "id"));
    }

    [Fact]
    public void DefaultsToTabSeparatedCharacterDataWithoutQuoting()
    {
        CreateTable("t", ("a", "int"), ("b", "varchar(20)"));
        var path = WriteFile("t.tsv", "1\t\"quoted\"\n2\tplain\n");
        Assert.Equal(2, BulkInsert("t", path));
        Assert.Equal("1|\"quoted\";2|plain", Rows("t", "a, b", "a"));
    }

    [Fact]
    public void CrLfAndHexLfRowTerminators()
    {
        CreateTable("t", ("a", "int"), ("b", "varchar(20)"));
        var crlf = WriteFile("crlf.csv", "1,x\r\n2,y\r\n");
        Assert.Equal(2, BulkInsert("t", crlf, Option("FIELDTERMINATOR", ","), Option("ROWTERMINATOR", "\\r\\n")));
        var lf = WriteFile("lf.csv", "3,z\n4,w\n");
        Assert.Equal(2, BulkInsert("t", lf, Option("FIELDTERMINATOR", ","), Option("ROWTERMINATOR", "0x0a")));
        Assert.Equal("1|x;2|y;3|z;4|w", Rows("t", "a, b", "a"));
    }

    [Fact]
    public void PipeTerminatorAndCustomFieldQuote()
    {
        CreateTable("t", ("a", "int"), ("b", "varchar(20)"));
        var path = WriteFile("p.txt", "1|'a|b'\n2|'it''s'\n");
        Assert.Equal(2, BulkInsert("t", path, Option("FORMAT", "CSV"), Option("FIELDTERMINATOR", "|"), Option("FIELDQUOTE", "'")));
        Assert.Equal("1|a|b;2|it's", Rows("t", "a, b", "a"));
    }

    [Fact]
    public void FirstRowAndLastRowSelectFileRows()
    {
        CreateTable("t", ("a", "int"));
        var path = WriteFile("n.csv", "header\n1\n2\n3\n4\n");
        Assert.Equal(2, BulkInsert("t", path, Option("FIRSTROW", 3), Option("LASTROW", 4)));
        Assert.Equal("2;3", Rows("t", "a", "a"));
    }

    [Fact]
    public void EmptyFieldsLoadAsNullWithOrWithoutKeepNulls()
    {
        CreateTable("t", ("a", "int"), ("b", "nvarchar(10)"), ("c", "float"));
        var path = WriteFile("e.csv", "1,,\n,x,2.5\n");
        Assert.Equal(2, BulkInsert("t", path, Option("FIELDTERMINATOR", ","), Flag("KEEPNULLS")));
        Assert.Equal(2, BulkInsert("t", path, Option("FIELDTERMINATOR", ",")));
        Assert.Equal("1|NULL|NULL;1|NULL|NULL;NULL|x|2.5;NULL|x|2.5", Rows("t", "a, b, c", "a NULLS LAST, b"));
    }

    [Fact]
    public void IdentityColumnTakesGeneratedValuesUnlessKeepIdentity()
    {
        CreateTable("t", ("id", "int IDENTITY(1,1)"), ("name", "varchar(10)"));
        var withoutIdField = WriteFile("a.csv", "alpha\nbeta\n");
        Assert.Equal(2, BulkInsert("t", withoutIdField));
        var withIdField = WriteFile("b.csv", "100\tgamma\n");
        Assert.Equal(1, BulkInsert("t", withIdField));
        Assert.Equal(1, BulkInsert("t", WriteFile("c.csv", "500\tdelta\n"), Flag("KEEPIDENTITY")));
        Assert.Equal("1|alpha;2|beta;3|gamma;500|delta", Rows("t", "id, name", "id"));
    }

    [Fact]
    public void AcceptedCompatibilityOptions()
    {
        CreateTable("t", ("a", "int"));
        var path = WriteFile("a.txt", "7\n");
        Assert.Equal(1, BulkInsert(
            "t",
            path,
            Flag("TABLOCK"),
            Option("BATCHSIZE", 1000),
            Option("MAXERRORS", 0),
            Option("CODEPAGE", "65001"),
            Option("DATAFILETYPE", "char"),
            Flag("CHECK_CONSTRAINTS")));
        Assert.Equal("7", Rows("t", "a", "a"));
    }

    [Fact]
    public void BadValueFailsWithRowAndColumnAndLeavesTheTableUnchanged()
    {
        CreateTable("t", ("id", "int"), ("amount", "decimal(6, 2)"), ("day", "date"));
        BulkInsert("t", WriteFile("ok.csv", "1,1.5,2020-01-01\n"), Option("FIELDTERMINATOR", ","));
        var bad = WriteFile("bad.csv", "h1,h2,h3\n2,2.5,2020-01-02\n3,abc,2020-01-03\n");
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", bad, Option("FIELDTERMINATOR", ","), Option("FIRSTROW", 2)));
        Assert.Equal(4864, e.Number);
        Assert.Equal(16, e.Severity);
        Assert.Equal("Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row 3, column 2 (amount).", e.Message);
        Assert.Equal("1|1.50|2020-01-01", Rows("t", "id, amount, day", "id"));
    }

    [Fact]
    public void BadDateInALaterColumnIsFound()
    {
        CreateTable("t", ("id", "int"), ("day", "date"));
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", WriteFile("d.csv", "1,2020-01-01\n2,2020-13-45\n"), Option("FIELDTERMINATOR", ",")));
        Assert.Equal("Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row 2, column 2 (day).", e.Message);
        Assert.Null(Rows("t", "id", "id"));
    }

    [Fact]
    public void TooLongStringIsATruncationError()
    {
        CreateTable("t", ("code", "varchar(3)"));
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", WriteFile("s.csv", "abc\nabcd\n")));
        Assert.Equal(4863, e.Number);
        Assert.Equal("Bulk load data conversion error (truncation) for row 2, column 1 (code).", e.Message);
    }

    [Fact]
    public void TooFewFieldsIsUnexpectedEndOfFile()
    {
        CreateTable("t", ("a", "int"), ("b", "int"), ("c", "int"));
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", WriteFile("f.csv", "1,2,3\n4,5\n"), Option("FIELDTERMINATOR", ",")));
        Assert.Equal(4832, e.Number);
        Assert.StartsWith("Bulk load: An unexpected end of file was encountered in the data file.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Row 2 has 2 of the 3 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyFieldsIsColumnTooLong()
    {
        CreateTable("t", ("a", "int"), ("b", "int"));
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", WriteFile("m.csv", "1,2\n3,4,5,6\n"), Option("FIELDTERMINATOR", ",")));
        Assert.Equal(4866, e.Number);
        Assert.StartsWith("The bulk load failed. The column is too long in the data file for row 2, column 2. Verify that the field terminator and row terminator are specified correctly.", e.Message, StringComparison.Ordinal);
        Assert.Null(Rows("t", "a", "a"));
    }

    [Theory]
    [InlineData("ORDER", 102)]
    [InlineData("FORMATFILE", 50130)]
    [InlineData("ERRORFILE", 50130)]
    public void UnknownOrUnsupportedOptionsAreNamed(string option, int number)
    {
        CreateTable("t", ("a", "int"));
        var path = WriteFile("a.txt", "1\n");
        var written = new SqlFrontend.Ast.BulkOption { Name = option, Value = Text("x"), Line = 3 };
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", path, written));
        Assert.Equal(number, e.Number);
        Assert.Contains(option, e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("FORMAT", "PARQUET")]
    [InlineData("DATAFILETYPE", "widechar")]
    [InlineData("CODEPAGE", "1252")]
    [InlineData("ROWTERMINATOR", "|")]
    [InlineData("FIELDQUOTE", "\"")]
    public void InvalidOptionValuesAreRefused(string option, string value)
    {
        CreateTable("t", ("a", "int"));
        var path = WriteFile("a.txt", "1\n");
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", path, Option(option, value)));
        Assert.Equal(ErrorNumbers.BulkLoadInvalidOption, e.Number);
        Assert.Contains(option, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LastRowBeforeFirstRowAndZeroFirstRowAreRefused()
    {
        CreateTable("t", ("a", "int"));
        var path = WriteFile("a.txt", "1\n");
        Assert.Throws<EngineException>(() => BulkInsert("t", path, Option("FIRSTROW", 3), Option("LASTROW", 2)));
        Assert.Throws<EngineException>(() => BulkInsert("t", path, Option("FIRSTROW", 0)));
    }

    [Fact]
    public void FileOutsideTheAllowedDirectoriesIsRefused()
    {
        CreateTable("t", ("a", "int"));
        var e = Assert.Throws<EngineException>(() => BulkInsert("t", "/etc/passwd"));
        Assert.Equal(4861, e.Number);
        Assert.Contains("Operating system error code 5(Access is denied.)", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<EngineException>(() => BulkInsert("t", Path.Combine(Directory, "missing.csv")));
        Assert.Contains("Operating system error code 2(", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileInsertsNothing()
    {
        CreateTable("t", ("a", "int"));
        Assert.Equal(0, BulkInsert("t", WriteFile("empty.csv", string.Empty)));
    }
}
