using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// Writes one response message at a time as packets of the negotiated size, straight from a pooled
/// packet buffer: tokens are encoded in place, a packet is sent when full (status 0) and the last one
/// carries EOM. Values longer than a packet are split across packets.
/// </summary>
public sealed class TdsPacketWriter : IDisposable
{
    private byte[] _packet;
    private Stream _stream;
    private int _position = TdsPacket.HeaderLength;
    private byte _packetId = 1;
    private TdsPacketType _type = TdsPacketType.Response;

    public TdsPacketWriter(Stream stream, int packetSize = TdsPacket.DefaultSize)
    {
        _stream = stream;
        _packet = ArrayPool<byte>.Shared.Rent(TdsPacket.MaxSize);
        PacketSize = packetSize;
    }

    public int PacketSize { get; set; }

    /// <summary>The SPID written in every packet header (FreeTDS reads its SPID from the login response header).</summary>
    public int Spid { get; set; }

    /// <summary>Payload bytes written in the current message so far (all packets).</summary>
    public long MessageBytes { get; private set; }

    public void SetStream(Stream stream) => _stream = stream;

    public void BeginMessage(TdsPacketType type = TdsPacketType.Response)
    {
        _type = type;
        _position = TdsPacket.HeaderLength;
        _packetId = 1;
        MessageBytes = 0;
    }

    /// <summary>At least <paramref name="size"/> contiguous bytes in the current packet (size must fit an empty packet).</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_position + size > PacketSize)
        {
            FlushPacket(endOfMessage: false);
        }

        return _packet.AsSpan(_position, PacketSize - _position);
    }

    public void Advance(int count)
    {
        _position += count;
        MessageBytes += count;
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        Advance(1);
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(2), value);
        Advance(2);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        Advance(4);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(4), value);
        Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);
        Advance(8);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Any number of bytes, split across packets as needed.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var room = PacketSize - _position;
            if (room == 0)
            {
                FlushPacket(endOfMessage: false);
                continue;
            }

            var take = Math.Min(room, bytes.Length);
            bytes[..take].CopyTo(_packet.AsSpan(_position));
            Advance(take);
            bytes = bytes[take..];
        }
    }

    /// <summary>UTF-16LE code units of <paramref name="text"/>, no length prefix.</summary>
    public void WriteUtf16(ReadOnlySpan<char> text) => WriteBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text));

    /// <summary>B_VARCHAR: one-byte length in code units, then UTF-16LE.</summary>
    public void WriteBVarChar(string text)
    {
        WriteByte((byte)Math.Min(text.Length, 255));
        WriteUtf16(text.AsSpan(0, Math.Min(text.Length, 255)));
    }

    /// <summary>US_VARCHAR: two-byte length in code units, then UTF-16LE.</summary>
    public void WriteUsVarChar(string text)
    {
        var length = Math.Min(text.Length, ushort.MaxValue);
        WriteUInt16((ushort)length);
        WriteUtf16(text.AsSpan(0, length));
    }

    /// <summary>Transcodes UTF-8 to UTF-16LE straight into the packets (no intermediate string).</summary>
    public void WriteUtf8AsUtf16(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            var room = (PacketSize - _position) / 2;
            if (room < 2)
            {
                FlushPacket(endOfMessage: false);
                continue;
            }

            var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(_packet.AsSpan(_position, room * 2));
            _ = Utf8.ToUtf16(utf8, chars, out var read, out var written);
            Advance(written * 2);
            utf8 = utf8[read..];
            if (read == 0)
            {
                FlushPacket(endOfMessage: false);
            }
        }
    }

    /// <summary>UTF-16 code units <paramref name="utf8"/> decodes to (invalid bytes count as U+FFFD, as the transcoder writes them).</summary>
    public static int Utf16Length(ReadOnlySpan<byte> utf8)
    {
        var ascii = System.Text.Ascii.IsValid(utf8);
        return ascii ? utf8.Length : Encoding.UTF8.GetCharCount(utf8);
    }

    /// <summary>Sends the last packet of the message (EOM).</summary>
    public void EndMessage() => FlushPacket(endOfMessage: true);

    /// <summary>
    /// Sends the tokens written so far as a packet without EOM (shorter than the packet size, as SQL Server
    /// does for RAISERROR WITH NOWAIT); the message goes on in the next packet.
    /// </summary>
    public void FlushPartial()
    {
        if (_position > TdsPacket.HeaderLength)
        {
            FlushPacket(endOfMessage: false);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_packet);
        _packet = [];
    }

    private void FlushPacket(bool endOfMessage)
    {
        WriteHeader(endOfMessage);
        _stream.Write(_packet, 0, _position);
        if (endOfMessage)
        {
            _stream.Flush();
        }

        _position = TdsPacket.HeaderLength;
    }

    private void WriteHeader(bool endOfMessage)
    {
        TdsPacket.WriteHeader(_packet, _type, endOfMessage ? TdsPacket.EndOfMessage : (byte)0, _position, Spid, _packetId);
        _packetId = unchecked((byte)(_packetId + 1));
    }
}
