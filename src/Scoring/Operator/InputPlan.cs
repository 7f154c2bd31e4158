using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.Scoring.Operator;

/// <summary>
/// How one model input is built from a batch, decided once when the operator is planned. At run time a
/// column whose buffer already has the tensor's layout is lent to ONNX Runtime pinned, without a copy.
/// An <c>[N,F]</c> input whose columns all have the tensor's layout is interleaved into one pooled
/// buffer by <see cref="ColumnInterleaver"/> (a transpose of bits, vectorised); any other is converted
/// value by value, column by column in row blocks.
/// </summary>
internal sealed unsafe class InputPlan
{
    // Rows per block of the converting fill: the F columns write into the same rows while those are
    // still in L1/L2 (at F = 30 floats a block is 15 KiB of target); for that shape 1024-row blocks
    // measured about 30% slower.
    private const int RowBlock = 128;

    public InputPlan(ModelNode node, int[] ordinals, string[] columns, InputBinding binding)
    {
        Node = node;
        Ordinals = ordinals;
        Columns = columns;
        Binding = binding;
    }

    public ModelNode Node { get; }

    public int[] Ordinals { get; }

    public string[] Columns { get; }

    public InputBinding Binding { get; }

    private int Width => Ordinals.Length;

    /// <summary>Builds the input value for <paramref name="batch"/>; buffers it rents are added to <paramref name="rented"/> for the caller to return after the run.</summary>
    public OrtValue Build(ColumnBatch batch, List<byte[]> rented)
    {
        var rows = batch.RowCount;
        CheckNulls(batch);
        Span<long> shape = stackalloc long[Node.Rank];
        shape[0] = rows;
        if (Node.Rank == 2)
        {
            shape[1] = Width;
        }

        if (Node.ElementType == OnnxElementType.String)
        {
            var column = batch[Ordinals[0]];
            return OrtValue.CreateStringTensor(column.Offsets, column.Data, rows, shape);
        }

        if (Width == 1 && !batch[Ordinals[0]].HasNulls && TensorTypeRules.SameLayout(batch[Ordinals[0]].Type.Physical, Node.ElementType))
        {
            var values = batch[Ordinals[0]].ValuesMemory;
            return OrtValue.CreateTensor(values.Pin(), (nuint)values.Length, shape, Node.ElementType);
        }

        var size = OnnxElementTypes.Size(Node.ElementType);
        var total = (long)rows * Width * size;
        if (total > Array.MaxLength)
        {
            throw new EngineException(ErrorNumbers.ModelInputMismatch, 16, 1,
                $"Model input '{Node.Name}' would need {total:N0} bytes for {rows:N0} rows of {Width} column(s), more than one buffer holds. Use smaller batches (batchRows in predict.json).");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max((int)total, 1));
        rented.Add(buffer);
        var bytes = buffer.AsSpan(0, (int)total);
        switch (Node.ElementType)
        {
            case OnnxElementType.Float: Fill(batch, MemoryMarshal.Cast<byte, float>(bytes)); break;
            case OnnxElementType.Double: Fill(batch, MemoryMarshal.Cast<byte, double>(bytes)); break;
            case OnnxElementType.Int64: Fill(batch, MemoryMarshal.Cast<byte, long>(bytes)); break;
            case OnnxElementType.Int32: Fill(batch, MemoryMarshal.Cast<byte, int>(bytes)); break;
            case OnnxElementType.Int16: Fill(batch, MemoryMarshal.Cast<byte, short>(bytes)); break;
            case OnnxElementType.Int8: Fill(batch, MemoryMarshal.Cast<byte, sbyte>(bytes)); break;
            default: Fill(batch, bytes); break; // uint8 and bool: one byte per value
        }

        return OrtValue.CreateTensor(buffer.AsMemory(0, bytes.Length).Pin(), (nuint)bytes.Length, shape, Node.ElementType);
    }

    private void CheckNulls(ColumnBatch batch)
    {
        if (Binding.Nulls != NullHandling.Reject)
        {
            return;
        }

        for (var c = 0; c < Width; c++)
        {
            var column = batch[Ordinals[c]];
            if (column.HasNulls)
            {
                throw new EngineException(ErrorNumbers.ModelInputNull, 16, 1,
                    $"Column '{Columns[c]}' has {column.NullCount} NULL value(s) in this batch of {batch.RowCount} rows, and model input '{Node.Name}' ({Node.TypeText}) cannot take NULL. Filter them out (WHERE {Columns[c]} IS NOT NULL), replace them (ISNULL({Columns[c]}, 0)), or register the model with a NULL policy of NaN or a default value.");
            }
        }
    }

