using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;
using static PredictEngine.Tests.Frontend.Binding.Ast;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>Expression semantics that differ between T-SQL and DuckDB: division, string +, case-insensitive comparison, LIKE classes.</summary>
public sealed class ExpressionBindingTests : IDisposable
{
    private readonly BindingHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void IntegerDivisionAndModuloStayIntegers()
    {
        var statement = Values(Bin(BinaryOperator.Divide, Int(7), Int(2)), Bin(BinaryOperator.Modulo, Int(-7), Int(2)), Bin(BinaryOperator.Divide, Int(-7), Int(2)));
        var (translated, rows, _) = _h.Run(statement);
        Assert.Equal([3, -1, -3], Assert.Single(rows));
        Assert.All(translated.Columns!, c => Assert.Equal(SqlType.Int, c.Type));
        Assert.All(translated.Columns!, c => Assert.Equal(string.Empty, c.Name));
    }

    [Fact]
    public void DecimalDivisionFollowsSqlServerScale()
    {
        var (translated, rows, _) = _h.Run(Values(Bin(BinaryOperator.Divide, Dec("10.0"), Int(4))));
        Assert.Equal(2.5m, Assert.Single(Assert.Single(rows)));
        Assert.Equal(SqlTypeId.Decimal, translated.Columns![0].Type.Id);
        Assert.Equal(6, translated.Columns[0].Type.Scale);
        Assert.Equal(8, translated.Columns[0].Type.Precision);
    }

    [Fact]
    public void DivideByZeroIsMsg8134()
    {
        var error = _h.Fails(Values(Bin(BinaryOperator.Divide, Int(1), Int(0))));
        Assert.Equal(8134, error.Number);
        Assert.Equal("Divide by zero error encountered.", error.Message);
    }

    [Fact]
    public void StringPlusConcatenatesAndPropagatesNull()
    {
        var rows = _h.Rows(Values(Bin(BinaryOperator.Add, Str("ab"), Str("cd")), Bin(BinaryOperator.Add, Str("ab"), Null)));
        Assert.Equal(["abcd", null], Assert.Single(rows));
    }

    [Fact]
    public void StringToNumberConversionFailureIsMsg245()
    {
        var error = _h.Fails(Values(Bin(BinaryOperator.Add, Int(1), Str("abc"))));
        Assert.Equal(245, error.Number);
        Assert.Equal("Conversion failed when converting the varchar value 'abc' to data type int.", error.Message);
        Assert.Equal(3, _h.Scalar(Values(Bin(BinaryOperator.Add, Int(1), Str("2")))));
    }

    [Fact]
    public void IntegerOverflowIsMsg8115()
    {
        var error = _h.Fails(Values(Bin(BinaryOperator.Add, Int(2147483647), Int(1))));
        Assert.Equal(8115, error.Number);
        Assert.Equal("Arithmetic overflow error converting expression to data type int.", error.Message);
    }

    [Fact]
    public void StringComparisonIgnoresCase()
    {
        var iif = Fn("IIF", Eq(Str("abc"), Str("ABC")), Int(1), Int(0));
        Assert.Equal(1, _h.Scalar(Values(iif)));
    }

    [Fact]
    public void StringsCompareAsTheDefaultCollationDoes()
    {
        using var h = new BindingHarness();
        h.Run("CREATE TABLE words (w varchar(20), n nvarchar(20)); INSERT INTO words VALUES ('Apple', N'Zebra'), ('apple ', N'zebra'), ('BANANA', NULL)");
        Assert.Equal(2, h.Scalar("SELECT COUNT(*) FROM words WHERE w = 'APPLE'"));
        Assert.Equal(2, h.Scalar("SELECT COUNT(*) FROM words WHERE w IN ('x', 'apple')"));
        Assert.Equal(1, h.Scalar("SELECT COUNT(DISTINCT n) FROM words"));
        Assert.Equal(3, h.Scalar("SELECT COUNT(*) FROM words WHERE w LIKE '[ab]%'"));
    }

