using System.Globalization;
using System.Text;
using PredictEngine.Scoring.Native;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.Scoring.Operator;

/// <summary>
/// Turns model outputs into columns: a <c>[N]</c> or <c>[N,1]</c> tensor becomes one column named after
/// the output, <c>[N,K]</c> becomes <c>name_0 … name_{K-1}</c>, and a sequence of maps (ZipMap) becomes
/// one column per key, <c>name_key</c>, in the map's key order.
/// </summary>
internal static unsafe class OutputReader
{
    public static void Read(OrtValue value, ModelNode node, int rows, List<ColumnField> fields, List<ColumnVector> vectors)
    {
        if (node.IsSequenceOfMaps)
        {
            ReadMaps(value.Handle, node, rows, fields, vectors);
            return;
        }

        if (!node.IsTensor)
        {
            throw Unsupported(node, "only tensors and sequences of maps can become columns");
        }

        var (element, shape) = value.TensorInfo;
        var width = shape.Length switch
        {
            1 => 1,
            2 => checked((int)shape[1]),
            _ => throw Unsupported(node, $"it has rank {shape.Length}; columns need [N], [N,1] or [N,K]"),
        };
        if (shape[0] != rows)
        {
            throw Unsupported(node, $"it has {shape[0]} rows for a batch of {rows}; PREDICT needs one output row per input row");
        }

        var type = TensorTypeRules.OutputSqlType(element) ?? throw Unsupported(node, $"its element type {OnnxElementTypes.Name(element)} has no SQL Server type");
        if (element == OnnxElementType.String)
        {
            ReadStrings(value, node, rows, width, fields, vectors);
            return;
        }

        var data = (byte*)value.RawData();
        for (var k = 0; k < width; k++)
        {
            var vector = ColumnVector.Allocate(type, rows);
            try
            {
                CopyColumn(element, data, width, k, rows, vector);
            }
            catch
            {
                vector.Dispose();
                throw;
            }

            vectors.Add(vector);
            fields.Add(new ColumnField(width == 1 ? node.Name : Indexed(node.Name, k), type));
        }
    }

    private static string Indexed(string name, int k) => string.Create(CultureInfo.InvariantCulture, $"{name}_{k}");

    private static void CopyColumn(OnnxElementType element, byte* data, int width, int k, int rows, ColumnVector vector)
    {
        switch (element)
        {
            case OnnxElementType.Float: Strided((float*)data, width, k, rows, vector.GetWritableValues<float>()); break;
            case OnnxElementType.Double: Strided((double*)data, width, k, rows, vector.GetWritableValues<double>()); break;
            case OnnxElementType.Int64: Strided((long*)data, width, k, rows, vector.GetWritableValues<long>()); break;
            case OnnxElementType.Int32: Strided((int*)data, width, k, rows, vector.GetWritableValues<int>()); break;
            case OnnxElementType.Int16: Strided((short*)data, width, k, rows, vector.GetWritableValues<short>()); break;
            case OnnxElementType.Int8: Widen((sbyte*)data, width, k, rows, vector.GetWritableValues<short>()); break;
            case OnnxElementType.UInt16: Widen((ushort*)data, width, k, rows, vector.GetWritableValues<int>()); break;
            case OnnxElementType.UInt32: Widen((uint*)data, width, k, rows, vector.GetWritableValues<long>()); break;
            default: Strided(data, width, k, rows, vector.GetWritableValues<byte>()); break; // uint8, bool
        }

        vector.SetLength(rows);
    }

    private static void Strided<T>(T* data, int width, int k, int rows, Span<T> target)
        where T : unmanaged
    {
        if (width == 1)
        {
            new ReadOnlySpan<T>(data, rows).CopyTo(target);
            return;
        }

        for (var r = 0; r < rows; r++)
        {
            target[r] = data[(r * width) + k];
        }
    }

