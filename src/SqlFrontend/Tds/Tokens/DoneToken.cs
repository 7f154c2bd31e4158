using PredictEngine.SqlFrontend.Tds.Protocol;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>DONE status bits (MS-TDS 2.2.7.6).</summary>
[Flags]
public enum DoneStatus : ushort
{
    Final = 0x00,
    More = 0x01,
    Error = 0x02,
    InTransaction = 0x04,
    Count = 0x10,
    Attention = 0x20,
    ServerError = 0x100,
}

/// <summary>The statement kind a DONE token reports (CurCmd).</summary>
public enum DoneCommand : ushort
{
    None = 0,
    Select = 0xC1,
    Insert = 0xC3,
    Delete = 0xC4,
    Update = 0xC5,
    BeginTransaction = 0xD4,
    EndTransaction = 0xD5,
    Execute = 0xE0,
    Bulk = 0xF0,
}

/// <summary>DONE (0xFD), DONEPROC (0xFE), DONEINPROC (0xFF): USHORT status, USHORT CurCmd, ULONGLONG row count.</summary>
public static class DoneToken
{
    public const byte Done = 0xFD;
    public const byte DoneProc = 0xFE;
    public const byte DoneInProc = 0xFF;

    public static void Write(TdsPacketWriter writer, DoneStatus status, DoneCommand command = DoneCommand.None, long rows = 0, byte token = Done)
    {
        var span = writer.GetSpan(13);
        span[0] = token;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)status);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(span[3..], (ushort)command);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(span[5..], rows);
        writer.Advance(13);
    }
}
