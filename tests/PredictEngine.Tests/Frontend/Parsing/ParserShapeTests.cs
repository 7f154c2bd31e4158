using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Parsing;
using Xunit;

namespace PredictEngine.Tests.Frontend.Parsing;

/// <summary>The trees the parser builds for the constructs where a wrong tree would still print plausibly.</summary>
public class ParserShapeTests
{
    private static T Single<T>(string sql)
        where T : Statement => Assert.IsType<T>(Assert.Single(Parser.ParseBatch(sql).Statements));

    private static QuerySpecification Spec(string sql) => Assert.IsType<QuerySpecification>(Single<SelectStatement>(sql).Query);

    [Fact]
    public void MultiplicationBindsTighterThanAddition()
    {
        var add = Assert.IsType<BinaryExpression>(Parser.ParseExpression("1 + 2 * 3"));
        Assert.Equal(BinaryOperator.Add, add.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpression>(add.Right).Operator);
    }

    [Fact]
    public void AdditionIsLeftAssociative()
    {
        var outer = Assert.IsType<BinaryExpression>(Parser.ParseExpression("a - b - c"));
        Assert.Equal(BinaryOperator.Subtract, Assert.IsType<BinaryExpression>(outer.Left).Operator);
        Assert.IsType<ColumnReference>(outer.Right);
    }

    [Fact]
    public void AndBindsTighterThanOrAndNotTighterThanAnd()
    {
        var or = Assert.IsType<BinaryExpression>(Parser.ParseExpression("NOT a = 1 AND b = 2 OR c = 3"));
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var and = Assert.IsType<BinaryExpression>(or.Left);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var not = Assert.IsType<UnaryExpression>(and.Left);
        Assert.Equal(UnaryOperator.Not, not.Operator);
        Assert.Equal(BinaryOperator.Equal, Assert.IsType<BinaryExpression>(not.Operand).Operator);
    }

    [Fact]
    public void ComparisonTakesWholeArithmeticOperands()
    {
        var eq = Assert.IsType<BinaryExpression>(Parser.ParseExpression("a + 1 = b & 3"));
        Assert.Equal(BinaryOperator.Equal, eq.Operator);
        Assert.Equal(BinaryOperator.Add, Assert.IsType<BinaryExpression>(eq.Left).Operator);
        Assert.Equal(BinaryOperator.BitwiseAnd, Assert.IsType<BinaryExpression>(eq.Right).Operator);
    }

    [Fact]
    public void BetweenAndIsNotALogicalAnd()
    {
        var and = Assert.IsType<BinaryExpression>(Parser.ParseExpression("a BETWEEN 1 AND 2 AND b NOT LIKE 'x%' ESCAPE '!'"));
        Assert.Equal(BinaryOperator.And, and.Operator);
        var between = Assert.IsType<BetweenExpression>(and.Left);
        Assert.False(between.Negated);
        var like = Assert.IsType<LikeExpression>(and.Right);
        Assert.True(like.Negated);
        Assert.NotNull(like.Escape);
    }

    [Fact]
    public void LiteralKinds()
    {
        var spec = Spec("SELECT NULL, 1, 1.5, 1e3, $12.50, 'x', N'x', 0xAB");
        var kinds = spec.SelectItems.Select(i => Assert.IsType<LiteralExpression>(Assert.IsType<SelectColumn>(i).Expression).Kind);
        Assert.Equal(
            [LiteralKind.Null, LiteralKind.Integer, LiteralKind.Decimal, LiteralKind.Float, LiteralKind.Money, LiteralKind.String, LiteralKind.NationalString, LiteralKind.Binary],
            kinds);
        Assert.Equal("AB", ((LiteralExpression)((SelectColumn)spec.SelectItems[7]).Expression).Value);
    }

    [Theory]
    [InlineData("SELECT a x FROM t", "x")]
    [InlineData("SELECT a AS [x y] FROM t", "x y")]
    [InlineData("SELECT a 'x' FROM t", "x")]
    [InlineData("SELECT x = a FROM t", "x")]
    [InlineData("SELECT a name FROM t", "name")]
    [InlineData("SELECT a FROM t", null)]
    public void AliasWithoutAs(string sql, string? alias)
    {
        var column = Assert.IsType<SelectColumn>(Spec(sql).SelectItems[0]);
        Assert.Equal(alias, column.Alias);
        Assert.Equal("a", Assert.IsType<ColumnReference>(column.Expression).Name);
    }

    [Fact]
    public void ReservedWordEndsTheSelectListAndTableAlias()
    {
        var spec = Spec("SELECT a FROM t x WHERE a = 1");
        Assert.Null(((SelectColumn)spec.SelectItems[0]).Alias);
        Assert.Equal("x", Assert.Single(spec.From).Alias);
        Assert.NotNull(spec.Where);
    }

