using System.Buffers.Binary;
using System.Text;
using PredictEngine.SqlFrontend.Execution;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// A transaction manager request (packet type 0x0E, MS-TDS 2.2.6.9) after its ALL_HEADERS: USHORT
/// request type, then for BEGIN (5) an isolation byte and a B_VARBYTE name; for COMMIT (7) and
/// ROLLBACK (8) a B_VARBYTE name and a flags byte, whose bit 0x01 asks for a new transaction (isolation
/// and name follow); for SAVE (9) a B_VARBYTE name. Names count bytes (UTF-16LE).
/// The distributed-transaction requests (0 DTC address, 1 propagate, 6 promote) are not supported.
/// </summary>
public static class TransactionManagerRequest
{
    private const ushort Begin = 5;
    private const ushort Commit = 7;
    private const ushort Rollback = 8;
    private const ushort Save = 9;
    private const byte BeginNewFlag = 0x01;

    /// <summary>The request, or null with <paramref name="unsupported"/> saying why it cannot be served.</summary>
    public static TransactionRequest? Parse(ReadOnlySpan<byte> body, out string? unsupported)
    {
        unsupported = null;
        if (body.Length < 2)
        {
            throw new TdsProtocolException("A transaction manager request has no request type.");
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var position = 2;
        switch (type)
        {
            case Begin:
                var isolation = Isolation(ReadByte(body, ref position));
                return new TransactionRequest(TransactionAction.Begin, ReadName(body, ref position), isolation);
            case Commit:
            case Rollback:
                var name = ReadName(body, ref position);
                var flags = position < body.Length ? body[position++] : (byte)0;
                var action = type == Commit ? TransactionAction.Commit : TransactionAction.Rollback;
                if ((flags & BeginNewFlag) == 0)
                {
                    return new TransactionRequest(action, name);
                }

                var next = Isolation(ReadByte(body, ref position));
                _ = ReadName(body, ref position);
                return new TransactionRequest(action, name, BeginAnother: true, NextIsolation: next);
            case Save:
                return new TransactionRequest(TransactionAction.Save, ReadName(body, ref position));
            default:
                unsupported = $"Transaction manager request type {type} (distributed transactions) is not supported; use local transactions (SqlConnection.BeginTransaction).";
                return null;
        }
    }

    private static byte ReadByte(ReadOnlySpan<byte> body, ref int position)
    {
        if (position >= body.Length)
        {
            throw new TdsProtocolException("A transaction manager request ends early.");
        }

        return body[position++];
    }

    private static string ReadName(ReadOnlySpan<byte> body, ref int position)
    {
        var length = ReadByte(body, ref position);
        if ((length & 1) != 0 || position + length > body.Length)
        {
            throw new TdsProtocolException($"A transaction name of {length} bytes does not fit the request.");
        }

        var name = Encoding.Unicode.GetString(body.Slice(position, length));
        position += length;
        return name;
    }

    private static TransactionIsolation Isolation(byte value) =>
        value <= (byte)TransactionIsolation.Snapshot ? (TransactionIsolation)value : throw new TdsProtocolException($"Unknown isolation level {value} in a transaction manager request.");
}
