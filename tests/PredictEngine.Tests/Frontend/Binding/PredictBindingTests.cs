using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Parsing;
using PredictEngine.SqlFrontend.Predict;
using PredictEngine.Storage.Errors;
using PredictEngine.Tests.Predict;
using PredictEngine.Tests.Scoring;
using PredictEngine.Tests.Storage;
using Xunit;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>PREDICT as a table source: one derived table that the data alias and the predict alias both name.</summary>
public sealed class PredictBindingTests : IDisposable
{
    private readonly PredictFixture _f = new();
    private readonly Context _context;

    public PredictBindingTests()
    {
        _f.LoadInputs("t", GoldenCsv.Load("linear_percol.inputs.csv"));
        _context = new Context(new DuckDbCatalog(_f.Connection), _f.Planner, PredictFixture.Model("linear_percol"));
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public void ScoresThroughTheDataAndPredictAliases()
    {
        var expected = GoldenCsv.Load("linear_percol.expected.csv").Doubles("score");
        var statement = Parser.ParseBatch(
            "SELECT d.id, p.score FROM PREDICT(MODEL = @m, DATA = dbo.t AS d, RUNTIME = ONNX) WITH (score float) AS p WHERE d.id < 3 ORDER BY d.id").Statements[0];
        var translated = new Translator(_context).Translate(statement);
        Assert.Equal(["id", "score"], translated.Columns!.Select(c => c.Name));
        var (_, rows) = ColumnValues.Query(_f.Connection, translated.Commands[0].Sql);
        Assert.Equal([0, 1, 2], rows.Select(r => r[0]));
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange((double)rows[i][1]!, expected[i] - 1e-3, expected[i] + 1e-3); // the model computes in float32
        }
    }

    [Fact]
    public void PredictOverADerivedTableAndAnUnknownOutputColumn()
    {
        var statement = Parser.ParseBatch(
            "SELECT COUNT(*) FROM PREDICT(MODEL = @m, DATA = (SELECT * FROM t WHERE id < 10) AS d) WITH (score float) AS p WHERE p.score > 0").Statements[0];
        var translated = new Translator(_context).Translate(statement);
        Assert.True((int)ColumnValues.Scalar(_f.Connection, translated.Commands[0].Sql)! > 0);
        var missing = Parser.ParseBatch("SELECT p.nope FROM PREDICT(MODEL = @m, DATA = t AS d) WITH (score float) AS p").Statements[0];
        Assert.Equal(207, Assert.Throws<EngineException>(() => new Translator(_context).Translate(missing)).Number);
    }

    private sealed class Context(ICatalog catalog, PredictPlanner planner, byte[] model) : ITranslationContext
    {
        public ICatalog Catalog => catalog;

        public string Database => "predict";

        public PredictPlanner? Predict => planner;

        public VariableInfo? FindVariable(string name) => null;

        public object? Evaluate(Expression expression) => expression is VariableReference { Name: "@m" } ? model : null;
    }
}
