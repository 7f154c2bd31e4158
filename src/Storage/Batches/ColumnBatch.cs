namespace PredictEngine.Storage.Batches;

/// <summary>
/// A set of equally long columns: the unit that flows from a scan through the scoring operator to the
/// client. A batch owns one reference to each of its vectors; <see cref="WithAppendedColumns"/> shares
/// the existing vectors with the new batch instead of copying them.
/// </summary>
public sealed class ColumnBatch : IDisposable
{
    private readonly ColumnVector[] _columns;
    private bool _disposed;

    /// <summary>Takes ownership of one reference to each vector.</summary>
    public ColumnBatch(BatchSchema schema, ColumnVector[] columns, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (schema.Count != columns.Length)
        {
            throw new ArgumentException($"The schema has {schema.Count} columns but {columns.Length} vectors were given.", nameof(columns));
        }

        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length != rowCount)
            {
                throw new ArgumentException($"Column '{schema[i].Name}' has {columns[i].Length} rows, the batch {rowCount}.", nameof(columns));
            }

            if (columns[i].Type != schema[i].Type)
            {
                throw new ArgumentException($"Column '{schema[i].Name}' is {columns[i].Type}, the schema says {schema[i].Type}.", nameof(columns));
            }
        }

        Schema = schema;
        _columns = columns;
        RowCount = rowCount;
    }

    public BatchSchema Schema { get; }

    public int RowCount { get; }

    public int ColumnCount => _columns.Length;

    public ColumnVector this[int index] => _columns[index];

    public ColumnVector this[string name]
    {
        get
        {
            var index = Schema.IndexOf(name);
            return index < 0 ? throw new KeyNotFoundException($"The batch has no column '{name}'.") : _columns[index];
        }
    }

    /// <summary>
    /// A new batch with this batch's columns (shared, not copied) followed by <paramref name="appended"/>,
    /// whose references it takes over (only if it succeeds). This batch stays valid and must still be disposed.
    /// </summary>
    public ColumnBatch WithAppendedColumns(IReadOnlyList<ColumnField> fields, ColumnVector[] appended)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(appended);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var all = new ColumnVector[_columns.Length + appended.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            all[i] = _columns[i].Retain();
        }

        appended.CopyTo(all, _columns.Length);
        try
        {
            return new ColumnBatch(Schema.Append(fields), all, RowCount);
        }
        catch
        {
            // Give back the references taken above; the appended vectors stay the caller's to dispose.
            for (var i = 0; i < _columns.Length; i++)
            {
                _columns[i].Dispose();
            }

            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var column in _columns)
        {
            column.Dispose();
        }
    }
}
