using System.Buffers;
using System.Text;

namespace PredictEngine.Storage.Native;

/// <summary>A NUL-terminated UTF-8 copy of a string for a native call, in a pooled buffer.</summary>
internal ref struct Utf8Z
{
    private byte[]? _rented;

    public Utf8Z(string value)
    {
        _rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length) + 1);
        var length = Encoding.UTF8.GetBytes(value, _rented);
        _rented[length] = 0;
    }

    public readonly ref byte Pin => ref _rented![0];

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
