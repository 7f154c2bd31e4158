using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>DDL and the catalog conventions: schemas, comments carrying T-SQL types, temp tables, views, indexes, DROP / ALTER / TRUNCATE.</summary>
public sealed class DdlBindingTests : IDisposable
{
    private readonly BindingHarness _h = new();

    public void Dispose() => _h.Dispose();

    private TableInfo Find(string name) => _h.Catalog.FindTable(new ObjectName { Parts = name.Split('.') })!;

    [Fact]
    public void DeclaredTypesSurviveInColumnComments()
    {
        _h.Run("CREATE SCHEMA sales; CREATE TABLE sales.items (sku varchar(10) NOT NULL, price decimal(19,4) NULL, qty smallint, id bigint IDENTITY(100, 5), at datetime)");
        var table = Find("sales.items");
        Assert.Equal("sales", table.Schema);
        Assert.Equal("\"sales\".\"items\"", table.StorageName);
        Assert.Equal([SqlType.VarChar(10), SqlType.Decimal(19, 4), SqlType.SmallInt, SqlType.BigInt, SqlType.DateTime], table.Columns.Select(c => c.Type));
        Assert.Equal([false, true, true, false, true], table.Columns.Select(c => c.Nullable));
        Assert.True(table.Columns[3].IsIdentity);
        Assert.Equal("\"sales\".\"items__identity\"", table.IdentitySequence);
        _h.Run("INSERT INTO sales.items (sku) VALUES ('a'), ('b')");
        Assert.Equal([[100L], [105L]], _h.Rows("SELECT id FROM sales.items ORDER BY id"));
        var duplicate = _h.Fails("CREATE TABLE sales.items (x int)");
        Assert.Equal(2714, duplicate.Number);
        Assert.Equal("There is already an object named 'items' in the database.", duplicate.Message);
        Assert.Equal(2760, _h.Fails("CREATE TABLE nowhere.t (x int)").Number);
    }

    [Fact]
    public void ATableMadeOutsideTheFrontEndIsTypedFromDuckDb()
    {
        _h.Connection.Execute("CREATE TABLE raw (a INTEGER, b VARCHAR, c DOUBLE)");
        Assert.Equal([SqlType.Int, SqlType.NVarChar(SqlType.MaxLength), SqlType.Float], Find("raw").Columns.Select(c => c.Type));
        Assert.Equal("dbo", Find("dbo.raw").Schema);
    }

    [Fact]
    public void SelectIntoCreatesATypedTable()
    {
        _h.Run("CREATE TABLE src (id int, name nvarchar(20)); INSERT INTO src VALUES (1, N'a'), (2, N'b')");
        var (statement, _, count) = _h.Run("SELECT id, name, id * 1.5 AS x INTO copy FROM src WHERE id > 1");
        Assert.True(statement.ChangesCatalog);
        Assert.Equal(1, count);
        var copy = Find("copy");
        Assert.Equal([SqlType.Int, SqlType.NVarChar(20), SqlType.Decimal(13, 1)], copy.Columns.Select(c => c.Type));
        Assert.Equal([[2, "b", 3.0m]], _h.Rows("SELECT * FROM copy"));
        Assert.Equal(8155, _h.Fails("SELECT id + 1 INTO copy2 FROM src").Number);
    }

    [Fact]
    public void TempTablesLiveInDuckDbsTempCatalog()
    {
        _h.Run("CREATE TABLE #scratch (k int IDENTITY, v nvarchar(10)); INSERT INTO #scratch (v) VALUES (N'one')");
        Assert.Equal("\"temp\".\"main\".\"#scratch\"", Find("#scratch").StorageName);
        Assert.Equal([[1, "one"]], _h.Rows("SELECT k, v FROM #scratch"));
        _h.Run("DROP TABLE #scratch");
        Assert.Equal(208, _h.Fails("SELECT * FROM #scratch").Number);
    }

