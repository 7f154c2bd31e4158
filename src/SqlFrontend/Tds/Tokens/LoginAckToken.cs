using PredictEngine.SqlFrontend.Tds.Protocol;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>
/// LOGINACK (0xAD): USHORT length, interface (1 = T-SQL), TDS version as big-endian bytes, B_VARCHAR
/// program name, then major, minor, build-high, build-low.
/// </summary>
public static class LoginAckToken
{
    public const byte Token = 0xAD;

    /// <summary>Versions SqlClient accepts in LOGINACK; reply min(client, 7.4) with these exact constants.</summary>
    public static uint Negotiate(uint client) => client switch
    {
        >= 0x74000004 => 0x74000004,
        >= 0x730B0003 => 0x730B0003,
        >= 0x730A0003 => 0x730A0003,
        >= 0x72090002 => 0x72090002,
        >= 0x71000001 => 0x71000001,
        _ => 0x71000001,
    };

    public static void Write(TdsPacketWriter writer, uint tdsVersion, string programName, Version serverVersion)
    {
        writer.WriteByte(Token);
        writer.WriteUInt16((ushort)(1 + 4 + 1 + (programName.Length * 2) + 4));
        writer.WriteByte(1);
        var span = writer.GetSpan(4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(span, tdsVersion);
        writer.Advance(4);
        writer.WriteBVarChar(programName);
        writer.WriteByte((byte)serverVersion.Major);
        writer.WriteByte((byte)serverVersion.Minor);
        writer.WriteByte((byte)(serverVersion.Build >> 8));
        writer.WriteByte((byte)serverVersion.Build);
    }
}
