using System.Buffers.Binary;

namespace PredictEngine.Tests.Tds;

/// <summary>The broken inputs <see cref="MalformedPacketTests"/> sends, by name.</summary>
internal static class MalformedPackets
{
    public static void Send(FuzzTdsClient client, string attack)
    {
        var login = FuzzTdsClient.Login7("sa", TdsServerFixture.Password, "predict");
        switch (attack)
        {
            case "header length below 8":
                client.SendPacket(0x12, [], length: 4);
                break;
            case "packet longer than the packet size":
                client.SendPacket(0x01, new byte[5000]);
                break;
            case "unknown packet type":
                client.SendPacket(0x55, FuzzTdsClient.PreLogin(2));
                break;
            case "response packet from a client":
                client.SendPacket(0x04, FuzzTdsClient.SqlBatch("SELECT 1"));
                break;
            case "truncated packet then close":
                client.SendPacket(0x01, FuzzTdsClient.SqlBatch("SELECT 1"), length: 200);
                client.ShutdownSend();
                break;
            case "message without end then close":
                client.SendPacket(0x01, FuzzTdsClient.SqlBatch("SELECT 1"), status: 0);
                client.ShutdownSend();
                break;
            case "http request":
                client.Send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8);
                break;
            case "garbage bytes":
                client.Send([0x01, 0x01, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x00, 0x12, 0x34, 0x56, 0xFF, 0xFF]);
                break;
            case "handshake message larger than a login needs":
                for (var i = 0; i < 64; i++)
                {
                    client.SendPacket(0x12, new byte[4000], status: 0);
                }

                break;
            case "prelogin offset outside":
                client.SendPacket(0x12, [0x00, 0x10, 0x00, 0x00, 0x06, 0xFF]);
                break;
            case "prelogin without terminator":
                client.SendPacket(0x12, [0x00, 0x00, 0x05, 0x00, 0x00]);
                break;
            case "prelogin entry truncated":
                client.SendPacket(0x12, [0x01, 0x00]);
                break;
            case "login7 shorter than its fixed part":
                client.SendPacket(0x10, login.AsSpan(0, 60));
                break;
            case "login7 field outside the packet":
                BinaryPrimitives.WriteUInt16LittleEndian(login.AsSpan(40), 0xFFF0);
                client.SendPacket(0x10, login);
                break;
            case "login7 declared length beyond the packet":
                BinaryPrimitives.WriteInt32LittleEndian(login, login.Length + 100);
                client.SendPacket(0x10, login);
                break;
            case "login7 feature extension that loops":
                client.SendPacket(0x10, WithFeatureExtension(login, length: -5));
                break;
            case "login7 feature extension that overflows":
                client.SendPacket(0x10, WithFeatureExtension(login, length: int.MaxValue));
                break;
            case "tls handshake garbage":
                client.SendPacket(0x12, FuzzTdsClient.PreLogin(encryption: 0));
                client.Receive(TimeSpan.FromSeconds(5));
                client.SendPacket(0x12, [0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00]); // a ClientHello of one byte
                break;
            case "tls handshake in a non-prelogin packet":
                client.SendPacket(0x12, FuzzTdsClient.PreLogin(encryption: 0));
                client.Receive(TimeSpan.FromSeconds(5));
                client.SendPacket(0x10, [0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5]);
                break;
            case "login7 after login":
                client.SendPacket(0x10, login);
                break;
            case "sqlbatch odd utf-16 length":
                client.SendPacket(0x01, [.. FuzzTdsClient.AllHeaders(), 0x53, 0x00, 0x45]);
                break;
            case "sqlbatch all_headers beyond the packet":
                var batch = FuzzTdsClient.SqlBatch("SELECT 1");
                BinaryPrimitives.WriteInt32LittleEndian(batch, 1000);
                client.SendPacket(0x01, batch);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, null);
        }
    }

    /// <summary>LOGIN7 with OptionFlags3's extension bit and one feature entry of the given length, then no terminator.</summary>
    private static byte[] WithFeatureExtension(byte[] login, int length)
    {
        var at = login.Length;
        byte[] extended = [.. login, 0, 0, 0, 0, 0x01, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32LittleEndian(extended, extended.Length);
        extended[27] |= 0x10;
        BinaryPrimitives.WriteUInt16LittleEndian(extended.AsSpan(56), (ushort)at); // Extension: ib, cb = 4
        BinaryPrimitives.WriteUInt16LittleEndian(extended.AsSpan(58), 4);
        BinaryPrimitives.WriteInt32LittleEndian(extended.AsSpan(at), at + 4);      // -> the feature entry
        BinaryPrimitives.WriteInt32LittleEndian(extended.AsSpan(at + 5), length);
        return extended;
    }
}
