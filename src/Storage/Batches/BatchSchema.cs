using PredictEngine.Storage.Types;

namespace PredictEngine.Storage.Batches;

public sealed record ColumnField(string Name, SqlType Type);

/// <summary>The names and types of a batch's columns. Names compare case-insensitively, as SQL Server's default collation does.</summary>
public sealed class BatchSchema
{
    public BatchSchema(IReadOnlyList<ColumnField> fields)
    {
        Fields = fields;
    }

    public IReadOnlyList<ColumnField> Fields { get; }

    public int Count => Fields.Count;

    public ColumnField this[int index] => Fields[index];

    /// <summary>The ordinal of a column by name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public BatchSchema Append(IEnumerable<ColumnField> more) => new([.. Fields, .. more]);

    public override string ToString() => string.Join(", ", Fields.Select(f => $"{f.Name} {f.Type}"));
}