    [Fact]
    public void WithAfterTableIsHintsButWithAfterStatementIsACte()
    {
        var batch = Parser.ParseBatch("SELECT * FROM t WITH (NOLOCK) WITH c AS (SELECT 1 AS a) SELECT a FROM c");
        Assert.Equal(2, batch.Statements.Count);
        var first = Assert.IsType<QuerySpecification>(Assert.IsType<SelectStatement>(batch.Statements[0]).Query);
        Assert.Equal(["NOLOCK"], Assert.IsType<NamedTableSource>(Assert.Single(first.From)).Hints);
        var second = Assert.IsType<SelectStatement>(batch.Statements[1]);
        Assert.Equal("c", Assert.Single(second.With).Name);
    }

    [Fact]
    public void BeginTransactionBlockAndTry()
    {
        var batch = Parser.ParseBatch("BEGIN TRAN BEGIN SELECT 1 END BEGIN TRY SELECT 2 END TRY BEGIN CATCH SELECT 3 END CATCH BEGIN TRANSACTION t1");
        Assert.Collection(
            batch.Statements,
            s => Assert.Null(Assert.IsType<TransactionStatement>(s).Name),
            s => Assert.IsType<SelectStatement>(Assert.Single(Assert.IsType<BlockStatement>(s).Statements)),
            s =>
            {
                var tryCatch = Assert.IsType<TryCatchStatement>(s);
                Assert.Single(tryCatch.Try);
                Assert.Single(tryCatch.Catch);
            },
            s => Assert.Equal("t1", Assert.IsType<TransactionStatement>(s).Name));
    }

    [Fact]
    public void BareThrowAndThrowWithArguments()
    {
        var tryCatch = Single<TryCatchStatement>("BEGIN TRY SELECT 1 END TRY BEGIN CATCH THROW END CATCH");
        var bare = Assert.IsType<ThrowStatement>(Assert.Single(tryCatch.Catch));
        Assert.Null(bare.Number);
        var full = Single<ThrowStatement>("THROW 50001, N'bad', 2");
        Assert.Equal("50001", Assert.IsType<LiteralExpression>(full.Number).Value);
        Assert.Equal(LiteralKind.NationalString, Assert.IsType<LiteralExpression>(full.Message).Kind);
    }

    [Fact]
    public void StatementsWithoutSemicolonsAndTheirLines()
    {
        var batch = Parser.ParseBatch("DECLARE @a int = 1\nSET @a += 2\nIF @a > 2\n  PRINT @a\nELSE\n  PRINT 'no'\nSELECT @a");
        Assert.Collection(
            batch.Statements,
            s => Assert.Equal(1, Assert.IsType<DeclareStatement>(s).Line),
            s => Assert.Equal(BinaryOperator.Add, Assert.IsType<SetVariableStatement>(s).CompoundOperator),
            s =>
            {
                var @if = Assert.IsType<IfStatement>(s);
                Assert.Equal(3, @if.Line);
                Assert.Equal(6, Assert.IsType<PrintStatement>(@if.Else).Line);
            },
            s => Assert.Equal(7, Assert.IsType<SelectStatement>(s).Line));
    }

    [Fact]
    public void PredictCarriesModelDataAliasAndColumns()
    {
        var spec = Spec("SELECT * FROM PREDICT(MODEL = (SELECT m FROM ml.models), DATA = dbo.t AS d, RUNTIME = ONNX) WITH (y float NOT NULL, z int) AS p");
        var predict = Assert.IsType<PredictTableSource>(Assert.Single(spec.From));
        Assert.IsType<SubqueryExpression>(predict.Model);
        var data = Assert.IsType<NamedTableSource>(predict.Data);
        Assert.Equal("d", data.Alias);
        Assert.Equal(["dbo", "t"], data.Name.Parts);
        Assert.Equal("ONNX", predict.Runtime);
        Assert.Equal("p", predict.Alias);
        Assert.Equal(false, predict.WithColumns[0].Nullable);
        Assert.Null(predict.WithColumns[1].Nullable);
        Assert.Equal("float", predict.WithColumns[0].DataType.Name);
    }

    [Fact]
    public void PredictOverADerivedTable()
    {
        var spec = Spec("SELECT * FROM PREDICT(MODEL = @m, DATA = (SELECT a FROM t) AS d) WITH (y real) p");
        var predict = Assert.IsType<PredictTableSource>(Assert.Single(spec.From));
        Assert.Equal("@m", Assert.IsType<VariableReference>(predict.Model).Name);
        Assert.Equal("d", Assert.IsType<DerivedTableSource>(predict.Data).Alias);
        Assert.Null(predict.Runtime);
        Assert.Equal("p", predict.Alias);
    }

