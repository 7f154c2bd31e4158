using System.Numerics;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Predict;

/// <summary>
/// Converts a model output column to the type its WITH column declares: the same type (shared, not
/// copied), a lossless numeric widening, or a string type (checked for truncation). Anything lossy is
/// refused when PREDICT is bound.
/// </summary>
public static class OutputConversions
{
    public static bool CanConvert(SqlType from, SqlType to)
    {
        if (from.IsString || to.IsString)
        {
            return from.IsString && to.IsString;
        }

        if (from.Id == to.Id)
        {
            return true;
        }

        return (from.Id, to.Id) switch
        {
            (SqlTypeId.Bit, SqlTypeId.TinyInt or SqlTypeId.SmallInt or SqlTypeId.Int or SqlTypeId.BigInt or SqlTypeId.Real or SqlTypeId.Float) => true,
            (SqlTypeId.TinyInt, SqlTypeId.SmallInt or SqlTypeId.Int or SqlTypeId.BigInt or SqlTypeId.Real or SqlTypeId.Float) => true,
            (SqlTypeId.SmallInt, SqlTypeId.Int or SqlTypeId.BigInt or SqlTypeId.Real or SqlTypeId.Float) => true,
            (SqlTypeId.Int, SqlTypeId.BigInt or SqlTypeId.Float) => true,
            (SqlTypeId.Real, SqlTypeId.Float) => true,
            _ => false,
        };
    }

    /// <summary>The column as <paramref name="to"/>; the caller owns the returned reference.</summary>
    public static ColumnVector Convert(ColumnVector source, SqlType to, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Type.IsString)
        {
            CheckLength(source, to, column);
            return source.Type == to ? source.Retain() : Relabel(source, to);
        }

        if (source.Type == to)
        {
            return source.Retain();
        }

        var target = ColumnVector.Allocate(to, source.Length);
        try
        {
            switch (source.Type.Physical)
            {
                case PhysicalKind.Bool8 or PhysicalKind.UInt8: Widen(source.GetValues<byte>(), target); break;
                case PhysicalKind.Int16: Widen(source.GetValues<short>(), target); break;
                case PhysicalKind.Int32: Widen(source.GetValues<int>(), target); break;
                case PhysicalKind.Float32: Widen(source.GetValues<float>(), target); break;
                default: throw new EngineException(ErrorNumbers.ConversionFailed, 16, 1, $"Cannot convert {source.Type} to {to} for WITH column '{column}'.");
            }

            target.SetLength(source.Length);
            if (source.HasNulls)
            {
                target.CopyValidity(source.Validity, 0, 0, source.Length);
            }

            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> values, ColumnVector target)
        where T : unmanaged, INumberBase<T>
    {
        switch (target.Type.Physical)
        {
            case PhysicalKind.UInt8: Copy(values, target.GetWritableValues<byte>()); break;
            case PhysicalKind.Int16: Copy(values, target.GetWritableValues<short>()); break;
            case PhysicalKind.Int32: Copy(values, target.GetWritableValues<int>()); break;
            case PhysicalKind.Int64: Copy(values, target.GetWritableValues<long>()); break;
            case PhysicalKind.Float32: Copy(values, target.GetWritableValues<float>()); break;
            default: Copy(values, target.GetWritableValues<double>()); break;
        }
    }

    private static void Copy<TFrom, TTo>(ReadOnlySpan<TFrom> from, Span<TTo> to)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        for (var i = 0; i < from.Length; i++)
        {
            to[i] = TTo.CreateTruncating(from[i]);
        }
    }

    private static void CheckLength(ColumnVector source, SqlType to, string column)
    {
        if (to.Length == SqlType.MaxLength)
        {
            return;
        }

        for (var r = 0; r < source.Length; r++)
        {
            if (!source.IsNull(r) && System.Text.Encoding.UTF8.GetCharCount(source.GetBytes(r)) > to.Length)
            {
                throw new EngineException(2628, 16, 1, $"String or binary data would be truncated in WITH column '{column}' ({to}): a prediction is {System.Text.Encoding.UTF8.GetCharCount(source.GetBytes(r))} characters. Declare the column longer or nvarchar(max).");
            }
        }
    }

    /// <summary>Strings keep their bytes; only the declared type changes, so the values are copied once.</summary>
    private static ColumnVector Relabel(ColumnVector source, SqlType to)
    {
        var target = ColumnVector.Allocate(to, source.Length, Math.Max(source.Data.Length, 16));
        for (var r = 0; r < source.Length; r++)
        {
            if (source.IsNull(r))
            {
                target.AppendNull();
            }
            else
            {
                target.AppendBytes(source.GetBytes(r));
            }
        }

        return target;
    }
}
