using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Batches;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>COLMETADATA (0x81): USHORT count, then per column ULONG UserType, USHORT flags, TYPE_INFO, B_VARCHAR name.</summary>
public static class ColMetadataToken
{
    public const byte Token = 0x81;

    private const ushort Nullable = 0x01;
    private const ushort UpdatableUnknown = 0x08;

    public static void Write(TdsPacketWriter writer, BatchSchema schema)
    {
        writer.WriteByte(Token);
        writer.WriteUInt16((ushort)schema.Count);
        foreach (var field in schema.Fields)
        {
            writer.WriteUInt32(0);
            writer.WriteUInt16(Nullable | UpdatableUnknown);
            TdsTypes.WriteTypeInfo(writer, field.Type);
            writer.WriteBVarChar(field.Name);
        }
    }
}
