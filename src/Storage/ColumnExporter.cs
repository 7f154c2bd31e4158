using System.Buffers.Binary;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Native;
using PredictEngine.Storage.Types;

namespace PredictEngine.Storage;

/// <summary>
/// Writes rows of a <see cref="ColumnVector"/> into one DuckDB data-chunk vector of the target table's
/// column type: the inverse of <see cref="ColumnImporter"/>. The batch column must have the physical
/// kind the table column maps to (docs/types.md); converting between types is the caller's CAST.
/// </summary>
internal sealed unsafe class ColumnExporter
{
    private const long UuidSignFlip = unchecked((long)0x8000_0000_0000_0000UL);
    private readonly DuckDbType _target;
    private readonly DuckDbType _decimalStorage;
    private readonly byte _width;
    private readonly byte _scale;
    private readonly PhysicalKind _expected;

    private ColumnExporter(DuckDbType target, DuckDbType decimalStorage, byte width, byte scale, PhysicalKind expected)
    {
        _target = target;
        _decimalStorage = decimalStorage;
        _width = width;
        _scale = scale;
        _expected = expected;
    }

    public static ColumnExporter For(nint logicalType)
    {
        var id = DuckDbNative.get_type_id(logicalType);
        if (id == DuckDbType.Decimal)
        {
            return new ColumnExporter(id, DuckDbNative.decimal_internal_type(logicalType), DuckDbNative.decimal_width(logicalType), DuckDbNative.decimal_scale(logicalType), PhysicalKind.Decimal128);
        }

        var kind = DuckDbTypeMapping.FromDuckDb(id, 0, 0, "?").Physical;
        return new ColumnExporter(id, DuckDbType.Invalid, 0, 0, kind);
    }

    public void CheckSource(ColumnField field, string table)
    {
        var ok = field.Type.Physical == _expected
            && (_expected != PhysicalKind.Decimal128 || field.Type.Scale == _scale)
            && !(_target is DuckDbType.TinyInt or DuckDbType.USmallInt or DuckDbType.UInteger or DuckDbType.UBigInt or DuckDbType.HugeInt
                or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs);
        if (!ok)
        {
            throw new EngineException(ErrorNumbers.ConversionFailed, 16, 1,
                $"Cannot bulk load column '{field.Name}' ({field.Type}) into '{table}': the table column is {_target.ToString().ToUpperInvariant()}{(_expected == PhysicalKind.Decimal128 ? $" with scale {_scale}" : string.Empty)}. CAST the source column to the table column's type.");
        }
    }

    public void Export(ColumnVector source, int start, int rows, nint vector)
    {
        var data = (byte*)DuckDbNative.vector_get_data(vector);
        if (source.HasNulls)
        {
            DuckDbNative.vector_ensure_validity_writable(vector);
            var validity = (byte*)DuckDbNative.vector_get_validity(vector);
            Bitmap.CopyBits(source.Validity, start, new Span<byte>(validity, Bitmap.BytesFor(rows)), 0, rows);
        }

        if (source.Type.IsVariableWidth)
        {
            for (var i = 0; i < rows; i++)
            {
                if (source.HasNulls && source.IsNull(start + i))
                {
                    continue;
                }

                var value = source.GetBytes(start + i);
                fixed (byte* p = value)
                {
                    byte empty = 0;
                    DuckDbNative.vector_assign_string_element_len(vector, (ulong)i, p == null ? &empty : p, (ulong)value.Length);
                }
            }

            return;
        }

        var width = source.Type.FixedWidth;
        var src = source.GetValues<byte>().Slice(start * width, rows * width);
        switch (_expected)
        {
            case PhysicalKind.Decimal128:
                var decimals = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(src);
                CheckDecimalRange(source, decimals, start);
                ExportDecimal(decimals, data, rows);
                break;
            case PhysicalKind.Uuid16:
                var uuids = (DuckHugeInt*)data;
                for (var i = 0; i < rows; i++)
                {
                    var slot = src.Slice(i * 16, 16);
                    uuids[i].Upper = BinaryPrimitives.ReadInt64BigEndian(slot) ^ UuidSignFlip;
                    uuids[i].Lower = BinaryPrimitives.ReadUInt64BigEndian(slot[8..]);
                }

                break;
            default:
                src.CopyTo(new Span<byte>(data, rows * width));
                break;
        }
    }

    // The batch's precision may exceed the column's (only the scale must match): a value with more digits than
    // the column holds would be narrowed to its int16/int32/int64 storage and read back as another number.
    private void CheckDecimalRange(ColumnVector source, ReadOnlySpan<Int128> values, int start)
    {
        if (source.Type.Precision <= _width)
        {
            return;
        }

        Int128 limit = 1;
        for (var i = 0; i < _width; i++)
        {
            limit *= 10;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if ((values[i] >= limit || values[i] <= -limit) && !source.IsNull(start + i))
            {
                throw new EngineException(ErrorNumbers.ArithmeticOverflow, 16, 1,
                    $"Arithmetic overflow error converting {source.Type} to data type decimal({_width},{_scale}): row {start + i + 1} of the batch does not fit.");
            }
        }
    }

    private void ExportDecimal(ReadOnlySpan<Int128> values, byte* data, int rows)
    {
        switch (_decimalStorage)
        {
            case DuckDbType.SmallInt:
                for (var i = 0; i < rows; i++)
                {
                    ((short*)data)[i] = (short)values[i];
                }

                break;
            case DuckDbType.Integer:
                for (var i = 0; i < rows; i++)
                {
                    ((int*)data)[i] = (int)values[i];
                }

                break;
            case DuckDbType.BigInt:
                for (var i = 0; i < rows; i++)
                {
                    ((long*)data)[i] = (long)values[i];
                }

                break;
            default:
                values.CopyTo(new Span<Int128>(data, rows));
                break;
        }
    }
}