    [Fact]
    public void OpenRowsetOptionsColumnsAndAliases()
    {
        var spec = Spec("SELECT * FROM OPENROWSET(BULK N'/d/x.csv', FORMAT = 'CSV', FIRSTROW = 2, SINGLE_CLOB) WITH (a int, b nvarchar(10)) AS r(x, y)");
        var source = Assert.IsType<OpenRowsetSource>(Assert.Single(spec.From));
        Assert.Equal("/d/x.csv", Assert.IsType<LiteralExpression>(source.Path).Value);
        Assert.Equal(["FORMAT", "FIRSTROW", "SINGLE_CLOB"], source.Options.Select(o => o.Name));
        Assert.Null(source.Options[2].Value);
        Assert.Equal(["10"], source.WithColumns[1].DataType.Arguments);
        Assert.Equal("r", source.Alias);
        Assert.Equal(["x", "y"], source.ColumnAliases);
    }

    [Fact]
    public void ViewDefinitionIsTheSourceText()
    {
        const string Text = "CREATE VIEW dbo.v\n  AS SELECT a, /* kept */ b FROM t";
        var view = Single<CreateViewStatement>("  " + Text + " ;  ");
        Assert.Equal(Text, view.Definition);
        Assert.Equal(["dbo", "v"], view.Name.Parts);
        Assert.Equal(2, Assert.IsType<QuerySpecification>(view.Query.Query).SelectItems.Count);
    }

    [Fact]
    public void JoinWithoutOnNestsTheFollowingJoin()
    {
        var join = Assert.IsType<JoinTableSource>(Assert.Single(Spec("SELECT * FROM a JOIN b JOIN c ON b.id = c.id ON a.id = b.id JOIN d ON d.id = a.id").From));
        Assert.Equal("d", Assert.IsType<NamedTableSource>(join.Right).Name.Name);
        var inner = Assert.IsType<JoinTableSource>(join.Left);
        Assert.Equal("a", Assert.IsType<NamedTableSource>(inner.Left).Name.Name);
        var nested = Assert.IsType<JoinTableSource>(inner.Right);
        Assert.Equal(["b", "c"], new[] { nested.Left, nested.Right }.Select(s => ((NamedTableSource)s).Name.Name));
    }

    [Fact]
    public void IntersectBindsTighterThanUnion()
    {
        var union = Assert.IsType<BinaryQueryExpression>(Single<SelectStatement>("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 ORDER BY 1").Query);
        Assert.Equal(SetOperator.Union, union.Operator);
        Assert.Equal(SetOperator.Intersect, Assert.IsType<BinaryQueryExpression>(union.Right).Operator);
        Assert.Single(union.OrderBy);
    }

    [Fact]
    public void UpdateAssignsVariableAndColumnTogether()
    {
        var update = Single<UpdateStatement>("UPDATE t SET @v = c = c + 1, d += 2, @w = e");
        Assert.Equal(("@v", "c"), (update.SetClauses[0].Variable, update.SetClauses[0].Column![0]));
        Assert.Equal(BinaryOperator.Add, update.SetClauses[1].CompoundOperator);
        Assert.Null(update.SetClauses[2].Column);
    }

    [Theory]
    [InlineData("CREATE PROCEDURE p AS BEGIN SELECT 1 END SELECT 2", "CREATE PROCEDURE")]
    [InlineData("CREATE OR ALTER PROC dbo.p @a int AS SELECT @a", "CREATE PROCEDURE")]
    [InlineData("ALTER FUNCTION f() RETURNS int AS BEGIN RETURN 1 END", "ALTER FUNCTION")]
    [InlineData("CREATE TRIGGER tr ON t AFTER INSERT AS SELECT 1", "CREATE TRIGGER")]
    [InlineData("MERGE t USING u ON t.id = u.id WHEN MATCHED THEN DELETE;", "MERGE")]
    [InlineData("GRANT SELECT ON t TO public", "GRANT")]
    [InlineData("DECLARE c CURSOR FOR SELECT a FROM t", "DECLARE CURSOR")]
    [InlineData("FETCH NEXT FROM c INTO @a, @b", "FETCH")]
    [InlineData("GOTO done", "GOTO")]
    [InlineData("CREATE SEQUENCE s START WITH 1 INCREMENT BY 1", "CREATE SEQUENCE")]
    [InlineData("ALTER TABLE t ALTER COLUMN a bigint", "ALTER TABLE ALTER COLUMN")]
    [InlineData("ALTER TABLE [dbo].[t] WITH CHECK ADD CONSTRAINT [fk] FOREIGN KEY([a]) REFERENCES [dbo].[u] ([id])", "ALTER TABLE WITH")]
    [InlineData("UPDATE STATISTICS dbo.t WITH FULLSCAN", "UPDATE STATISTICS")]
    [InlineData("DBCC CHECKIDENT('t', RESEED, 0)", "DBCC")]
    public void UnsupportedStatementsNameTheirConstruct(string sql, string construct) =>
        Assert.Equal(construct, Single<UnsupportedStatement>(sql).Construct);

