using System.Globalization;
using System.Text;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Predict;

/// <summary>
/// Turns the operator's scored batch (DATA columns, then output columns) into PREDICT's result:
/// the DATA columns passed through, then one column per WITH column in the declared type.
/// </summary>
public static class PredictProjection
{
    public static ColumnBatch Apply(ColumnBatch scored, int dataColumns, PredictPlan plan)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(plan);
        var fields = new List<ColumnField>(dataColumns + plan.Outputs.Count);
        var vectors = new List<ColumnVector>(dataColumns + plan.Outputs.Count);
        try
        {
            for (var c = 0; c < dataColumns; c++)
            {
                fields.Add(scored.Schema[c]);
                vectors.Add(scored[c].Retain());
            }

            foreach (var output in plan.Outputs)
            {
                fields.Add(new ColumnField(output.Column.Name, output.Column.Type));
                vectors.Add(output.AsJson ? Json(scored, dataColumns, output) : Single(scored, dataColumns, output));
            }

            var result = new ColumnBatch(new BatchSchema(fields), [.. vectors], scored.RowCount);
            vectors.Clear();
            return result;
        }
        finally
        {
            foreach (var vector in vectors)
            {
                vector.Dispose();
            }
        }
    }

    private static ColumnVector Single(ColumnBatch scored, int dataColumns, OutputColumn output)
    {
        for (var c = dataColumns; c < scored.ColumnCount; c++)
        {
            if (string.Equals(scored.Schema[c].Name, output.SourceColumn, StringComparison.OrdinalIgnoreCase))
            {
                return OutputConversions.Convert(scored[c], output.Column.Type, output.Column.Name);
            }
        }

        var produced = string.Join(", ", scored.Schema.Fields.Skip(dataColumns).Where(f => f.Name.StartsWith(output.Output.Name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Name));
        throw new EngineException(ErrorNumbers.ModelInputMismatch, 16, 1,
            $"WITH column '{output.Column.Name}' matches no value of output '{output.Output.Name}' ({output.Output.TypeText}); the model produced: {produced}.");
    }

    /// <summary>A multi-valued output as JSON: an array for [N,K], an object keyed like ZipMap's maps.</summary>
    private static ColumnVector Json(ColumnBatch scored, int dataColumns, OutputColumn output)
    {
        var prefix = output.Output.Name + "_";
        var parts = Enumerable.Range(dataColumns, scored.ColumnCount - dataColumns)
            .Where(c => scored.Schema[c].Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => (Key: scored.Schema[c].Name[prefix.Length..], Column: scored[c]))
            .ToArray();
        var asObject = output.Output.IsSequenceOfMaps;
        var vector = ColumnVector.Allocate(SqlType.NVarChar(SqlType.MaxLength), scored.RowCount);
        var text = new StringBuilder();
        for (var r = 0; r < scored.RowCount; r++)
        {
            text.Clear().Append(asObject ? '{' : '[');
            for (var p = 0; p < parts.Length; p++)
            {
                if (p > 0)
                {
                    text.Append(',');
                }

                if (asObject)
                {
                    text.Append(System.Text.Json.JsonSerializer.Serialize(parts[p].Key)).Append(':');
                }

                AppendValue(text, parts[p].Column, r);
            }

            vector.AppendString(text.Append(asObject ? '}' : ']').ToString());
        }

        return vector;
    }

    /// <summary>JSON has no NaN or infinity: they become null.</summary>
    private static void AppendNumber(StringBuilder text, double value) =>
        text.Append(double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null");

    private static void AppendNumber(StringBuilder text, float value) =>
        text.Append(float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null");

    private static void AppendValue(StringBuilder text, ColumnVector column, int row)
    {
        if (column.IsNull(row))
        {
            text.Append("null");
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        switch (column.Type.Physical)
        {
            case PhysicalKind.Float32: AppendNumber(text, column.GetValues<float>()[row]); break;
            case PhysicalKind.Float64: AppendNumber(text, column.GetValues<double>()[row]); break;
            case PhysicalKind.Int64: text.Append(column.GetValues<long>()[row].ToString(inv)); break;
            case PhysicalKind.Int32: text.Append(column.GetValues<int>()[row].ToString(inv)); break;
            case PhysicalKind.Int16: text.Append(column.GetValues<short>()[row].ToString(inv)); break;
            case PhysicalKind.Utf8: text.Append(System.Text.Json.JsonSerializer.Serialize(column.GetString(row))); break;
            default: text.Append(column.GetValues<byte>()[row].ToString(inv)); break;
        }
    }
}
