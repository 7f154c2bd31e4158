using PredictEngine.SqlFrontend.Tds.Protocol;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>RETURNSTATUS (0x79): the LONG a procedure returns; MS-TDS requires it after every procedure that ran.</summary>
public static class ReturnStatusToken
{
    public const byte Token = 0x79;

    public static void Write(TdsPacketWriter writer, int status)
    {
        writer.WriteByte(Token);
        writer.WriteInt32(status);
    }
}
