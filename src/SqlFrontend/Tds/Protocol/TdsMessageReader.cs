using System.Buffers;
using System.Buffers.Binary;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>A whole request: the packets of one message joined, in a pooled buffer the reader owns until the next read.</summary>
public readonly record struct TdsMessage(TdsPacketType Type, byte FirstStatus, ReadOnlyMemory<byte> Payload)
{
    public bool ResetsConnection => (FirstStatus & (TdsPacket.ResetConnection | TdsPacket.ResetConnectionSkipTransaction)) != 0;
}

/// <summary>
/// Reads TDS messages: packet headers are validated (type, length within the negotiated packet size)
/// and payloads appended until EOM, up to a message-size limit. Anything malformed or truncated is a
/// <see cref="TdsProtocolException"/>; a clean end of stream between messages returns null.
/// </summary>
public sealed class TdsMessageReader : IDisposable
{
    private readonly byte[] _header = new byte[TdsPacket.HeaderLength];
    private byte[] _payload;
    private Stream _stream;

    public TdsMessageReader(Stream stream, int maxMessageBytes)
    {
        _stream = stream;
        MaxMessageBytes = maxMessageBytes;
        _payload = ArrayPool<byte>.Shared.Rent(TdsPacket.DefaultSize);
    }

    /// <summary>The largest packet accepted; raised after LOGIN7 to the negotiated size.</summary>
    public int MaxPacketSize { get; set; } = TdsPacket.DefaultSize;

    /// <summary>The largest message accepted; small until login (an unauthenticated client must not make the server buffer 64 MB).</summary>
    public int MaxMessageBytes { get; set; }

    /// <summary>Switches the underlying stream (TLS established or dropped after login-only encryption).</summary>
    public void SetStream(Stream stream) => _stream = stream;

    /// <summary>Reads one message; null when the peer closed the connection between messages.</summary>
    public async ValueTask<TdsMessage?> ReadAsync(CancellationToken cancellation)
    {
        var length = 0;
        byte firstStatus = 0;
        TdsPacketType? type = null;
        while (true)
        {
            if (!await FillAsync(_header, allowEnd: type is null && length == 0, cancellation).ConfigureAwait(false))
            {
                return null;
            }

            var packetType = (TdsPacketType)_header[0];
            var status = _header[1];
            var packetLength = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2));
            if (!Enum.IsDefined(packetType) || packetType == TdsPacketType.Response)
            {
                throw new TdsProtocolException($"Unknown TDS packet type 0x{_header[0]:X2}.");
            }

            if (packetLength < TdsPacket.HeaderLength || packetLength > Math.Max(MaxPacketSize, TdsPacket.DefaultSize))
            {
                throw new TdsProtocolException($"Invalid TDS packet length {packetLength} (the negotiated packet size is {MaxPacketSize}).");
            }

            if (type is null)
            {
                type = packetType;
                firstStatus = status;
            }
            else if (type != packetType && packetType != TdsPacketType.Attention)
            {
                throw new TdsProtocolException($"A {packetType} packet arrived in the middle of a {type} message.");
            }

            var body = packetLength - TdsPacket.HeaderLength;
            if (length + body > MaxMessageBytes)
            {
                throw new TdsProtocolException($"The request exceeds the server's limit of {MaxMessageBytes} bytes.");
            }

            Grow(length + body);
            if (!await FillAsync(_payload.AsMemory(length, body), allowEnd: false, cancellation).ConfigureAwait(false))
            {
                return null;
            }

            if (packetType == TdsPacketType.Attention && type != TdsPacketType.Attention)
            {
                // An attention in the middle of a message abandons that message.
                return new TdsMessage(TdsPacketType.Attention, status, ReadOnlyMemory<byte>.Empty);
            }

            length += body;
            if ((status & TdsPacket.EndOfMessage) != 0)
            {
                return new TdsMessage(type.Value, firstStatus, _payload.AsMemory(0, length));
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_payload);
        _payload = [];
    }

    private void Grow(int needed)
    {
        if (needed <= _payload.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _payload.Length * 2));
        _payload.CopyTo(grown, 0);
        ArrayPool<byte>.Shared.Return(_payload);
        _payload = grown;
    }

    private async ValueTask<bool> FillAsync(Memory<byte> target, bool allowEnd, CancellationToken cancellation)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = await _stream.ReadAsync(target[read..], cancellation).ConfigureAwait(false);
            if (n == 0)
            {
                if (allowEnd && read == 0)
                {
                    return false;
                }

                throw new TdsProtocolException("The connection closed in the middle of a TDS packet.");
            }

            read += n;
        }

        return true;
    }
}
