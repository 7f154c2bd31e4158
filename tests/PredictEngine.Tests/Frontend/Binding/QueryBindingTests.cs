using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Types;
using Xunit;
using static PredictEngine.Tests.Frontend.Binding.Ast;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>Queries: name resolution and its errors, * order, result names, joins, grouping, ordering, TOP, CTEs, set operations, APPLY, windows.</summary>
public sealed class QueryBindingTests : IDisposable
{
    private readonly BindingHarness _h = new();

    public QueryBindingTests()
    {
        _h.Run(Create("emp", Column("id", Type("int"), false), Column("name", Type("nvarchar", "20")), Column("dept", Type("int")), Column("salary", Type("decimal", "9", "2"))));
        _h.Run(Insert("emp", [],
            Row(Int(1), NStr("ann"), Int(10), Dec("100.00")),
            Row(Int(2), NStr("Bob"), Int(10), Dec("200.00")),
            Row(Int(3), NStr("cid"), Int(20), Dec("300.00")),
            Row(Int(4), NStr("dee"), Null, Dec("50.00"))));
        _h.Run(Create("dept", Column("id", Type("int")), Column("name", Type("varchar", "10"))));
        _h.Run(Insert("dept", [], Row(Int(10), Str("sales")), Row(Int(20), Str("ops"))));
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public void StarExpandsInTableOrderWithDeclaredTypes()
    {
        var (translated, rows, _) = _h.Run(Select([Star()], Table("emp"), order: [Asc(Col("id"))]));
        Assert.Equal(["id", "name", "dept", "salary"], translated.Columns!.Select(c => c.Name));
        Assert.Equal([SqlType.Int, SqlType.NVarChar(20), SqlType.Int, SqlType.Decimal(9, 2)], translated.Columns!.Select(c => c.Type));
        Assert.Equal(4, rows.Count);
        Assert.Equal([1, "ann", 10, 100.00m], rows[0]);
    }

    [Fact]
    public void NamesAreCaseInsensitiveAndUnaliasedExpressionsHaveNoName()
    {
        var (translated, rows, _) = _h.Run(Select([Item(Col("E", "NAME")), Item(Bin(BinaryOperator.Add, Col("ID"), Int(1))), Item(Col("id"), "x")], Table("EMP", "e"), Eq(Col("e", "Id"), Int(1))));
        Assert.Equal(["NAME", string.Empty, "x"], translated.Columns!.Select(c => c.Name));
        Assert.Equal(["ann", 2, 1], Assert.Single(rows));
    }

    [Fact]
    public void ResolutionErrorsUseSqlServerNumbers()
    {
        Assert.Equal(207, _h.Fails(Select([Item(Col("nope"))], Table("emp"))).Number);
        var invalid = _h.Fails(Select([Item(Col("id"))], Table("missing")));
        Assert.Equal(208, invalid.Number);
        Assert.Equal("Invalid object name 'missing'.", invalid.Message);
        var join = new JoinTableSource { Kind = JoinKind.Inner, Left = Table("emp", "e"), Right = Table("dept", "d"), Condition = Eq(Col("e", "dept"), Col("d", "id")) };
        var ambiguous = _h.Fails(Select([Item(Col("name"))], join));
        Assert.Equal(209, ambiguous.Number);
        Assert.Equal("Ambiguous column name 'name'.", ambiguous.Message);
        var unbound = _h.Fails(Select([Item(Col("x", "name"))], Table("emp", "e")));
        Assert.Equal(4104, unbound.Number);
        Assert.Equal("The multi-part identifier \"x.name\" could not be bound.", unbound.Message);
        Assert.Equal(208, _h.Fails(Select([Item(Col("id"))], new NamedTableSource { Name = Name("otherdb", "dbo", "emp") })).Number);
    }

    [Fact]
    public void JoinsAndStringComparisonsIgnoreCase()
    {
        var join = new JoinTableSource { Kind = JoinKind.LeftOuter, Left = Table("emp", "e"), Right = Table("dept", "d"), Condition = Eq(Col("e", "dept"), Col("d", "id")) };
        var rows = _h.Rows(Select([Item(Col("e", "name")), Item(Col("d", "name"))], join, Eq(Col("e", "name"), Str("BOB"))));
        Assert.Equal(["Bob", "sales"], Assert.Single(rows));
        var all = _h.Rows(Select([Item(Col("e", "name")), Item(Col("d", "name"))], join, order: [Asc(Col("e", "id"))]));
        Assert.Equal(["dee", null], all[3]);
    }

    [Fact]
    public void GroupByWithAggregatesTypedAsSqlServer()
    {
        var query = new QuerySpecification
        {
            SelectItems = [Item(Col("dept")), Item(Fn("COUNT", new StarExpression()), "n"), Item(Fn("AVG", Col("id")), "avg_id"), Item(Fn("SUM", Col("salary")), "total")],
            From = [Table("emp")],
            GroupBy = [Col("dept")],
            Having = Bin(BinaryOperator.Greater, Fn("COUNT", new StarExpression()), Int(0)),
            OrderBy = [Asc(Col("dept"))],
        };
        var (translated, rows, _) = _h.Run(Select(query));
        Assert.Equal([SqlType.Int, SqlType.Int, SqlType.Int, SqlType.Decimal(38, 2)], translated.Columns!.Select(c => c.Type));
        Assert.Equal([null, 1, 4, 50.00m], rows[0]);
        Assert.Equal([10, 2, 1, 300.00m], rows[1]);
    }

    [Fact]
    public void OrderByOrdinalAliasAndNullsFirst()
    {
        var byAlias = _h.Rows(Select([Item(Col("name"), "who"), Item(Col("dept"))], Table("emp"), order: [Asc(Col("dept")), Desc(Col("who"))]));
        Assert.Equal(["dee", "Bob", "ann", "cid"], byAlias.Select(r => r[0]));
        var byOrdinal = _h.Rows(Select([Item(Col("name"))], Table("emp"), order: [Asc(Int(1))]));
        Assert.Equal(["ann", "Bob", "cid", "dee"], byOrdinal.Select(r => r[0]));
    }

    [Fact]
    public void TopPercentWithTiesAndOffsetFetch()
    {
        var top = new QuerySpecification { SelectItems = [Item(Col("id"))], From = [Table("emp")], Top = new TopClause { Count = Int(2) }, OrderBy = [Desc(Col("id"))] };
        Assert.Equal([4, 3], _h.Rows(Select(top)).Select(r => r[0]));
        var ties = new QuerySpecification { SelectItems = [Item(Col("id"))], From = [Table("emp")], Top = new TopClause { Count = Int(1), WithTies = true }, OrderBy = [Asc(Col("dept"))] };
        Assert.Single(_h.Rows(Select(ties)));
        var tied = new QuerySpecification { SelectItems = [Item(Col("id"))], From = [Table("emp")], Where = new IsNullExpression { Operand = Col("dept"), Negated = true }, Top = new TopClause { Count = Int(1), WithTies = true }, OrderBy = [Asc(Col("dept"))] };
        Assert.Equal(2, _h.Rows(Select(tied)).Count);
        var percent = new QuerySpecification { SelectItems = [Item(Col("id"))], From = [Table("emp")], Top = new TopClause { Count = Int(30), Percent = true }, OrderBy = [Asc(Col("id"))] };
        Assert.Equal([1, 2], _h.Rows(Select(percent)).Select(r => r[0]));
        var page = new QuerySpecification { SelectItems = [Item(Col("id"))], From = [Table("emp")], OrderBy = [Asc(Col("id"))], Offset = Int(1), Fetch = Int(2) };
        Assert.Equal([2, 3], _h.Rows(Select(page)).Select(r => r[0]));
    }

    [Fact]
    public void CtesIncludingRecursive()
    {
        var anchor = Spec([Item(Int(1), "n")]);
        var step = Spec([Item(Bin(BinaryOperator.Add, Col("n"), Int(1)))], Table("nums"), Bin(BinaryOperator.Less, Col("n"), Int(5)));
        var cte = new CommonTableExpression { Name = "nums", Query = new BinaryQueryExpression { Operator = SetOperator.UnionAll, Left = anchor, Right = step } };
        var rows = _h.Rows(Select(Spec([Item(Fn("SUM", Col("n")))], Table("nums")), cte));
        Assert.Equal(15, Assert.Single(Assert.Single(rows)));

        var rich = new CommonTableExpression { Name = "rich", Columns = ["who"], Query = Spec([Item(Col("name"))], Table("emp"), Bin(BinaryOperator.Greater, Col("salary"), Int(150))) };
        var names = _h.Rows(Select(Spec([Item(Col("r", "who"))], Table("rich", "r"), order: [Asc(Col("who"))]), rich));
        Assert.Equal(["Bob", "cid"], names.Select(r => r[0]));
    }

    [Fact]
    public void SetOperationsCheckWidthAndOrderByName()
    {
        var union = new BinaryQueryExpression
        {
            Operator = SetOperator.Union,
            Left = Spec([Item(Col("name"))], Table("emp")),
            Right = Spec([Item(Col("name"))], Table("dept")),
            OrderBy = [Desc(Col("name"))],
        };
        var rows = _h.Rows(Select(union));
        Assert.Equal(6, rows.Count);
        Assert.Equal("sales", rows[0][0]);
        var bad = new BinaryQueryExpression { Operator = SetOperator.Union, Left = Spec([Item(Int(1))]), Right = Spec([Item(Int(1)), Item(Int(2))]) };
        Assert.Equal(205, _h.Fails(Select(bad)).Number);
    }

    [Fact]
    public void CorrelatedSubqueriesExistsAndApply()
    {
        var correlated = Spec([Item(Fn("COUNT", new StarExpression()))], Table("emp", "e2"), Eq(Col("e2", "dept"), Col("d", "id")));
        var rows = _h.Rows(Select([Item(Col("d", "name")), Item(new SubqueryExpression { Query = correlated }, "n")], Table("dept", "d"), order: [Asc(Col("d", "id"))]));
        Assert.Equal([["sales", 2], ["ops", 1]], rows);

        var exists = new ExistsExpression { Subquery = Spec([Item(Int(1))], Table("dept", "d"), Eq(Col("d", "id"), Col("e", "dept"))) };
        Assert.Equal(3, _h.Rows(Select([Item(Col("id"))], Table("emp", "e"), exists)).Count);

        var top = new QuerySpecification { SelectItems = [Item(Col("e", "name"))], From = [Table("emp", "e")], Where = Eq(Col("e", "dept"), Col("d", "id")), Top = new TopClause { Count = Int(1) }, OrderBy = [Desc(Col("e", "salary"))] };
        var apply = new JoinTableSource { Kind = JoinKind.CrossApply, Left = Table("dept", "d"), Right = new DerivedTableSource { Query = top, Alias = "best" } };
        var best = _h.Rows(Select([Item(Col("d", "name")), Item(Col("best", "name"))], apply, order: [Asc(Col("d", "id"))]));
        Assert.Equal([["sales", "Bob"], ["ops", "cid"]], best);
    }

    [Fact]
    public void WindowFunctionsAndStringAgg()
    {
        var rowNumber = new FunctionCall { Name = Name("ROW_NUMBER"), Over = new WindowSpecification { PartitionBy = [Col("dept")], OrderBy = [Desc(Col("salary"))] } };
        var running = new FunctionCall { Name = Name("SUM"), Arguments = [Col("id")], Over = new WindowSpecification { OrderBy = [Asc(Col("id"))] } };
        var (translated, rows, _) = _h.Run(Select([Item(Col("id")), Item(rowNumber, "rn"), Item(running, "run")], Table("emp"), order: [Asc(Col("id"))]));
        Assert.Equal(SqlType.BigInt, translated.Columns![1].Type);
        Assert.Equal([[1, 2L, 1], [2, 1L, 3], [3, 1L, 6], [4, 1L, 10]], rows);

        var agg = new FunctionCall { Name = Name("STRING_AGG"), Arguments = [Col("name"), Str(",")], WithinGroup = [Asc(Col("name"))] };
        Assert.Equal("ann,Bob,cid,dee", _h.Scalar(Select([Item(agg)], Table("emp"))));
    }

    [Fact]
    public void SetOperationsConvertToTheCombinedType()
    {
        Assert.Equal(245, _h.Fails("SELECT 1 AS a UNION SELECT 'x'").Number);
        Assert.Equal([[1], [2]], _h.Rows("SELECT 1 AS a UNION SELECT '2' ORDER BY a"));
    }

    [Fact]
    public void GroupingErrorsAndSubqueryCardinality()
    {
        var grouping = _h.Fails("SELECT name, id FROM emp GROUP BY name");
        Assert.Equal(8120, grouping.Number);
        Assert.Equal("Column 'id' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.", grouping.Message);
        Assert.Equal(512, _h.Fails("SELECT (SELECT id FROM emp)").Number);
    }

    [Fact]
    public void GroupByAndDistinctIgnoreCaseUnderTheSessionCollation()
    {
        _h.Run("INSERT INTO emp VALUES (5, N'ANN', 30, 1.00)");
        Assert.Equal([[2]], _h.Rows("SELECT COUNT(*) FROM emp GROUP BY name HAVING COUNT(*) > 1"));
        Assert.Equal(4, _h.Rows("SELECT DISTINCT name FROM emp").Count);
    }

    [Fact]
    public void DerivedTablesNeedColumnNames()
    {
        var derived = new DerivedTableSource { Query = Spec([Item(Int(1))]), Alias = "x" };
        var error = _h.Fails(Select([Star()], derived));
        Assert.Equal(8155, error.Number);
        var values = new ValuesTableSource { Rows = [[Int(1), Str("a")], [Int(2), Str("bb")]], Alias = "v", ColumnAliases = ["id", "s"] };
        Assert.Equal([[2, "bb"]], _h.Rows(Select([Star()], values, Eq(Col("v", "s"), Str("BB")))));
    }
}
