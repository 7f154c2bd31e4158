using System.Globalization;
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
    public static ColumnBatch Apply(ColumnBatch scored, int dataColumns, PredictBinding plan)
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

    /// <summary>
    /// A multi-valued output as JSON: an array for [N,K], an object keyed like ZipMap's maps. Keys are
    /// encoded once and numbers formatted in place, so a row costs no allocation (string values aside).
    /// </summary>
    private static ColumnVector Json(ColumnBatch scored, int dataColumns, OutputColumn output)
    {
        var prefix = output.Output.Name + "_";
        var asObject = output.Output.IsSequenceOfMaps;
        var parts = Enumerable.Range(dataColumns, scored.ColumnCount - dataColumns)
            .Where(c => scored.Schema[c].Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => (Key: asObject ? System.Text.Json.JsonSerializer.Serialize(scored.Schema[c].Name[prefix.Length..]) + ":" : string.Empty, Column: scored[c]))
            .ToArray();
        var vector = ColumnVector.Allocate(SqlType.NVarChar(SqlType.MaxLength), scored.RowCount);
        var text = new JsonText();
        try
        {
            for (var r = 0; r < scored.RowCount; r++)
            {
                text.Clear();
                text.Append(asObject ? "{" : "[");
                for (var p = 0; p < parts.Length; p++)
                {
                    text.Append(p > 0 ? "," : string.Empty);
                    text.Append(parts[p].Key);
                    AppendValue(text, parts[p].Column, r);
                }

                text.Append(asObject ? "}" : "]");
                vector.AppendString(text.Written);
            }

            return vector;
        }
        catch
        {
            vector.Dispose();
            throw;
        }
        finally
        {
            text.Dispose();
        }
    }

    private static void AppendValue(JsonText text, ColumnVector column, int row)
    {
        if (column.IsNull(row))
        {
            text.Append("null");
            return;
        }

        switch (column.Type.Physical)
        {
            // JSON has no NaN or infinity: they become null.
            case PhysicalKind.Float32 when !float.IsFinite(column.GetValues<float>()[row]):
            case PhysicalKind.Float64 when !double.IsFinite(column.GetValues<double>()[row]):
                text.Append("null");
                break;
            case PhysicalKind.Float32: text.Format(column.GetValues<float>()[row], "R"); break;
            case PhysicalKind.Float64: text.Format(column.GetValues<double>()[row], "R"); break;
            case PhysicalKind.Int64: text.Format(column.GetValues<long>()[row], null); break;
            case PhysicalKind.Int32: text.Format(column.GetValues<int>()[row], null); break;
            case PhysicalKind.Int16: text.Format(column.GetValues<short>()[row], null); break;
            case PhysicalKind.Utf8: text.Append(System.Text.Json.JsonSerializer.Serialize(column.GetString(row))); break;
            default: text.Format(column.GetValues<byte>()[row], null); break;
        }
    }

    /// <summary>A reusable, pooled character buffer for one JSON value at a time.</summary>
    private sealed class JsonText : IDisposable
    {
        private char[] _buffer = System.Buffers.ArrayPool<char>.Shared.Rent(256);
        private int _length;

        public ReadOnlySpan<char> Written => _buffer.AsSpan(0, _length);

        public void Clear() => _length = 0;

        public void Append(string value)
        {
            Ensure(value.Length);
            value.CopyTo(_buffer.AsSpan(_length));
            _length += value.Length;
        }

        public void Format<T>(T value, string? format)
            where T : ISpanFormattable
        {
            int written;
            while (!value.TryFormat(_buffer.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
            {
                Ensure(_buffer.Length);
            }

            _length += written;
        }

        public void Dispose() => System.Buffers.ArrayPool<char>.Shared.Return(_buffer);

        private void Ensure(int more)
        {
            if (_length + more <= _buffer.Length)
            {
                return;
            }

            var grown = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
            _buffer.AsSpan(0, _length).CopyTo(grown);
            System.Buffers.ArrayPool<char>.Shared.Return(_buffer);
            _buffer = grown;
        }
    }
}
