using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Files;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend.Files;

public sealed class OpenRowsetTests : FileLoadHarness
{
    private FileSourceTranslation Translate(string path, IReadOnlyList<BulkOption> options, IReadOnlyList<ColumnSpec>? with = null, IReadOnlyList<string>? aliases = null) =>
        OpenRowsetTranslator.Translate(
            new OpenRowsetSource { Path = Text(path), Options = options, WithColumns = with ?? [], ColumnAliases = aliases ?? [], Alias = "r", Line = 2 },
            Policy,
            Evaluate);

    private static ColumnSpec Column(string name, string type, params string[] args) =>
        new() { Name = name, DataType = new DataTypeReference { Name = type, Arguments = args } };

    private string? Query(FileSourceTranslation translation, string columns, string orderBy)
    {
        try
        {
            return Rows($"({translation.Sql}) AS r", columns, orderBy);
        }
        catch (EngineException e)
        {
            throw Decode(e);
        }
    }

    [Fact]
    public void SingleBlobClobAndNclobReturnOneBulkColumn()
    {
        var path = WriteFile("doc.txt", "héllo\nworld");
        var blob = Translate(path, [Flag("SINGLE_BLOB")]);
        Assert.Equal("BulkColumn", Assert.Single(blob.Columns).Name);
        Assert.Equal(SqlType.VarBinary(SqlType.MaxLength), blob.Columns[0].Type);
        Assert.Equal("12", Scalar($"SELECT CAST(octet_length(BulkColumn) AS VARCHAR) FROM ({blob.Sql})"));
        var clob = Translate(path, [Flag("SINGLE_CLOB")]);
        Assert.Equal(SqlType.VarChar(SqlType.MaxLength), clob.Columns[0].Type);
        Assert.Equal("héllo\nworld", Scalar($"SELECT BulkColumn FROM ({clob.Sql})"));
        var nclob = Translate(path, [Flag("SINGLE_NCLOB")]);
        Assert.Equal(SqlType.NVarChar(SqlType.MaxLength), nclob.Columns[0].Type);
        Assert.Equal("1", Scalar($"SELECT CAST(count(*) AS VARCHAR) FROM ({nclob.Sql})"));
    }

    [Fact]
    public void CsvWithoutWithUsesHeaderNamesAsVarchar8000()
    {
        var path = WriteFile("h.csv", "id,name\n1,Ann\n2,\"B, b\"\n");
        var t = Translate(path, [Option("FORMAT", "CSV"), Word("HEADER_ROW", "TRUE"), Option("PARSER_VERSION", "2.0")]);
        Assert.Equal(["id", "name"], t.Columns.Select(c => c.Name));
        Assert.All(t.Columns, c => Assert.Equal(SqlType.VarChar(8000), c.Type));
        Assert.Equal("1|Ann;2|B, b", Query(t, "id, name", "id"));
    }

    [Fact]
    public void CsvWithoutHeaderNamesColumnsC1ToCn()
    {
        var path = WriteFile("n.csv", "skip me\n1;x\n2;\n");
        var t = Translate(path, [Option("FORMAT", "CSV"), Option("FIRSTROW", 2), Option("FIELDTERMINATOR", ";")]);
        Assert.Equal(["C1", "C2"], t.Columns.Select(c => c.Name));
        Assert.Equal("1|x;2|NULL", Query(t, "C1, C2", "C1"));
    }

    [Fact]
    public void CsvWithClauseConvertsByPosition()
    {
        var path = WriteFile("w.csv", "a|b|c\n1|2.5|'x|y'\n2||'z'\n");
        var t = Translate(
            path,
            [Option("FORMAT", "CSV"), Option("FIRSTROW", 2), Option("FIELDTERMINATOR", "|"), Option("FIELDQUOTE", "'"), Option("CODEPAGE", "65001")],
            [Column("n", "int"), Column("v", "decimal", "4", "1"), Column("s", "nvarchar", "10")]);
        Assert.Equal([SqlType.Int, SqlType.Decimal(4, 1), SqlType.NVarChar(10)], t.Columns.Select(c => c.Type));
        Assert.Equal("1|2.5|x|y;2|NULL|z", Query(t, "n, v, s", "n"));
    }

    [Fact]
    public void CsvEscapeCharAndLastRow()
    {
        var path = WriteFile("e.csv", "1,\"a\\\"b\"\n2,c\n3,d\n");
        var t = Translate(path, [Option("FORMAT", "CSV"), Option("ESCAPECHAR", "\\"), Option("LASTROW", 2)], [Column("n", "int"), Column("s", "varchar", "10")]);
        Assert.Equal("1|a\"b;2|c", Query(t, "n, s", "n"));
    }

    [Fact]
    public void CsvConversionErrorNamesRowAndColumn()
    {
        var path = WriteFile("bad.csv", "1,2\n3,x\n");
        var t = Translate(path, [Option("FORMAT", "CSV")], [Column("a", "int"), Column("b", "int")]);
        var e = Assert.Throws<EngineException>(() => Query(t, "a, b", "a"));
        Assert.Equal(4864, e.Number);
        Assert.Equal("Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row 2, column 2 (b).", e.Message);
    }

