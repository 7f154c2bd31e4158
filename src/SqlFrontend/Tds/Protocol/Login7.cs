using System.Buffers.Binary;
using System.Text;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>What LOGIN7 carries that the server uses (MS-TDS 2.2.6.4).</summary>
public sealed record Login7Request(
    uint TdsVersion,
    int PacketSize,
    bool IntegratedSecurity,
    string HostName,
    string UserName,
    string Password,
    string AppName,
    string ServerName,
    string Library,
    string Language,
    string Database,
    bool RequestsFedAuth)
{
    private const int FixedLength = 94;

    public static Login7Request Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < FixedLength)
        {
            throw new TdsProtocolException($"LOGIN7 is {payload.Length} bytes; its fixed part alone is {FixedLength}.");
        }

        var declared = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (declared < FixedLength || declared > payload.Length)
        {
            throw new TdsProtocolException($"LOGIN7 declares {declared} bytes but carries {payload.Length}.");
        }

        var login = payload[..declared];
        var version = BinaryPrimitives.ReadUInt32LittleEndian(login[4..]);
        var packetSize = BinaryPrimitives.ReadInt32LittleEndian(login[8..]);
        var flags2 = login[25];
        var flags3 = login[27];
        var fedAuth = false;
        if ((flags3 & 0x10) != 0)
        {
            fedAuth = HasFedAuth(login);
        }

        return new Login7Request(
            version,
            packetSize,
            IntegratedSecurity: (flags2 & 0x80) != 0,
            HostName: Text(login, 36),
            UserName: Text(login, 40),
            Password: Deobfuscate(login, 44),
            AppName: Text(login, 48),
            ServerName: Text(login, 52),
            Library: Text(login, 60),
            Language: Text(login, 64),
            Database: Text(login, 68),
            fedAuth);
    }

    /// <summary>The (offset, length-in-characters) pair at <paramref name="at"/>, bounds-checked.</summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> login, int at)
    {
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(login[at..]);
        var chars = BinaryPrimitives.ReadUInt16LittleEndian(login[(at + 2)..]);
        if (chars == 0)
        {
            return default;
        }

        if (offset + (chars * 2) > login.Length)
        {
            throw new TdsProtocolException($"LOGIN7 field at {at} points outside the packet.");
        }

        return login.Slice(offset, chars * 2);
    }

    private static string Text(ReadOnlySpan<byte> login, int at) => Encoding.Unicode.GetString(Field(login, at));

    /// <summary>Passwords are obfuscated: each byte had its nibbles swapped then was XORed with 0xA5.</summary>
    private static string Deobfuscate(ReadOnlySpan<byte> login, int at)
    {
        var field = Field(login, at);
        Span<byte> clear = field.Length <= 512 ? stackalloc byte[field.Length] : new byte[field.Length];
        for (var i = 0; i < field.Length; i++)
        {
            var b = (byte)(field[i] ^ 0xA5);
            clear[i] = (byte)((b << 4) | (b >> 4));
        }

        return Encoding.Unicode.GetString(clear);
    }

    /// <summary>Walks the FeatureExt block for a FEDAUTH (0x02) request, which we must refuse explicitly.</summary>
    private static bool HasFedAuth(ReadOnlySpan<byte> login)
    {
        var pointer = BinaryPrimitives.ReadUInt16LittleEndian(login[56..]);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(login[58..]);
        if (length < 4 || pointer + 4 > login.Length)
        {
            return false;
        }

        var at = BinaryPrimitives.ReadInt32LittleEndian(login[pointer..]);
        while (at >= 0 && at < login.Length && login[at] != 0xFF)
        {
            if (at + 5 > login.Length)
            {
                throw new TdsProtocolException("LOGIN7 feature extension is truncated.");
            }

            if (login[at] == 0x02)
            {
                return true;
            }

            // A negative or oversized length would loop forever or wrap around: refuse it.
            var entry = BinaryPrimitives.ReadInt32LittleEndian(login[(at + 1)..]);
            if (entry < 0 || entry > login.Length - at - 5)
            {
                throw new TdsProtocolException("LOGIN7 feature extension entry points outside the packet.");
            }

            at += 5 + entry;
        }

        return false;
    }
}
