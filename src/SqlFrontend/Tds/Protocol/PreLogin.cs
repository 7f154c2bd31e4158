using System.Buffers.Binary;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>PRELOGIN ENCRYPTION values (MS-TDS 2.2.6.5).</summary>
public enum TdsEncryption : byte
{
    Off = 0,
    On = 1,
    NotSupported = 2,
    Required = 3,
}

/// <summary>The client's PRELOGIN options we act on, and the server's reply.</summary>
public sealed record PreLoginRequest(TdsEncryption Encryption, bool HasFedAuthRequired)
{
    private const byte Version = 0;
    private const byte EncryptionToken = 1;
    private const byte InstanceToken = 2;
    private const byte ThreadIdToken = 3;
    private const byte MarsToken = 4;
    private const byte FedAuthRequiredToken = 6;
    private const byte Terminator = 0xFF;

    /// <summary>Parses the option table; every offset and length is checked against the payload.</summary>
    public static PreLoginRequest Parse(ReadOnlySpan<byte> payload)
    {
        var encryption = TdsEncryption.NotSupported;
        var fedAuth = false;
        var at = 0;
        while (true)
        {
            if (at >= payload.Length)
            {
                throw new TdsProtocolException("PRELOGIN option table has no terminator.");
            }

            var token = payload[at];
            if (token == Terminator)
            {
                break;
            }

            if (at + 5 > payload.Length)
            {
                throw new TdsProtocolException("PRELOGIN option entry is truncated.");
            }

            var offset = BinaryPrimitives.ReadUInt16BigEndian(payload[(at + 1)..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(payload[(at + 3)..]);
            if (offset + length > payload.Length)
            {
                throw new TdsProtocolException($"PRELOGIN option {token} points outside the packet.");
            }

            if (token == EncryptionToken && length >= 1)
            {
                encryption = (TdsEncryption)(payload[offset] & 0x03);
            }
            else if (token == FedAuthRequiredToken)
            {
                fedAuth = true;
            }

            at += 5;
        }

        return new PreLoginRequest(encryption, fedAuth);
    }

    /// <summary>
    /// The server's answer to the client's encryption setting (tds-facts §1): NOT_SUP stays plaintext
    /// unless the server requires TLS; OFF gets login-only TLS (OFF) or full TLS (REQ, never ON: SqlClient
    /// would then skip TLS); ON and REQ get ON.
    /// </summary>
    public static TdsEncryption Negotiate(TdsEncryption client, bool requireEncryption, bool haveCertificate)
    {
        if (!haveCertificate)
        {
            return TdsEncryption.NotSupported;
        }

        return client switch
        {
            TdsEncryption.NotSupported => requireEncryption ? TdsEncryption.Required : TdsEncryption.NotSupported,
            TdsEncryption.Off => requireEncryption ? TdsEncryption.Required : TdsEncryption.Off,
            _ => TdsEncryption.On,
        };
    }

    /// <summary>The reply payload: VERSION, ENCRYPTION, INSTOPT, THREADID, MARS (always, or FreeTDS drops to 7.1), terminator.</summary>
    public static byte[] Reply(TdsEncryption encryption, Version serverVersion)
    {
        // Five entries of 5 bytes plus the terminator, then data: version 6, encryption 1, instance 1, thread 0, mars 1.
        const int table = (5 * 5) + 1;
        var data = new byte[table + 6 + 1 + 1 + 0 + 1];
        var at = 0;
        var offset = table;
        void Entry(byte token, int length)
        {
            data[at] = token;
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at + 1), (ushort)offset);
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at + 3), (ushort)length);
            at += 5;
            offset += length;
        }

        Entry(Version, 6);
        Entry(EncryptionToken, 1);
        Entry(InstanceToken, 1);
        Entry(ThreadIdToken, 0);
        Entry(MarsToken, 1);
        data[at] = Terminator;
        var d = table;
        data[d++] = (byte)serverVersion.Major;
        data[d++] = (byte)serverVersion.Minor;
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(d), (ushort)serverVersion.Build);
        d += 2;
        d += 2; // sub-build 0
        data[d++] = (byte)encryption;
        data[d++] = 0; // instance: matched
        data[d] = 0;   // MARS off
        return data;
    }
}