    [Fact]
    public void ParquetWithoutWithIsTypedFromTheFile()
    {
        var path = Path.Combine(Directory, "p.parquet");
        Connection.Execute($"COPY (SELECT i AS id, 'n' || i AS name, i * 0.5 AS score FROM range(3) t(i)) TO '{path}' (FORMAT parquet)");
        var t = Translate(path, [Option("FORMAT", "PARQUET")]);
        Assert.Equal(["id", "name", "score"], t.Columns.Select(c => c.Name));
        Assert.Equal(SqlType.BigInt, t.Columns[0].Type);
        Assert.Equal(SqlType.NVarChar(SqlType.MaxLength), t.Columns[1].Type);
        Assert.Equal("0|n0|0.0;1|n1|0.5;2|n2|1.0", Query(t, "id, name, score", "id"));
    }

    [Fact]
    public void ParquetWithClauseBindsByNameAndConverts()
    {
        var path = Path.Combine(Directory, "q.parquet");
        Connection.Execute($"COPY (SELECT i AS id, CAST(i AS VARCHAR) AS txt FROM range(2) t(i)) TO '{path}' (FORMAT parquet)");
        var t = Translate(path, [Option("FORMAT", "PARQUET")], [Column("TXT", "int"), Column("id", "nvarchar", "5")]);
        Assert.Equal("0|0;1|1", Query(t, "TXT, id", "TXT"));
        var missing = Assert.Throws<EngineException>(() => Translate(path, [Option("FORMAT", "PARQUET")], [Column("nope", "int")]));
        Assert.Equal(207, missing.Number);
    }

    [Fact]
    public void ParquetValueThatDoesNotConvertNamesTheRow()
    {
        var path = Path.Combine(Directory, "bad.parquet");
        Connection.Execute($"COPY (SELECT * FROM (VALUES ('1'), ('2'), ('x')) v(s)) TO '{path}' (FORMAT parquet)");
        var t = Translate(path, [Option("FORMAT", "PARQUET")], [Column("s", "int")]);
        var e = Assert.Throws<EngineException>(() => Query(t, "s", "s"));
        Assert.Equal("Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row 3, column 1 (s).", e.Message);
    }

    [Fact]
    public void ColumnAliasesRenameInOrder()
    {
        var path = WriteFile("a.csv", "1,2\n");
        var t = Translate(path, [Option("FORMAT", "CSV")], aliases: ["x", "y"]);
        Assert.Equal(["x", "y"], t.Columns.Select(c => c.Name));
        Assert.Equal("1|2", Query(t, "x, y", "x"));
        var e = Assert.Throws<EngineException>(() => Translate(path, [Option("FORMAT", "CSV")], aliases: ["x"]));
        Assert.Equal(8158, e.Number);
    }

    [Fact]
    public void OptionErrors()
    {
        var csv = WriteFile("a.csv", "1\n");
        Assert.Equal(102, Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "CSV"), Option("NOPE", 1)])).Number);
        Assert.Contains("NOPE", Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "CSV"), Option("NOPE", 1)])).Message, StringComparison.Ordinal);
        Assert.Contains("'XML'", Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "XML")])).Message, StringComparison.Ordinal);
        Assert.Contains("SINGLE_BLOB", Assert.Throws<EngineException>(() => Translate(csv, [])).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be combined", Assert.Throws<EngineException>(() => Translate(csv, [Flag("SINGLE_BLOB"), Option("FORMAT", "CSV")])).Message, StringComparison.Ordinal);
        Assert.Contains("FIRSTROW", Assert.Throws<EngineException>(() => Translate(csv, [Flag("SINGLE_CLOB"), Option("FIRSTROW", 2)])).Message, StringComparison.Ordinal);
        Assert.Contains("FIELDTERMINATOR", Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "PARQUET"), Option("FIELDTERMINATOR", ",")])).Message, StringComparison.Ordinal);
        Assert.Contains("PARSER_VERSION", Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "CSV"), Option("PARSER_VERSION", "3.0")])).Message, StringComparison.Ordinal);
        Assert.Contains("HEADER_ROW", Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "CSV"), Word("HEADER_ROW", "MAYBE")])).Message, StringComparison.Ordinal);
        Assert.Contains("DATA_SOURCE", Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "CSV"), Option("DATA_SOURCE", "x")])).Message, StringComparison.Ordinal);
        Assert.Contains("Parquet", Assert.Throws<EngineException>(() => Translate(csv, [Option("FORMAT", "PARQUET")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathOutsideTheAllowedDirectoriesIsRefused()
    {
        var e = Assert.Throws<EngineException>(() => Translate(Directory + "/../../etc/passwd", [Flag("SINGLE_CLOB")]));
        Assert.Equal(4861, e.Number);
        Assert.Equal(2, e.Line);
        Assert.Contains("error code 5(Access is denied.)", e.Message, StringComparison.Ordinal);
    }
}
