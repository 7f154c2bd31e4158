using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using PredictEngine.Storage.Types;

namespace PredictEngine.Storage.Batches;

/// <summary>
/// One column of a batch in Arrow layout: an optional validity bitmap (absent = no nulls), a value
/// buffer (fixed-width kinds) or int32 offsets plus data bytes (Utf8/Binary). Buffers are rented from
/// the shared pools and returned when the last reference is disposed; batches share vectors by
/// <see cref="Retain"/> so a pass-through column is never copied.
/// Fixed-width vectors are written by row index through <see cref="GetWritableValues{T}"/> then
/// <see cref="SetLength"/>; variable-width vectors are append-only.
/// </summary>
public sealed partial class ColumnVector : IDisposable
{
    private byte[] _values;
    private byte[]? _validity;
    private int[]? _offsets;
    private int _nullCount;
    private int _refs = 1;

    private ColumnVector(SqlType type, int capacity, int dataBytes)
    {
        Type = type;
        Capacity = capacity;
        var width = type.FixedWidth;
        if (width == 0)
        {
            _offsets = ArrayPool<int>.Shared.Rent(capacity + 1);
            _offsets[0] = 0;
            _values = ArrayPool<byte>.Shared.Rent(Math.Max(dataBytes, 16));
        }
        else
        {
            _values = ArrayPool<byte>.Shared.Rent(Math.Max(capacity * width, 1));
        }
    }

    public SqlType Type { get; }

    public int Capacity { get; private set; }

    public int Length { get; private set; }

    public int NullCount => _nullCount;

    public bool HasNulls => _nullCount != 0;

    /// <summary>Rents buffers for <paramref name="capacity"/> rows; variable-width data starts at <paramref name="dataBytesHint"/> bytes and grows.</summary>
    public static ColumnVector Allocate(SqlType type, int capacity, int dataBytesHint = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return new ColumnVector(type, capacity, dataBytesHint == 0 ? capacity * 16 : dataBytesHint);
    }

    /// <summary>Adds a reference; each call must be paired with a <see cref="Dispose"/>.</summary>
    public ColumnVector Retain()
    {
        ObjectDisposedException.ThrowIf(Interlocked.Increment(ref _refs) <= 1, this);

        return this;
    }

    public void Dispose()
    {
        var left = Interlocked.Decrement(ref _refs);
        if (left != 0)
        {
            return;
        }

        ArrayPool<byte>.Shared.Return(_values);
        if (_validity is not null)
        {
            ArrayPool<byte>.Shared.Return(_validity);
        }

        if (_offsets is not null)
        {
            ArrayPool<int>.Shared.Return(_offsets);
        }

        _values = [];
        _validity = null;
        _offsets = null;
    }

    /// <summary>The value buffer of a fixed-width vector, <see cref="Length"/> elements.</summary>
    public ReadOnlySpan<T> GetValues<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(_values.AsSpan(0, Length * Type.FixedWidth));

    /// <summary>The value buffer of a fixed-width vector as memory, so a tensor can borrow it (pinned) without a copy.</summary>
    public ReadOnlyMemory<byte> ValuesMemory
    {
        get
        {
            EnsureFixed();
            return _values.AsMemory(0, Length * Type.FixedWidth);
        }
    }

    /// <summary>The whole value buffer of a fixed-width vector (<see cref="Capacity"/> elements) for writing by row.</summary>
    public Span<T> GetWritableValues<T>()
        where T : unmanaged
    {
        EnsureFixed();
        return MemoryMarshal.Cast<byte, T>(_values.AsSpan(0, Capacity * Type.FixedWidth));
    }

    /// <summary>The validity bitmap; empty when the vector has no nulls.</summary>
    public ReadOnlySpan<byte> Validity => _nullCount == 0 || _validity is null ? default : _validity.AsSpan(0, Bitmap.BytesFor(Length));

    /// <summary>Offsets of a variable-width vector: Length + 1 entries into <see cref="Data"/>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets is null ? default : _offsets.AsSpan(0, Length + 1);

    /// <summary>The concatenated bytes of a variable-width vector (UTF-8 for strings).</summary>
    public ReadOnlySpan<byte> Data => _offsets is null ? default : _values.AsSpan(0, _offsets[Length]);

    public bool IsNull(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row));
        }

        return _nullCount != 0 && _validity is not null && !Bitmap.Get(_validity, row);
    }

    public ReadOnlySpan<byte> GetBytes(int row)
    {
        EnsureVariable();
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row));
        }

        var start = _offsets![row];
        return _values.AsSpan(start, _offsets[row + 1] - start);
    }

    /// <summary>Decodes one string value; allocates, so keep it off per-row hot paths.</summary>
    public string GetString(int row) => Encoding.UTF8.GetString(GetBytes(row));

    /// <summary>Sets the row count of a fixed-width vector after its values were written by row.</summary>
    public void SetLength(int length)
    {
        EnsureFixed();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
    }

    public void SetNull(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Capacity, nameof(row));
        var validity = EnsureValidity();
        if (Bitmap.Get(validity, row))
        {
            Bitmap.Clear(validity, row);
            _nullCount++;
        }
    }

    /// <summary>
    /// Copies the validity of rows [row, row + count) from bits [sourceOffset, sourceOffset + count) of
    /// <paramref name="source"/>. The rows must not have been marked yet (readers fill front to back).
    /// </summary>
    public void CopyValidity(ReadOnlySpan<byte> source, int sourceOffset, int row, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(row + count, Capacity);
        var validity = EnsureValidity();
        Bitmap.CopyBits(source, sourceOffset, validity, row, count);
        if ((row & 7) == 0)
        {
            _nullCount += Bitmap.CountUnset(validity.AsSpan(row >> 3), count);
            return;
        }

        for (var i = row; i < row + count; i++)
        {
            _nullCount += Bitmap.Get(validity, i) ? 0 : 1;
        }
    }

    private byte[] EnsureValidity()
    {
        if (_validity is null)
        {
            var bytes = Bitmap.BytesFor(Capacity + 1);
            _validity = ArrayPool<byte>.Shared.Rent(bytes);
            _validity.AsSpan(0, bytes).Fill(0xFF);
        }

        return _validity;
    }

    private void EnsureFixed()
    {
        if (Type.FixedWidth == 0)
        {
            throw new InvalidOperationException($"A {Type} vector is variable-width.");
        }
    }

    private void EnsureVariable()
    {
        if (_offsets is null)
        {
            throw new InvalidOperationException($"A {Type} vector is fixed-width.");
        }
    }
}
