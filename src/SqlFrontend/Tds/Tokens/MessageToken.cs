using PredictEngine.SqlFrontend.Tds.Protocol;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>
/// ERROR (0xAA) and INFO (0xAB): USHORT length, LONG number, BYTE state, BYTE class, US_VARCHAR
/// message, B_VARCHAR server, B_VARCHAR procedure, LONG line. PRINT is INFO number 0, class 0.
/// </summary>
public static class MessageToken
{
    public const byte Error = 0xAA;
    public const byte Info = 0xAB;

    public static void Write(TdsPacketWriter writer, bool isError, int number, byte state, byte severity, string message, string server, string procedure = "", int line = 1)
    {
        message = message.Length > 4000 ? message[..4000] : message;
        server = server.Length > 128 ? server[..128] : server;
        procedure = procedure.Length > 128 ? procedure[..128] : procedure;
        var length = 4 + 1 + 1 + 2 + (message.Length * 2) + 1 + (server.Length * 2) + 1 + (procedure.Length * 2) + 4;
        writer.WriteByte(isError ? Error : Info);
        writer.WriteUInt16((ushort)length);
        writer.WriteInt32(number);
        writer.WriteByte(state);
        writer.WriteByte(severity);
        writer.WriteUsVarChar(message);
        writer.WriteBVarChar(server);
        writer.WriteBVarChar(procedure);
        writer.WriteInt32(line);
    }
}
