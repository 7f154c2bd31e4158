using System.Buffers.Binary;
using PredictEngine.SqlFrontend.Tds.Protocol;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// Carries the TLS handshake inside PRELOGIN packets, as TDS 7.x requires: while
/// <see cref="Handshaking"/>, reads strip packet headers (the payloads form one byte stream, records
/// may span packets) and writes are wrapped in PRELOGIN packets; afterwards bytes pass through, so
/// SslStream then speaks raw TLS records on the socket.
/// </summary>
internal sealed class PreLoginTlsStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _header = new byte[TdsPacket.HeaderLength];
    private int _remaining;

    public PreLoginTlsStream(Stream inner)
    {
        _inner = inner;
    }

    public bool Handshaking { get; set; } = true;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Handshaking)
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        if (buffer.IsEmpty)
        {
            // SslStream issues zero-byte reads to wait for data; answering at once is allowed and keeps packet framing simple.
            return 0;
        }

        while (_remaining == 0)
        {
            await _inner.ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false);
            if (_header[0] != (byte)TdsPacketType.PreLogin)
            {
                throw new TdsProtocolException($"Expected a PRELOGIN packet carrying TLS, got type 0x{_header[0]:X2}.");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2));
            if (length < TdsPacket.HeaderLength)
            {
                throw new TdsProtocolException($"Invalid TDS packet length {length}.");
            }

            _remaining = length - TdsPacket.HeaderLength;
        }

        var read = await _inner.ReadAsync(buffer[..Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new TdsProtocolException("The connection closed during the TLS handshake.");
        }

        _remaining -= read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Handshaking)
        {
            await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        const int chunk = TdsPacket.DefaultSize - TdsPacket.HeaderLength;
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(chunk, buffer.Length);
            var packet = new byte[TdsPacket.HeaderLength + take];
            TdsPacket.WriteHeader(packet, TdsPacketType.PreLogin, TdsPacket.EndOfMessage, packet.Length, 0, 1);
            buffer.Span[..take].CopyTo(packet.AsSpan(TdsPacket.HeaderLength));
            await _inner.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
            buffer = buffer[take..];
        }
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
