namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>TDS packet types (MS-TDS 2.2.3.1.1).</summary>
public enum TdsPacketType : byte
{
    SqlBatch = 0x01,
    Rpc = 0x03,
    Response = 0x04,
    Attention = 0x06,
    BulkLoad = 0x07,
    TransactionManager = 0x0E,
    Login7 = 0x10,
    Sspi = 0x11,
    PreLogin = 0x12,
}

/// <summary>Packet header facts: 8 bytes, length big-endian and including the header.</summary>
public static class TdsPacket
{
    public const int HeaderLength = 8;

    /// <summary>Status bit: last packet of the message.</summary>
    public const byte EndOfMessage = 0x01;

    public const byte Ignore = 0x02;

    /// <summary>Status bit on a request's first packet: reset the session (connection pooling).</summary>
    public const byte ResetConnection = 0x08;

    public const byte ResetConnectionSkipTransaction = 0x10;

    /// <summary>Packet size before LOGIN7 negotiates one, and the largest PRELOGIN packet clients send.</summary>
    public const int DefaultSize = 4096;

    public const int MinSize = 512;

    /// <summary>The largest handshake message: MS-TDS 2.2.6.4 caps LOGIN7 at 128K-1 bytes (PRELOGIN is far smaller).</summary>
    public const int MaxLoginMessageBytes = (128 * 1024) - 1;

    public const int MaxSize = 32767;

    public static void WriteHeader(Span<byte> header, TdsPacketType type, byte status, int length, int spid, byte packetId)
    {
        header[0] = (byte)type;
        header[1] = status;
        header[2] = (byte)(length >> 8);
        header[3] = (byte)length;
        header[4] = (byte)(spid >> 8);
        header[5] = (byte)spid;
        header[6] = packetId;
        header[7] = 0;
    }
}