    [Fact]
    public void LikeIsCaseInsensitiveAndKnowsBracketClasses()
    {
        Expression Like(string value, string pattern) => Fn("IIF", new LikeExpression { Operand = Str(value), Pattern = Str(pattern) }, Int(1), Int(0));
        var rows = _h.Rows(Values(Like("Apple", "a%"), Like("bat", "[bc]at"), Like("cat", "[^c]at"), Like("x_1", "x[_]1"), Like("d9", "d[0-9]")));
        Assert.Equal([1, 1, 0, 1, 1], Assert.Single(rows));
    }

    [Fact]
    public void IsNullTakesTheFirstArgumentsTypeAndCoalesceTheHighest()
    {
        var (translated, rows, _) = _h.Run(Values(Fn("ISNULL", Null, Int(5)), Fn("COALESCE", Null, Int(1), Dec("2.5")), Fn("NULLIF", Int(3), Int(3))));
        Assert.Equal([5, 1.0m, null], Assert.Single(rows));
        Assert.Equal(SqlTypeId.Decimal, translated.Columns![1].Type.Id);
    }

    [Fact]
    public void CaseTakesTheCommonTypeOfItsBranches()
    {
        var expression = new CaseExpression
        {
            Operand = Int(2),
            WhenClauses = [new WhenClause { When = Int(1), Then = Str("one") }, new WhenClause { When = Int(2), Then = Str("two") }],
            Else = Str("many"),
        };
        var (translated, rows, _) = _h.Run(Values(expression));
        Assert.Equal("two", Assert.Single(Assert.Single(rows)));
        Assert.Equal(SqlType.VarChar(4), translated.Columns![0].Type);
    }

    [Fact]
    public void VariablesArePositionalParametersTypedByTheirDeclaration()
    {
        _h.Declare("@n", SqlType.Int, 41);
        _h.Declare("@s", SqlType.NVarChar(10), "x");
        var (translated, rows, _) = _h.Run(Values(Bin(BinaryOperator.Add, Var("@n"), Int(1)), Var("@s"), Var("@n")));
        Assert.Equal([42, "x", 41], Assert.Single(rows));
        Assert.Equal(["@n", "@s"], translated.Commands[0].Parameters);
    }

    [Fact]
    public void UndeclaredVariableIsMsg137()
    {
        var error = _h.Fails(Values(Var("@nope")));
        Assert.Equal(137, error.Number);
        Assert.Equal("Must declare the scalar variable \"@nope\".", error.Message);
    }

    [Fact]
    public void SessionFunctionsReadSessionVariables()
    {
        _h.Declare("@@SCOPE_IDENTITY", SqlType.Decimal(38, 0), 7m);
        _h.Declare("@@ROWCOUNT", SqlType.Int, 3);
        var statement = Values(Fn("SCOPE_IDENTITY"), new SystemVariableReference { Name = "@@ROWCOUNT" });
        Assert.Equal([7m, 3], Assert.Single(_h.Rows(statement)));
    }

    [Fact]
    public void ScalarTranslationOfAConditionYieldsABit()
    {
        var translated = new SqlFrontend.Binding.Translator(_h).TranslateScalar(Bin(BinaryOperator.Greater, Int(2), Int(1)));
        Assert.Equal(SqlType.Bit, translated.Columns![0].Type);
        Assert.Equal(true, Assert.Single(Assert.Single(_h.Execute(translated.Commands, select: true).Rows)));
    }

    [Fact]
    public void InAndBetweenCompareInTheCommonType()
    {
        Expression Test(Expression predicate) => Fn("IIF", predicate, Int(1), Int(0));
        var rows = _h.Rows(Values(
            Test(new InExpression { Operand = Str("B"), Values = [Str("a"), Str("b")] }),
            Test(new BetweenExpression { Operand = Int(5), Low = Int(1), High = Dec("4.5") }),
            Test(new InExpression { Operand = Int(2), Values = [Int(1), Int(3)], Negated = true })));
        Assert.Equal([1, 0, 1], Assert.Single(rows));
    }
}