    private void Fill<T>(ColumnBatch batch, Span<T> target)
        where T : unmanaged, INumberBase<T>
    {
        if (AllSameLayout(batch))
        {
            Interleave(batch, target);
        }
        else
        {
            Convert(batch, target);
        }

        for (var c = 0; c < Width; c++)
        {
            var column = batch[Ordinals[c]];
            if (column.HasNulls)
            {
                ReplaceNulls(column, target, c);
            }
        }
    }

    private bool AllSameLayout(ColumnBatch batch)
    {
        for (var c = 0; c < Width; c++)
        {
            if (!TensorTypeRules.SameLayout(batch[Ordinals[c]].Type.Physical, Node.ElementType))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Columns already in the element layout: pin them and move their bits into the [N,F] buffer.</summary>
    private void Interleave<T>(ColumnBatch batch, Span<T> target)
        where T : unmanaged
    {
        var pins = new MemoryHandle[Width];
        var columns = Width <= 256 ? stackalloc nint[Width] : new nint[Width];
        try
        {
            for (var c = 0; c < Width; c++)
            {
                pins[c] = batch[Ordinals[c]].ValuesMemory.Pin();
                columns[c] = (nint)pins[c].Pointer;
            }

            fixed (T* to = target)
            {
                ColumnInterleaver.Interleave(columns, (byte*)to, batch.RowCount, sizeof(T));
            }
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
    }

    /// <summary>Columns that widen to the element type (smallint to float, int to double, ...): convert value by value.</summary>
    private void Convert<T>(ColumnBatch batch, Span<T> target)
        where T : unmanaged, INumberBase<T>
    {
        var rows = batch.RowCount;
        for (var start = 0; start < rows; start += RowBlock)
        {
            var count = Math.Min(RowBlock, rows - start);
            for (var c = 0; c < Width; c++)
            {
                var column = batch[Ordinals[c]];
                switch (column.Type.Physical)
                {
                    case PhysicalKind.Float32: Copy(column.GetValues<float>().Slice(start, count), target, start, c); break;
                    case PhysicalKind.Float64: Copy(column.GetValues<double>().Slice(start, count), target, start, c); break;
                    case PhysicalKind.Int64: Copy(column.GetValues<long>().Slice(start, count), target, start, c); break;
                    case PhysicalKind.Int32: Copy(column.GetValues<int>().Slice(start, count), target, start, c); break;
                    case PhysicalKind.Int16: Copy(column.GetValues<short>().Slice(start, count), target, start, c); break;
                    default: Copy(column.GetValues<byte>().Slice(start, count), target, start, c); break; // uint8, bit
                }
            }
        }
    }

    private void Copy<TSource, T>(ReadOnlySpan<TSource> source, Span<T> target, int start, int column)
        where TSource : unmanaged, INumberBase<TSource>
        where T : unmanaged, INumberBase<T>
    {
        var width = Width;
        if (width == 1 && typeof(TSource) == typeof(T))
        {
            MemoryMarshal.Cast<TSource, T>(source).CopyTo(target[start..]);
            return;
        }

        ref var to = ref MemoryMarshal.GetReference(target);
        var at = (start * width) + column;
        for (var i = 0; i < source.Length; i++, at += width)
        {
            Unsafe.Add(ref to, at) = T.CreateTruncating(source[i]);
        }
    }

    /// <summary>Overwrites the NULL rows of column <paramref name="c"/> (whatever the fill left there) with the binding's NULL value.</summary>
    private void ReplaceNulls<T>(ColumnVector column, Span<T> target, int c)
        where T : unmanaged, INumberBase<T>
    {
        var value = Binding.Nulls == NullHandling.NaN ? T.CreateSaturating(double.NaN) : T.CreateSaturating(Binding.DefaultValue);
        for (var r = 0; r < column.Length; r++)
        {
            if (column.IsNull(r))
            {
                target[(r * Width) + c] = value;
            }
        }
    }
}