    [Fact]
    public void UnsupportedStatementEndsWhereTheNextStatementStarts()
    {
        var batch = Parser.ParseBatch("GRANT SELECT ON t TO u SELECT 1 OPEN c CLOSE c DEALLOCATE c");
        Assert.Equal(["GRANT", "SELECT", "OPEN", "CLOSE", "DEALLOCATE"], batch.Statements.Select(s => s is UnsupportedStatement u ? u.Construct : "SELECT"));
    }

    [Fact]
    public void ExecuteArgumentsAndDynamicSql()
    {
        var exec = Single<ExecuteStatement>("EXEC @rc = dbo.p 1, @b = t, @c = @d OUTPUT, @e = DEFAULT");
        Assert.Equal("@rc", exec.ReturnVariable);
        Assert.Equal("p", exec.Procedure!.Name);
        Assert.Equal(LiteralKind.String, Assert.IsType<LiteralExpression>(exec.Arguments[1].Value).Kind);
        Assert.True(exec.Arguments[2].Output);
        Assert.Equal(LiteralKind.Default, Assert.IsType<LiteralExpression>(exec.Arguments[3].Value).Kind);
        Assert.IsType<BinaryExpression>(Single<ExecuteStatement>("EXEC ('SELECT ' + @x)").DynamicSql);
    }

    [Fact]
    public void ParameterDeclarations()
    {
        var parameters = Parser.ParseParameterDeclarations("@a int, @b nvarchar(10) OUTPUT, @c decimal(5, 2) OUT");
        Assert.Equal(["@a", "@b", "@c"], parameters.Select(p => p.Name));
        Assert.Equal([false, true, true], parameters.Select(p => p.Output));
        Assert.Equal(["5", "2"], parameters[2].Type.Arguments);
        Assert.Empty(Parser.ParseParameterDeclarations(string.Empty));
    }

    [Fact]
    public void SetOptionsAndIsolationLevel()
    {
        var set = Single<SetOptionStatement>("SET ANSI_NULLS, quoted_identifier ON");
        Assert.Equal(["ANSI_NULLS", "QUOTED_IDENTIFIER"], set.Options);
        Assert.Equal("ON", set.Value);
        var isolation = Single<SetOptionStatement>("SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
        Assert.Equal(("TRANSACTION ISOLATION LEVEL", "READ UNCOMMITTED"), (isolation.Options[0], isolation.Value));
        Assert.Equal(["STATISTICS IO", "STATISTICS TIME"], Single<SetOptionStatement>("SET STATISTICS IO, TIME ON").Options);
    }

    [Fact]
    public void FormatterBracketsWhatIsNotARegularIdentifier()
    {
        Assert.Equal("[a]]b]", SqlFormatter.Identifier("a]b"));
        Assert.Equal("[order]", SqlFormatter.Identifier("order"));
        Assert.Equal("[1a]", SqlFormatter.Identifier("1a"));
        Assert.Equal("name", SqlFormatter.Identifier("name"));
        Assert.Equal("#t", SqlFormatter.Identifier("#t"));
    }

    [Fact]
    public void DeepNestingIsMsg191NotAStackOverflow()
    {
        var sql = "SELECT " + new string('(', 5000) + "1" + new string(')', 5000);
        var error = Assert.Throws<PredictEngine.Storage.Errors.EngineException>(() => Parser.ParseBatch(sql));
        Assert.Equal(191, error.Number);
        Assert.Equal(191, Assert.Throws<PredictEngine.Storage.Errors.EngineException>(() => Parser.ParseBatch("SELECT " + string.Concat(Enumerable.Repeat("- ", 5000)) + "1")).Number);
        Assert.Equal(191, Assert.Throws<PredictEngine.Storage.Errors.EngineException>(() => Parser.ParseBatch(string.Concat(Enumerable.Repeat("IF 1 = 1 ", 5000)) + "SELECT 1")).Number);
    }

    [Fact]
    public async Task NestingBelowTheLimitParsesOnAThreadPoolThread()
    {
        var sql = "SELECT " + new string('(', 150) + "1" + new string(')', 150);
        var printed = await Task.Run(() => SqlFormatter.Format(Parser.ParseBatch(sql)));
        Assert.Equal(sql, printed);
    }

    [Fact]
    public void LongChainsParseAndPrint()
    {
        var sql = "SELECT * FROM t WHERE " + string.Join(" OR ", Enumerable.Range(1, 20000).Select(i => $"id = {i}"));
        var batch = Parser.ParseBatch(sql);
        Assert.Equal(sql, SqlFormatter.Format(batch));
    }
}
