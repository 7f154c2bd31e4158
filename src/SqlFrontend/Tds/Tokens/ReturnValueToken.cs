using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>
/// RETURNVALUE (0xAC, TDS 7.2+ layout): USHORT ordinal of the parameter in the call, B_VARCHAR name,
/// BYTE status (0x01 output parameter, 0x02 user-defined function result), ULONG UserType, USHORT
/// flags, TYPE_INFO, then the value. SqlClient matches it to its parameter by name.
/// </summary>
public static class ReturnValueToken
{
    public const byte Token = 0xAC;

    private const byte OutputParameter = 0x01;
    private const ushort Nullable = 0x01;

    public static void Write(TdsPacketWriter writer, int ordinal, string name, SqlType type, object? value)
    {
        writer.WriteByte(Token);
        writer.WriteUInt16((ushort)ordinal);
        writer.WriteBVarChar(name);
        writer.WriteByte(OutputParameter);
        writer.WriteUInt32(0);
        writer.WriteUInt16(Nullable);
        TdsTypes.WriteTypeInfo(writer, type);
        TdsTypes.WriteScalar(writer, type, value);
    }
}
