using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PredictEngine.Tests.Tds;

/// <summary>
/// A deliberately dumb TDS client over a raw socket: it sends whatever bytes a test builds (valid or
/// not) and reports whether the server answered or closed the connection. It logs in without TLS
/// (PRELOGIN ENCRYPTION=NOT_SUP), so every later byte is on the wire as written.
/// </summary>
internal sealed class FuzzTdsClient : IDisposable
{
    private readonly Socket _socket;

    private FuzzTdsClient(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>What came back: a whole message (type and payload), or the server closed the connection.</summary>
    public sealed record Reply(bool Closed, byte Type, byte[] Payload)
    {
        public bool IsError => !Closed && Payload.Length > 0 && Payload[0] == 0xAA;

        /// <summary>A TLS alert record carried in a PRELOGIN packet (the handshake failed).</summary>
        public bool IsTlsAlert => !Closed && Type == 0x12 && Payload.Length > 0 && Payload[0] == 0x15;
    }

    public EndPoint LocalEndPoint => _socket.LocalEndPoint!;

    public static FuzzTdsClient Connect(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(endPoint);
        return new FuzzTdsClient(socket);
    }

    public void Send(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _socket.Send(bytes);
        }
        catch (SocketException)
        {
            // The server may already have closed the connection: what it does is what the test checks.
        }
    }

    /// <summary>One packet; <paramref name="length"/> overrides the header's length field.</summary>
    public void SendPacket(byte type, ReadOnlySpan<byte> payload, byte status = 0x01, int? length = null)
    {
        var packet = new byte[8 + payload.Length];
        packet[0] = type;
        packet[1] = status;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(length ?? packet.Length));
        packet[6] = 1;
        payload.CopyTo(packet.AsSpan(8));
        Send(packet);
    }

    /// <summary>Tells the server nothing more will come (a client that goes away).</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>The next whole message, or Closed; a <see cref="TimeoutException"/> when neither comes in time.</summary>
    public Reply Receive(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var payload = new List<byte>();
        var header = new byte[8];
        while (true)
        {
            if (!Fill(header, deadline, timeout))
            {
                return new Reply(true, 0, [.. payload]);
            }

            var body = new byte[Math.Max(0, BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) - 8)];
            if (!Fill(body, deadline, timeout))
            {
                return new Reply(true, header[0], [.. payload]);
            }

            payload.AddRange(body);
            if ((header[1] & 0x01) != 0)
            {
                return new Reply(false, header[0], [.. payload]);
            }
        }
    }

    /// <summary>Whether the server closes the connection within <paramref name="wait"/> (messages in between are dropped).</summary>
    public bool ClosedWithin(TimeSpan wait)
    {
        try
        {
            ReceiveUntilClosed(wait);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Reads (and drops) messages until the server closes the connection.</summary>
    public void ReceiveUntilClosed(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Receive(timeout - clock.Elapsed).Closed)
        {
        }
    }

    /// <summary>PRELOGIN without encryption, then LOGIN7 as sa; fails unless LOGINACK comes back.</summary>
    public void Login(string password)
    {
        SendPacket(0x12, PreLogin(encryption: 2));
        var prelogin = Receive(TimeSpan.FromSeconds(10));
        if (prelogin.Closed)
        {
            throw new InvalidOperationException("The server closed the connection after PRELOGIN.");
        }

        SendPacket(0x10, Login7("sa", password, "predict"));
        var ack = Receive(TimeSpan.FromSeconds(10));
        if (ack.Closed || Array.IndexOf(ack.Payload, (byte)0xAD) < 0)
        {
            throw new InvalidOperationException("No LOGINACK came back.");
        }
    }

    /// <summary>A PRELOGIN payload with VERSION and ENCRYPTION (2 = NOT_SUP: no TLS).</summary>
    public static byte[] PreLogin(byte encryption) =>
        [0x00, 0x00, 0x0B, 0x00, 0x06, 0x01, 0x00, 0x11, 0x00, 0x01, 0xFF, 16, 0, 0, 0, 0, 0, encryption];

    /// <summary>A LOGIN7 payload (TDS 7.4, packet size 4096), laid out as MS-TDS 2.2.6.4 says.</summary>
    public static byte[] Login7(string user, string password, string database)
    {
        string[] fields = ["raw-host", user, password, "raw-client", "127.0.0.1", string.Empty, "raw", "us_english", database];
        var data = new List<byte>();
        var login = new byte[94];
        BinaryPrimitives.WriteUInt32LittleEndian(login.AsSpan(4), 0x74000004);
        BinaryPrimitives.WriteInt32LittleEndian(login.AsSpan(8), 4096);
        login[25] = 0x02; // fODBC
        for (var i = 0; i < fields.Length; i++)
        {
            var bytes = Encoding.Unicode.GetBytes(fields[i]);
            if (i == 2)
            {
                for (var b = 0; b < bytes.Length; b++)
                {
                    bytes[b] = (byte)(((bytes[b] << 4) | (bytes[b] >> 4)) ^ 0xA5);
                }
            }

            BinaryPrimitives.WriteUInt16LittleEndian(login.AsSpan(36 + (i * 4)), (ushort)(94 + data.Count));
            BinaryPrimitives.WriteUInt16LittleEndian(login.AsSpan(38 + (i * 4)), (ushort)fields[i].Length);
            data.AddRange(bytes);
        }

        byte[] whole = [.. login, .. data];
        BinaryPrimitives.WriteInt32LittleEndian(whole, whole.Length);
        return whole;
    }

    /// <summary>A SQLBatch payload: ALL_HEADERS with the transaction descriptor header, then UTF-16LE text.</summary>
    public static byte[] SqlBatch(string text) => [.. AllHeaders(), .. Encoding.Unicode.GetBytes(text)];

    public static byte[] AllHeaders()
    {
        var headers = new byte[22];
        BinaryPrimitives.WriteInt32LittleEndian(headers, 22);
        BinaryPrimitives.WriteInt32LittleEndian(headers.AsSpan(4), 18);
        BinaryPrimitives.WriteUInt16LittleEndian(headers.AsSpan(8), 2);
        BinaryPrimitives.WriteInt32LittleEndian(headers.AsSpan(18), 1);
        return headers;
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Fills <paramref name="buffer"/>; false if the connection closed (or was reset) first.</summary>
    private bool Fill(byte[] buffer, Stopwatch clock, TimeSpan timeout)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || !_socket.Poll(left, SelectMode.SelectRead))
            {
                throw new TimeoutException($"The server neither answered nor closed the connection within {timeout}.");
            }

            int n;
            try
            {
                n = _socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                return false;
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
