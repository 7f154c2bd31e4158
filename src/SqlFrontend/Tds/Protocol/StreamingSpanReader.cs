using System.Buffers.Binary;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// Little-endian reads over the bytes of a request received so far. A read past the end does not
/// throw: it sets <see cref="Incomplete"/> and returns zeros (so length-driven loops end), and the
/// caller retries the whole token once more bytes have arrived. Streamed requests (bulk load) are
/// parsed this way without knowing where packet boundaries fall.
/// </summary>
public ref struct StreamingSpanReader
{
    private readonly ReadOnlySpan<byte> _data;

    public StreamingSpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    public int Position { get; private set; }

    /// <summary>Some read wanted bytes that have not arrived; everything read since is meaningless.</summary>
    public bool Incomplete { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public bool Has(int count)
    {
        if (count <= _data.Length - Position)
        {
            return true;
        }

        Incomplete = true;
        Position = _data.Length;
        return false;
    }

    public byte ReadByte() => Has(1) ? _data[Position++] : (byte)0;

    public ushort ReadUInt16()
    {
        if (!Has(2))
        {
            return 0;
        }

        var value = BinaryPrimitives.ReadUInt16LittleEndian(_data[Position..]);
        Position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        if (!Has(4))
        {
            return 0;
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_data[Position..]);
        Position += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        if (!Has(8))
        {
            return 0;
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[Position..]);
        Position += 8;
        return value;
    }

    /// <summary>The next <paramref name="count"/> bytes; empty when they have not all arrived.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || !Has(count))
        {
            Incomplete = true;
            return default;
        }

        var bytes = _data.Slice(Position, count);
        Position += count;
        return bytes;
    }

    public void Skip(int count) => ReadBytes(count);

    /// <summary>B_VARCHAR: a one-byte count of UTF-16 code units, then the text.</summary>
    public string ReadBVarChar()
    {
        var chars = ReadByte();
        var bytes = ReadBytes(chars * 2);
        return Incomplete ? string.Empty : System.Text.Encoding.Unicode.GetString(bytes);
    }
}