    [Fact]
    public void ViewsKeepResultTypesAndDropChecksExistence()
    {
        _h.Run("CREATE SCHEMA sales; CREATE TABLE sales.items (sku varchar(10), qty smallint); INSERT INTO sales.items VALUES ('a1', 3), ('b2', 4)");
        _h.Run("CREATE VIEW sales.big_items AS SELECT sku, qty FROM sales.items WHERE qty > 3");
        var view = Find("sales.big_items");
        Assert.True(view.IsView);
        Assert.Equal([SqlType.VarChar(10), SqlType.SmallInt], view.Columns.Select(c => c.Type));
        Assert.Equal([["b2", (short)4]], _h.Rows("SELECT * FROM sales.big_items"));
        _h.Run("DROP VIEW sales.big_items");
        Assert.Equal("Invalid object name 'sales.big_items'.", _h.Fails("SELECT * FROM sales.big_items").Message);
        Assert.NotEmpty(_h.Run("DROP TABLE IF EXISTS sales.nothing_here").Statement.Commands);
        var missing = _h.Fails("DROP TABLE sales.nothing_here");
        Assert.Equal(3701, missing.Number);
        Assert.Equal("Cannot drop the table 'sales.nothing_here', because it does not exist or you do not have permission.", missing.Message);
    }

    [Fact]
    public void IndexesAlterAndTruncate()
    {
        _h.Run("CREATE TABLE items (sku varchar(10) NOT NULL, qty smallint); INSERT INTO items VALUES ('a1', 3), ('b2', 4)");
        _h.Run("CREATE UNIQUE INDEX ix_sku ON items (sku DESC)");
        Assert.Equal(2601, _h.Fails("INSERT INTO items VALUES ('a1', 5)").Number);
        _h.Run("DROP INDEX ix_sku ON items");
        _h.Run("ALTER TABLE items ADD color nvarchar(10) NULL, weight real NULL");
        _h.Run("ALTER TABLE items DROP COLUMN weight");
        Assert.Equal(["sku", "qty", "color"], Find("items").Columns.Select(c => c.Name));
        Assert.Equal(SqlType.NVarChar(10), Find("items").Columns[2].Type);
        Assert.Equal(4924, _h.Fails("ALTER TABLE items DROP COLUMN weight").Number);
        _h.Run("TRUNCATE TABLE items");
        Assert.Equal(0, _h.Scalar("SELECT COUNT(*) FROM items"));
    }

    [Fact]
    public void AlteringAnIndexedTableRebuildsItsIndexes()
    {
        _h.Run("CREATE TABLE items (sku varchar(10) NOT NULL, qty smallint); CREATE UNIQUE INDEX ix_sku ON items (sku); INSERT INTO items VALUES ('a1', 3)");
        _h.Run("ALTER TABLE items ADD weight real NULL");
        _h.Run("ALTER TABLE items DROP COLUMN weight");
        Assert.Equal(2601, _h.Fails("INSERT INTO items VALUES ('a1', 5)").Number);
        Assert.Equal(5074, _h.Fails("ALTER TABLE items DROP COLUMN sku").Number);
    }

    [Fact]
    public void ChecksAndDropSchema()
    {
        _h.Run("CREATE SCHEMA s; CREATE TABLE s.t (a int CHECK (a > 0), b varchar(5), CONSTRAINT ck CHECK (b <> 'bad'))");
        Assert.Equal(547, _h.Fails("INSERT INTO s.t VALUES (0, 'ok')").Number);
        Assert.Equal(547, _h.Fails("INSERT INTO s.t VALUES (1, 'BAD')").Number);
        _h.Run("DROP TABLE s.t; DROP SCHEMA s");
        Assert.False(_h.Catalog.SchemaExists("s"));
        Assert.Equal(2714, _h.Fails("CREATE SCHEMA dbo").Number);
    }

    [Fact]
    public void UnsupportedStatementsNameTheConstruct()
    {
        var error = _h.Fails("CREATE PROCEDURE dbo.p AS SELECT 1");
        Assert.Equal(50120, error.Number);
        Assert.Contains("CREATE PROCEDURE", error.Message, StringComparison.Ordinal);
    }
}