    private static void Widen<TFrom, T>(TFrom* data, int width, int k, int rows, Span<T> target)
        where TFrom : unmanaged, System.Numerics.INumberBase<TFrom>
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (var r = 0; r < rows; r++)
        {
            target[r] = T.CreateTruncating(data[(r * width) + k]);
        }
    }

    private static void ReadStrings(OrtValue value, ModelNode node, int rows, int width, List<ColumnField> fields, List<ColumnVector> vectors)
    {
        var (data, offsets) = value.GetStringContent(rows * width);
        for (var k = 0; k < width; k++)
        {
            var vector = ColumnVector.Allocate(SqlType.NVarChar(SqlType.MaxLength), rows, data.Length / Math.Max(width, 1) + 16);
            for (var r = 0; r < rows; r++)
            {
                var i = (r * width) + k;
                var end = i + 1 < offsets.Length ? (int)offsets[i + 1] : data.Length;
                vector.AppendBytes(data.AsSpan((int)offsets[i], end - (int)offsets[i]));
            }

            vectors.Add(vector);
            fields.Add(new ColumnField(width == 1 ? node.Name : Indexed(node.Name, k), vector.Type));
        }
    }

    /// <summary>
    /// ZipMap: N maps with the same keys. Keys are read from the first map; each row's value tensor is
    /// read in place through raw handles, so the only per-row cost is native (the C API hands out each
    /// map as its own value; prefer models exported without ZipMap for speed).
    /// </summary>
    private static void ReadMaps(nint sequence, ModelNode node, int rows, List<ColumnField> fields, List<ColumnVector> vectors)
    {
        nuint count = 0;
        OrtNative.Check(OrtNative.GetValueCount(sequence, &count), "counting map outputs");
        if ((int)count != rows)
        {
            throw Unsupported(node, $"it has {count} maps for a batch of {rows} rows");
        }

        var type = TensorTypeRules.OutputSqlType(node.MapValueType) ?? throw Unsupported(node, $"its map values are {OnnxElementTypes.Name(node.MapValueType)}");
        var size = OnnxElementTypes.Size(node.MapValueType);
        var first = vectors.Count;
        for (var r = 0; r < rows; r++)
        {
            var map = Element(sequence, r);
            var values = Element(map, 1);
            try
            {
                if (r == 0)
                {
                    foreach (var key in ReadKeys(map, node))
                    {
                        vectors.Add(ColumnVector.Allocate(type, rows));
                        fields.Add(new ColumnField($"{node.Name}_{key}", type));
                    }
                }

                void* data = null;
                OrtNative.Check(OrtNative.GetTensorMutableData(values, &data), "reading map values");
                for (var k = first; k < vectors.Count; k++)
                {
                    new ReadOnlySpan<byte>((byte*)data + ((k - first) * size), size).CopyTo(vectors[k].GetWritableValues<byte>().Slice(r * size, size));
                }
            }
            finally
            {
                OrtNative.ReleaseValue(values);
                OrtNative.ReleaseValue(map);
            }
        }

        for (var k = first; k < vectors.Count; k++)
        {
            vectors[k].SetLength(rows);
        }
    }

    private static string[] ReadKeys(nint map, ModelNode node)
    {
        var keys = Element(map, 0);
        try
        {
            nuint count = 0;
            nint info = 0;
            OrtNative.Check(OrtNative.GetTensorTypeAndShape(keys, &info), "reading map keys");
            using (var owned = new OrtTensorInfoHandle())
            {
                owned.Adopt(info);
                var (_, dims, _) = ModelSession.DescribeTensor(info);
                count = (nuint)OrtValue.ElementCount(dims);
            }

            if (node.MapKeyType == OnnxElementType.String)
            {
                nuint length = 0;
                OrtNative.Check(OrtNative.GetStringTensorDataLength(keys, &length), "measuring map keys");
                var bytes = new byte[(int)length];
                var offsets = new nuint[(int)count];
                fixed (byte* b = bytes)
                fixed (nuint* o = offsets)
                {
                    OrtNative.Check(OrtNative.GetStringTensorContent(keys, b, length, o, count), "reading map keys");
                }

                return [.. Enumerable.Range(0, (int)count).Select(i => Encoding.UTF8.GetString(bytes, (int)offsets[i], (i + 1 < (int)count ? (int)offsets[i + 1] : bytes.Length) - (int)offsets[i]))];
            }

            void* data = null;
            OrtNative.Check(OrtNative.GetTensorMutableData(keys, &data), "reading map keys");
            return [.. new ReadOnlySpan<long>(data, (int)count).ToArray().Select(k => k.ToString(CultureInfo.InvariantCulture))];
        }
        finally
        {
            OrtNative.ReleaseValue(keys);
        }
    }

    private static nint Element(nint value, int index)
    {
        nint element = 0;
        OrtNative.Check(OrtNative.GetValue(value, index, OnnxRuntime.DefaultAllocator, &element), "reading a map output");
        return element;
    }

    private static EngineException Unsupported(ModelNode node, string why) => new(ErrorNumbers.ModelInputMismatch, 16, 1,
        $"Model output '{node.Name}' ({node.TypeText}) cannot be returned as columns: {why}.");
}
