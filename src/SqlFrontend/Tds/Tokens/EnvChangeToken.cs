using System.Buffers.Binary;
using PredictEngine.SqlFrontend.Tds.Protocol;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>ENVCHANGE (0xE3): USHORT length, type, new value, old value.</summary>
public static class EnvChangeToken
{
    public const byte Token = 0xE3;
    public const byte Database = 1;
    public const byte Language = 2;
    public const byte PacketSize = 4;
    public const byte Collation = 7;
    public const byte BeginTransaction = 8;
    public const byte CommitTransaction = 9;
    public const byte RollbackTransaction = 10;
    public const byte ResetAck = 18;

    /// <summary>SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, flags (ignore case, width, kana), sort id 52.</summary>
    public static ReadOnlySpan<byte> DefaultCollation => [0x09, 0x04, 0xD0, 0x00, 0x34];

    /// <summary>Types 1, 2, 4: B_VARCHAR new and old values.</summary>
    public static void WriteText(TdsPacketWriter writer, byte type, string newValue, string oldValue)
    {
        writer.WriteByte(Token);
        writer.WriteUInt16((ushort)(1 + 1 + (newValue.Length * 2) + 1 + (oldValue.Length * 2)));
        writer.WriteByte(type);
        writer.WriteBVarChar(newValue);
        writer.WriteBVarChar(oldValue);
    }

    /// <summary>Types 7-10, 18: B_VARBYTE new and old values.</summary>
    public static void WriteBinary(TdsPacketWriter writer, byte type, ReadOnlySpan<byte> newValue, ReadOnlySpan<byte> oldValue)
    {
        writer.WriteByte(Token);
        writer.WriteUInt16((ushort)(1 + 1 + newValue.Length + 1 + oldValue.Length));
        writer.WriteByte(type);
        writer.WriteByte((byte)newValue.Length);
        writer.WriteBytes(newValue);
        writer.WriteByte((byte)oldValue.Length);
        writer.WriteBytes(oldValue);
    }

    /// <summary>Types 8-10: BEGIN carries the new 8-byte transaction descriptor, COMMIT and ROLLBACK the old one.</summary>
    public static void WriteTransaction(TdsPacketWriter writer, byte type, ulong descriptor)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, descriptor);
        if (type == BeginTransaction)
        {
            WriteBinary(writer, type, bytes, []);
        }
        else
        {
            WriteBinary(writer, type, [], bytes);
        }
    }
}
