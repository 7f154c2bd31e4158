using System.Buffers;
using System.Text;

namespace PredictEngine.Storage.Batches;

/// <summary>Append-only writing of variable-width (Utf8/Binary) vectors.</summary>
public sealed partial class ColumnVector
{
    public void AppendBytes(ReadOnlySpan<byte> value)
    {
        var target = ReserveBytes(value.Length);
        value.CopyTo(target);
        CommitBytes(value.Length);
    }

    /// <summary>Encodes <paramref name="value"/> as UTF-8 straight into the data buffer.</summary>
    public void AppendString(ReadOnlySpan<char> value)
    {
        var target = ReserveBytes(Encoding.UTF8.GetMaxByteCount(value.Length));
        CommitBytes(Encoding.UTF8.GetBytes(value, target));
    }

    public void AppendNull()
    {
        EnsureVariable();
        if (Length == Capacity)
        {
            GrowRows();
        }

        SetNull(Length);
        CommitBytes(0);
    }

    /// <summary>Returns room for at least <paramref name="byteCount"/> bytes of the next value; finish with <see cref="CommitBytes"/>.</summary>
    public Span<byte> ReserveBytes(int byteCount)
    {
        EnsureVariable();
        if (Length == Capacity)
        {
            GrowRows();
        }

        var start = _offsets![Length];
        var needed = (long)start + byteCount;
        if (needed > int.MaxValue)
        {
            throw new InvalidOperationException("A batch column cannot hold more than 2 GiB of variable-width data; use smaller batches.");
        }

        if (needed > _values.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(int.MaxValue, Math.Max(needed, (long)_values.Length * 2)));
            _values.AsSpan(0, start).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_values);
            _values = grown;
        }

        return _values.AsSpan(start, byteCount);
    }

    /// <summary>Ends the value started by <see cref="ReserveBytes"/>, <paramref name="byteCount"/> bytes long.</summary>
    public void CommitBytes(int byteCount)
    {
        EnsureVariable();
        _offsets![Length + 1] = _offsets[Length] + byteCount;
        Length++;
    }

    private void GrowRows()
    {
        var capacity = Math.Max(Capacity * 2, 16);
        var offsets = ArrayPool<int>.Shared.Rent(capacity + 1);
        _offsets.AsSpan(0, Length + 1).CopyTo(offsets);
        ArrayPool<int>.Shared.Return(_offsets!);
        _offsets = offsets;
        if (_validity is not null)
        {
            var validity = ArrayPool<byte>.Shared.Rent(Bitmap.BytesFor(capacity + 1));
            validity.AsSpan().Fill(0xFF);
            _validity.AsSpan(0, Bitmap.BytesFor(Capacity + 1)).CopyTo(validity);
            ArrayPool<byte>.Shared.Return(_validity);
            _validity = validity;
        }

        Capacity = capacity;
    }
}
