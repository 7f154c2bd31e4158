using System.Globalization;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>[N,F] inputs fed from F columns: the operator must build exactly the row-major tensor.</summary>
public class MatrixInputTests
{
    private static readonly SessionSettings Cpu = new() { Provider = ExecutionProviderKind.Cpu };
    private static readonly string[] Features = [.. Enumerable.Range(0, 30).Select(c => $"c{c}")];

    [Fact]
    public void Linear30MatchesGoldenOutputs()
    {
        var lines = File.ReadAllLines(TestPaths.Model("bench_linear30.inputs.csv")).Skip(1).ToArray();
        var columns = new float[30][];
        for (var c = 0; c < 30; c++)
        {
            columns[c] = [.. lines.Select(l => float.Parse(l.Split(',')[c], CultureInfo.InvariantCulture))];
        }

        var expected = File.ReadAllLines(TestPaths.Model("bench_linear30.expected.csv")).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("bench_linear30.onnx")), Cpu);
        using var batch = RealBatch(Features, columns);
        using var scored = Score(session, batch, Features);
        var scores = scored["variable"].GetValues<float>().ToArray();
        Assert.Equal(expected.Length, scores.Length);
        for (var r = 0; r < scores.Length; r++)
        {
            Assert.True(Math.Abs(scores[r] - expected[r]) <= 1e-4 + (1e-4 * Math.Abs(expected[r])), $"row {r}: {scores[r]} vs {expected[r]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(4099)]
    public void Linear30ScoresAsTheRowMajorTensorDoes(int rows)
    {
        var random = new Random(rows);
        var columns = new float[30][];
        for (var c = 0; c < 30; c++)
        {
            columns[c] = [.. Enumerable.Range(0, rows).Select(_ => (random.NextSingle() * 200) - 100)];
        }

        var matrix = new float[rows * 30];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < 30; c++)
            {
                matrix[(r * 30) + c] = columns[c][r];
            }
        }

        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("bench_linear30.onnx")), Cpu);
        using var tensor = OrtValue.CreateTensor(matrix.AsMemory(), [rows, 30]);
        var outputs = session.Run([tensor]);
        try
        {
            using var batch = RealBatch(Features, columns);
            using var scored = Score(session, batch, Features);
            Assert.Equal(outputs[0].GetTensorData<float>().ToArray(), scored["variable"].GetValues<float>().ToArray());
        }
        finally
        {
            foreach (var output in outputs)
            {
                output.Dispose();
            }
        }
    }

    [Fact]
    public void NullsBecomeNaNInTheirOwnCellOnly()
    {
        // matrix_out: y = 2x, so every cell of the input tensor shows in the output.
        float[][] columns = [[1, 2, 3, 4, 5], [10, 20, 30, 40, 50], [100, 200, 300, 400, 500]];
        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("matrix_out.onnx")), Cpu);
        using var batch = RealBatch(["a", "b", "c"], columns);
        batch[1].SetNull(2);
        batch[2].SetNull(0);
        batch[2].SetNull(4);
        var binding = new ScoringBinding([new InputBinding("x", ["a", "b", "c"], NullHandling.NaN)], ["y"]);
        using var scored = new ScoringOperator(session, binding, batch.Schema).Score(batch);
        Assert.Equal([2, 4, 6, 8, 10], scored["y_0"].GetValues<float>().ToArray());
        Assert.Equal([20, 40, float.NaN, 80, 100], scored["y_1"].GetValues<float>().ToArray());
        Assert.Equal([float.NaN, 400, 600, 800, float.NaN], scored["y_2"].GetValues<float>().ToArray());
    }

    [Fact]
    public void WideningColumnsMixWithExactOnes()
    {
        using var session = ModelSession.Load(File.ReadAllBytes(TestPaths.Model("matrix_out.onnx")), Cpu);
        var a = Vector(SqlType.Real, [1.5f, -2.5f, 3.25f]);
        var b = ColumnVector.Allocate(SqlType.SmallInt, 3);
        short[] shorts = [-7, 0, 32000];
        shorts.CopyTo(b.GetWritableValues<short>());
        b.SetLength(3);
        var c = Vector(SqlType.Real, [0.5f, 0.25f, 0.125f]);
        var schema = new BatchSchema([new ColumnField("a", SqlType.Real), new ColumnField("b", SqlType.SmallInt), new ColumnField("c", SqlType.Real)]);
        using var batch = new ColumnBatch(schema, [a, b, c], 3);
        using var scored = Score(session, batch, ["a", "b", "c"], "x", ["y"]);
        Assert.Equal([3f, -5f, 6.5f], scored["y_0"].GetValues<float>().ToArray());
        Assert.Equal([-14f, 0f, 64000f], scored["y_1"].GetValues<float>().ToArray());
        Assert.Equal([1f, 0.5f, 0.25f], scored["y_2"].GetValues<float>().ToArray());
    }

    private static ColumnBatch Score(ModelSession session, ColumnBatch batch, string[] columns, string input = "input", string[]? outputs = null) =>
        new ScoringOperator(session, new ScoringBinding([InputBinding.Matrix(input, columns)], outputs), batch.Schema).Score(batch);

    private static ColumnBatch RealBatch(string[] names, float[][] columns)
    {
        var rows = columns[0].Length;
        return new ColumnBatch(
            new BatchSchema([.. names.Select(n => new ColumnField(n, SqlType.Real))]),
            [.. columns.Select(c => Vector(SqlType.Real, c))],
            rows);
    }

    private static ColumnVector Vector(SqlType type, float[] values)
    {
        var vector = ColumnVector.Allocate(type, values.Length);
        values.CopyTo(vector.GetWritableValues<float>());
        vector.SetLength(values.Length);
        return vector;
    }
}
