using System.Globalization;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;

namespace PredictEngine.Benchmarks.Scoring;

/// <summary>
/// Deterministic feature rows for the 30-input benchmark models: each feature uniform between the
/// minimum and maximum of that feature in the models' golden inputs, so tree models take varied paths
/// instead of falling down one branch.
/// </summary>
internal static class FeatureData
{
    public const int Features = 30;

    /// <summary>Column names of the generated batch, c0 … c29, in input order.</summary>
    public static string[] ColumnNames { get; } = [.. Enumerable.Range(0, Features).Select(c => $"c{c}")];

    /// <summary>One array per feature (columnar), <paramref name="rows"/> values each.</summary>
    public static float[][] Generate(int rows, int seed = 20240611)
    {
        var (min, max) = Ranges(RepositoryPaths.Model("bench_linear30.inputs.csv"));
        var random = new Random(seed);
        var columns = new float[Features][];
        for (var c = 0; c < Features; c++)
        {
            columns[c] = new float[rows];
        }

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < Features; c++)
            {
                columns[c][r] = min[c] + (random.NextSingle() * (max[c] - min[c]));
            }
        }

        return columns;
    }

    /// <summary>The same values as one row-major [rows, 30] buffer, the layout ONNX Runtime reads.</summary>
    public static float[] ToRowMajor(float[][] columns)
    {
        var rows = columns[0].Length;
        var matrix = new float[rows * Features];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < Features; c++)
            {
                matrix[(r * Features) + c] = columns[c][r];
            }
        }

        return matrix;
    }

    /// <summary>A batch of 30 <c>real</c> columns holding the values; the caller disposes it.</summary>
    public static ColumnBatch ToBatch(float[][] columns)
    {
        var rows = columns[0].Length;
        var fields = new ColumnField[Features];
        var vectors = new ColumnVector[Features];
        for (var c = 0; c < Features; c++)
        {
            fields[c] = new ColumnField(ColumnNames[c], SqlType.Real);
            vectors[c] = ColumnVector.Allocate(SqlType.Real, rows);
            columns[c].CopyTo(vectors[c].GetWritableValues<float>());
            vectors[c].SetLength(rows);
        }

        return new ColumnBatch(new BatchSchema(fields), vectors, rows);
    }

    private static (float[] Min, float[] Max) Ranges(string csv)
    {
        var min = Enumerable.Repeat(float.MaxValue, Features).ToArray();
        var max = Enumerable.Repeat(float.MinValue, Features).ToArray();
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var cells = line.Split(',');
            for (var c = 0; c < Features; c++)
            {
                var value = float.Parse(cells[c], CultureInfo.InvariantCulture);
                min[c] = Math.Min(min[c], value);
                max[c] = Math.Max(max[c], value);
            }
        }

        return (min, max);
    }
}
