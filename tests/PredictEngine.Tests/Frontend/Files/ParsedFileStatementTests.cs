using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Files;
using PredictEngine.SqlFrontend.Parsing;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Files;

/// <summary>T-SQL text through the parser into the files translators: the syntax tree the parser builds is what they expect.</summary>
public sealed class ParsedFileStatementTests : FileLoadHarness
{
    [Fact]
    public void ParsedBulkInsertLoadsTheFile()
    {
        CreateTable("sales", ("id", "int IDENTITY(1,1)"), ("region", "nvarchar(20)"), ("amount", "decimal(8, 2)"));
        var path = WriteFile("sales.csv", "region,amount\r\nnorth,10.5\r\n\"south, east\",20\r\n");
        var batch = Parser.ParseBatch($"""
            SET NOCOUNT ON;
            BULK INSERT dbo.sales FROM N'{path}'
            WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDTERMINATOR = ',', ROWTERMINATOR = '\n', TABLOCK, KEEPNULLS);
            """);
        var bulk = Assert.IsType<BulkInsertStatement>(batch.Statements[^1]);
        Assert.Equal(2, bulk.Line);
        var translated = BulkInsertTranslator.Translate(bulk, FindTable("sales", "\"sales_id_seq\""), Policy, Evaluate);
        Assert.Equal(2, RunInTransaction(translated.Commands[0].Sql));
        Assert.Equal("1|north|10.50;2|south, east|20.00", Rows("sales", "id, region, amount", "id"));
    }

    [Fact]
    public void ParsedBulkInsertWithUnknownOptionReportsItsLine()
    {
        CreateTable("t", ("a", "int"));
        var path = WriteFile("a.csv", "1\n");
        var batch = Parser.ParseBatch($"BULK INSERT t FROM '{path}'\nWITH (FIRSTROW = 1,\n      BOGUS = 3)");
        var bulk = Assert.IsType<BulkInsertStatement>(Assert.Single(batch.Statements));
        var e = Assert.Throws<EngineException>(() => BulkInsertTranslator.Translate(bulk, FindTable("t"), Policy, Evaluate));
        Assert.Equal(102, e.Number);
        Assert.Equal(3, e.Line);
        Assert.Contains("BOGUS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsedOpenRowsetCsvWithHeaderRowAndWithClause()
    {
        var path = WriteFile("m.csv", "x,label\n1.5,a\n2.5,b\n");
        var batch = Parser.ParseBatch($"""
            SELECT r.x, r.label
            FROM OPENROWSET(BULK N'{path}', FORMAT = 'CSV', PARSER_VERSION = '2.0', HEADER_ROW = TRUE)
                 WITH (x float, label varchar(5)) AS r
            """);
        var select = Assert.IsType<SelectStatement>(Assert.Single(batch.Statements));
        var query = Assert.IsType<QuerySpecification>(select.Query);
        var source = Assert.IsType<OpenRowsetSource>(Assert.Single(query.From));
        var translation = OpenRowsetTranslator.Translate(source, Policy, Evaluate);
        Assert.Equal(["x", "label"], translation.Columns.Select(c => c.Name));
        Assert.Equal("1.5|a;2.5|b", Rows($"({translation.Sql}) AS r", "x, label", "x"));
    }

    [Fact]
    public void ParsedOpenRowsetSingleClob()
    {
        var path = WriteFile("note.txt", "hello");
        var batch = Parser.ParseBatch($"SELECT BulkColumn FROM OPENROWSET(BULK '{path}', SINGLE_CLOB) AS doc");
        var select = Assert.IsType<SelectStatement>(Assert.Single(batch.Statements));
        var source = Assert.IsType<OpenRowsetSource>(Assert.Single(Assert.IsType<QuerySpecification>(select.Query).From));
        var translation = OpenRowsetTranslator.Translate(source, Policy, Evaluate);
        Assert.Equal("hello", Scalar($"SELECT BulkColumn FROM ({translation.Sql})"));
    }
}
