using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// A cursor over a request payload. Every read first checks that the bytes are there, so no length
/// field a client sends can move a read past the message; a short payload is a
/// <see cref="TdsProtocolException"/> naming what was being read.
/// </summary>
public ref struct TdsSpanReader
{
    private readonly ReadOnlySpan<byte> _data;

    public TdsSpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly bool AtEnd => Position >= _data.Length;

    public readonly byte Peek(string what)
    {
        Need(1, what);
        return _data[Position];
    }

    public byte ReadByte(string what)
    {
        Need(1, what);
        return _data[Position++];
    }

    public ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2, what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4, what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8, what));

    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        if (count < 0)
        {
            throw new TdsProtocolException($"Negative length {count} for {what}.");
        }

        Need(count, what);
        var bytes = _data.Slice(Position, count);
        Position += count;
        return bytes;
    }

    public void Skip(int count, string what) => ReadBytes(count, what);

    /// <summary>B_VARCHAR: a one-byte count of UTF-16 code units, then the text.</summary>
    public string ReadBVarChar(string what) => ReadUtf16(ReadByte(what), what);

    /// <summary>US_VARCHAR: a two-byte count of UTF-16 code units, then the text.</summary>
    public string ReadUsVarChar(string what) => ReadUtf16(ReadUInt16(what), what);

    public string ReadUtf16(int codeUnits, string what)
    {
        var bytes = ReadBytes(codeUnits * 2, what);
        return new string(MemoryMarshal.Cast<byte, char>(bytes));
    }

    private readonly void Need(int count, string what)
    {
        if (count > Remaining)
        {
            throw new TdsProtocolException($"The request ends inside {what}: {count} byte(s) needed at offset {Position}, {Remaining} left.");
        }
    }
}
