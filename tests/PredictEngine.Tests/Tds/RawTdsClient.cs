using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// A bare TDS 7.4 client for what SqlClient never sends: several RPCs in one message, RESETCONNECTION
/// on demand, malformed requests. It logs in without PRELOGIN (so without TLS), sends hand-built
/// payloads and reads back the tokens of responses without result sets.
/// </summary>
internal sealed class RawTdsClient : IDisposable
{
    public const byte Rpc = 0x03;
    public const byte EndOfMessage = 0x01;
    public const byte ResetConnection = 0x08;

    private const int PacketSize = 4096;
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawTdsClient(int port)
    {
        _tcp = new TcpClient("127.0.0.1", port);
        _stream = _tcp.GetStream();
        _stream.ReadTimeout = 15_000;
    }

    /// <summary>ALL_HEADERS with one transaction descriptor header (descriptor 0, one outstanding request).</summary>
    public static byte[] AllHeaders => [22, 0, 0, 0, 18, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];

    public static RawTdsClient Login(int port, string user, string password)
    {
        var client = new RawTdsClient(port);
        client.Send(0x10, Login7(user, password));
        var tokens = ParseTokens(client.Receive() ?? throw new InvalidOperationException("The server closed the connection during login."));
        Assert.Contains(tokens, t => t.Token == 0xAD); // LOGINACK
        return client;
    }

    public void Send(byte type, byte[] payload, byte firstStatus = 0)
    {
        var packetId = 1;
        var offset = 0;
        do
        {
            var chunk = Math.Min(PacketSize - 8, payload.Length - offset);
            var last = offset + chunk == payload.Length;
            var packet = new byte[8 + chunk];
            packet[0] = type;
            packet[1] = (byte)((last ? EndOfMessage : 0) | (offset == 0 ? firstStatus : 0));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            packet[6] = (byte)packetId++;
            payload.AsSpan(offset, chunk).CopyTo(packet.AsSpan(8));
            _stream.Write(packet);
            offset += chunk;
        }
        while (offset < payload.Length);
    }

    /// <summary>One response message's payload; null when the server closed the connection instead.</summary>
    public byte[]? Receive()
    {
        var payload = new List<byte>();
        var header = new byte[8];
        while (true)
        {
            if (!Fill(header))
            {
                return null;
            }

            var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) - 8];
            if (!Fill(body))
            {
                return null;
            }

            payload.AddRange(body);
            if ((header[1] & EndOfMessage) != 0)
            {
                return [.. payload];
            }
        }
    }

    /// <summary>The tokens of a response with no result sets: DONE*, RETURNSTATUS, RETURNVALUE (int values), ERROR/INFO, ENVCHANGE.</summary>
    public static List<(byte Token, int Number, ushort Status)> ParseTokens(byte[] payload)
    {
        var tokens = new List<(byte, int, ushort)>();
        var at = 0;
        while (at < payload.Length)
        {
            var token = payload[at++];
            switch (token)
            {
                case 0xFD or 0xFE or 0xFF: // DONE, DONEPROC, DONEINPROC: status, command, row count
                    tokens.Add((token, (int)BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(at + 4)), BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(at))));
                    at += 12;
                    break;
                case 0x79: // RETURNSTATUS
                    tokens.Add((token, BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at)), 0));
                    at += 4;
                    break;
                case 0xAC: // RETURNVALUE: ordinal, name, status, user type, flags, INTN TYPE_INFO, value
                    var ordinal = BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(at));
                    at += 2;
                    at += 1 + (payload[at] * 2) + 1 + 4 + 2;
                    Assert.Equal(0x26, payload[at]);
                    at += 2;
                    var length = payload[at++];
                    tokens.Add((token, length == 4 ? BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at)) : -1, ordinal));
                    at += length;
                    break;
                case 0xAA or 0xAB: // ERROR, INFO: length, number, ...
                    tokens.Add((token, BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at + 2)), 0));
                    at += 2 + BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(at));
                    break;
                case 0xE3 or 0xAD: // ENVCHANGE, LOGINACK: length-prefixed; the number is the ENVCHANGE type
                    tokens.Add((token, payload[at + 2], 0));
                    at += 2 + BinaryPrimitives.ReadUInt16LittleEndian(payload.AsSpan(at));
                    break;
                default:
                    throw new InvalidOperationException($"Token 0x{token:X2} at {at - 1} is not one this client reads.");
            }
        }

        return tokens;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }

    private static byte[] Login7(string user, string password)
    {
        string[] fields = ["raw-host", user, password, "raw-tds-tests", string.Empty, string.Empty, "raw", string.Empty, string.Empty];
        var data = new List<byte>();
        var login = new byte[94];
        BinaryPrimitives.WriteUInt32LittleEndian(login.AsSpan(4), 0x74000004);
        BinaryPrimitives.WriteInt32LittleEndian(login.AsSpan(8), PacketSize);
        BinaryPrimitives.WriteInt32LittleEndian(login.AsSpan(32), 0x0409);
        for (var i = 0; i < fields.Length; i++)
        {
            var bytes = Encoding.Unicode.GetBytes(fields[i]);
            if (i == 2)
            {
                // Password: nibbles swapped, then XOR 0xA5.
                bytes = [.. bytes.Select(b => (byte)((((b << 4) | (b >> 4)) & 0xFF) ^ 0xA5))];
            }

            BinaryPrimitives.WriteUInt16LittleEndian(login.AsSpan(36 + (i * 4)), (ushort)(94 + data.Count));
            BinaryPrimitives.WriteUInt16LittleEndian(login.AsSpan(38 + (i * 4)), (ushort)fields[i].Length);
            data.AddRange(bytes);
        }

        byte[] whole = [.. login, .. data];
        BinaryPrimitives.WriteInt32LittleEndian(whole, whole.Length);
        return whole;
    }

    private bool Fill(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = _stream.Read(buffer, read, buffer.Length - read);
            }
            catch (IOException e) when (e.InnerException is not SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                return false; // Reset by the server; a timeout is a failure, not a close.
            }

            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
