using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>
/// Gives a storage result the names and T-SQL types the translator determined (DuckDB names an unaliased
/// expression after its text and knows no varchar lengths). The TDS writer encodes each value by its
/// vector's type, so a column is retyped by copying it into a vector of the new type; that is only done
/// between types of the same physical layout (and, for decimals, scale). Other columns keep their storage type.
/// </summary>
internal sealed class ResultShape
{
    private readonly SqlType?[] _retype;

    private ResultShape(BatchSchema schema, SqlType?[] retype)
    {
        Schema = schema;
        _retype = retype;
    }

    public BatchSchema Schema { get; }

    /// <summary>Whether any column must be copied; otherwise the storage batch goes out as it is (the writer reads only vectors).</summary>
    public bool Copies => Array.Exists(_retype, t => t is not null);

    public static ResultShape For(BatchSchema storage, IReadOnlyList<ResultColumn>? columns)
    {
        var retype = new SqlType?[storage.Count];
        if (columns is null || columns.Count != storage.Count)
        {
            return new ResultShape(storage, retype);
        }

        var fields = new ColumnField[storage.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var have = storage[i].Type;
            var want = columns[i].Type;
            var compatible = want != have && want.Physical == have.Physical && (want.Physical != PhysicalKind.Decimal128 || want.Scale == have.Scale);
            retype[i] = compatible ? want : null;
            fields[i] = new ColumnField(columns[i].Name, compatible ? want : have);
        }

        return new ResultShape(new BatchSchema(fields), retype);
    }

    /// <summary>The batch in this shape; the caller disposes both the original and the result.</summary>
    public ColumnBatch Apply(ColumnBatch batch)
    {
        var vectors = new ColumnVector[batch.ColumnCount];
        for (var c = 0; c < vectors.Length; c++)
        {
            vectors[c] = _retype[c] is { } type ? Copy(batch[c], type, batch.RowCount) : batch[c].Retain();
        }

        return new ColumnBatch(Schema, vectors, batch.RowCount);
    }

    private static ColumnVector Copy(ColumnVector source, SqlType type, int rows)
    {
        if (type.IsVariableWidth)
        {
            var variable = ColumnVector.Allocate(type, Math.Max(rows, 1), Math.Max(source.Data.Length, 16));
            for (var r = 0; r < rows; r++)
            {
                if (source.IsNull(r))
                {
                    variable.AppendNull();
                }
                else
                {
                    variable.AppendBytes(source.GetBytes(r));
                }
            }

            return variable;
        }

        var fixedWidth = ColumnVector.Allocate(type, rows);
        source.ValuesMemory.Span.CopyTo(fixedWidth.GetWritableValues<byte>());
        for (var r = 0; r < rows; r++)
        {
            if (source.IsNull(r))
            {
                fixedWidth.SetNull(r);
            }
        }

        fixedWidth.SetLength(rows);
        return fixedWidth;
    }
}
