using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>INSERT / UPDATE / DELETE: column lists, identity, defaults, conversions to column types and their errors, FROM joins, TOP.</summary>
public sealed class DmlBindingTests : IDisposable
{
    private readonly BindingHarness _h = new();

    public DmlBindingTests()
    {
        _h.Run("CREATE TABLE orders (id int IDENTITY(1,1) PRIMARY KEY, customer nvarchar(30) NOT NULL, amount decimal(9,2) NOT NULL DEFAULT 0, note varchar(5) NULL)");
        _h.Run("INSERT INTO orders (customer, amount) VALUES (N'ann', 10.50), (N'bob', 20.00), (N'cid', 5.25)");
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public void IdentityAndDefaultsFillOmittedColumns()
    {
        var (statement, _, count) = _h.Run("INSERT INTO orders (customer) VALUES (N'dee')");
        Assert.Equal(1, count);
        Assert.Equal(StatementOutcome.Insert, statement.Outcome);
        Assert.Equal("\"main\".\"orders__identity\"", statement.IdentitySequence);
        Assert.Equal([[4, "dee", 0.00m]], _h.Rows("SELECT id, customer, amount FROM orders WHERE id = 4"));
        Assert.Equal(4L, Storage.ColumnValues.Scalar(_h.Connection, $"SELECT currval('{statement.IdentitySequence!.Replace("'", "''", StringComparison.Ordinal)}')"));
    }

    [Fact]
    public void ExplicitIdentityValueIsMsg544()
    {
        var error = _h.Fails("INSERT INTO orders (id, customer) VALUES (99, N'x')");
        Assert.Equal(544, error.Number);
        Assert.Equal("Cannot insert explicit value for identity column in table 'orders' when IDENTITY_INSERT is set to OFF.", error.Message);
    }

    [Fact]
    public void NullIntoNotNullIsMsg515()
    {
        var error = _h.Fails("INSERT INTO orders (customer, amount) VALUES (NULL, 1)");
        Assert.Equal(515, error.Number);
        Assert.StartsWith("Cannot insert the value NULL into column 'customer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ColumnCountMismatchesUseTheirMessages()
    {
        Assert.Equal(213, _h.Fails("INSERT INTO orders VALUES (N'zed')").Number);
        Assert.Equal(109, _h.Fails("INSERT INTO orders (customer, amount) VALUES (N'zed')").Number);
        Assert.Equal(110, _h.Fails("INSERT INTO orders (customer) VALUES (N'zed', 1)").Number);
        Assert.Equal(207, _h.Fails("INSERT INTO orders (nope) VALUES (1)").Number);
    }

    [Fact]
    public void ValuesAreConvertedToColumnTypesWithSqlServersErrors()
    {
        _h.Run("INSERT INTO orders (customer, amount, note) VALUES (N'eve', '7.5', 'abc  ')");
        Assert.Equal([[7.50m, "abc"]], _h.Rows("SELECT amount, RTRIM_TEST = note FROM orders WHERE customer = 'EVE'").Select(r => new object?[] { r[0], ((string)r[1]!).TrimEnd() }).ToList());
        var truncated = _h.Fails("INSERT INTO orders (customer, note) VALUES (N'x', 'toolong')");
        Assert.Equal(8152, truncated.Number);
        var conversion = _h.Fails("CREATE TABLE n (i int); INSERT INTO n (i) VALUES ('abc')");
        Assert.Equal(245, conversion.Number);
        var overflow = _h.Fails("INSERT INTO n (i) VALUES (3000000000)");
        Assert.True(overflow.Number == 8115, overflow.Message);
    }

    [Fact]
    public void InsertSelectAndDefaultValues()
    {
        _h.Run("CREATE TABLE totals (customer nvarchar(30), total decimal(9,2) DEFAULT 1)");
        var (_, _, count) = _h.Run("INSERT INTO totals (customer, total) SELECT customer, amount * 2 FROM orders WHERE amount > 10");
        Assert.Equal(2, count);
        _h.Run("INSERT INTO totals DEFAULT VALUES");
        Assert.Equal([["ann", 21.00m], ["bob", 40.00m], [null, 1.00m]], _h.Rows("SELECT customer, total FROM totals ORDER BY customer DESC").OrderBy(r => r[0] is null).ThenBy(r => (string?)r[0], StringComparer.Ordinal).ToList());
        Assert.Equal(120, _h.Fails("INSERT INTO totals (customer, total) SELECT customer FROM orders").Number);
    }

    [Fact]
    public void UpdateThroughAnAliasWithAJoin()
    {
        _h.Run("CREATE TABLE bonus (customer nvarchar(30), extra decimal(9,2)); INSERT INTO bonus VALUES (N'ANN', 1.00), (N'bob', 2.00)");
        var (statement, _, count) = _h.Run("UPDATE o SET o.amount = o.amount + b.extra FROM orders AS o INNER JOIN bonus b ON b.customer = o.customer");
        Assert.Equal(StatementOutcome.Update, statement.Outcome);
        Assert.Equal(2, count);
        Assert.Equal([[11.50m], [22.00m], [5.25m]], _h.Rows("SELECT amount FROM orders ORDER BY id"));
        _h.Run("UPDATE orders SET amount += 1 WHERE customer = N'cid'");
        Assert.Equal(6.25m, _h.Scalar("SELECT amount FROM orders WHERE id = 3"));
        Assert.Equal(8102, _h.Fails("UPDATE orders SET id = 5").Number);
        Assert.Equal(515, _h.Fails("UPDATE orders SET customer = NULL").Number);
    }

    [Fact]
    public void DeleteWithJoinAndTop()
    {
        _h.Run("CREATE TABLE gone (customer nvarchar(30)); INSERT INTO gone VALUES (N'bob')");
        var (_, _, count) = _h.Run("DELETE o FROM orders o JOIN gone g ON g.customer = o.customer");
        Assert.Equal(1, count);
        Assert.Equal(1, _h.Run("DELETE TOP (1) FROM orders").Count);
        Assert.Equal(1, _h.Scalar("SELECT COUNT(*) FROM orders"));
    }

    [Fact]
    public void DuplicateKeyIsMsg2627()
    {
        _h.Run("CREATE TABLE k (id int PRIMARY KEY, code varchar(5) UNIQUE); INSERT INTO k VALUES (1, 'a')");
        var primary = _h.Fails("INSERT INTO k VALUES (1, 'b')");
        Assert.Equal(2627, primary.Number);
        Assert.StartsWith("Violation of PRIMARY KEY constraint", primary.Message, StringComparison.Ordinal);
        Assert.Contains("(1)", primary.Message, StringComparison.Ordinal);
        Assert.Equal(2601, _h.Fails("INSERT INTO k VALUES (2, 'a')").Number);
    }

    [Fact]
    public void TableVariablesAreTempTables()
    {
        var declaration = (SqlFrontend.Ast.DeclareStatement)SqlFrontend.Parsing.Parser.ParseBatch("DECLARE @t TABLE (id int IDENTITY(1,1), name varchar(10) NOT NULL)").Statements[0];
        var (commands, table) = new SqlFrontend.Binding.Translator(_h).TranslateTableVariable(declaration.Variables[0]);
        _h.Execute(commands, select: false);
        Assert.StartsWith("\"temp\".\"main\".\"@t#", table.StorageName, StringComparison.Ordinal);
        _h.DeclareTable("@t", table);
        _h.Run("INSERT INTO @t (name) VALUES ('a'), ('b')");
        Assert.Equal([[1, "a"], [2, "b"]], _h.Rows("SELECT id, name FROM @t ORDER BY id"));
        Assert.Equal(1087, _h.Fails("SELECT * FROM @missing").Number);
        Assert.Equal(SqlType.VarChar(10), table.Columns[1].Type);
    }
}
