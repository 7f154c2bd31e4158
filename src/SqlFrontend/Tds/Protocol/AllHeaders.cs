using System.Buffers.Binary;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// ALL_HEADERS (MS-TDS 2.2.5.3), TDS 7.2+: a DWORD total length, then headers of DWORD length (itself
/// included), USHORT type and data. Type 2 holds the transaction descriptor and the outstanding request count.
/// </summary>
public static class AllHeaders
{
    private const ushort TransactionDescriptorType = 2;

    /// <summary>The transaction descriptor the request names, or null when it has no such header.</summary>
    /// <param name="headers">The whole ALL_HEADERS block, total length included.</param>
    public static ulong? TransactionDescriptor(ReadOnlySpan<byte> headers)
    {
        var position = 4;
        while (position + 6 <= headers.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(headers[position..]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(headers[(position + 4)..]);
            if (length < 6 || length > headers.Length - position)
            {
                throw new TdsProtocolException($"ALL_HEADERS holds a header of {length} bytes at offset {position} of {headers.Length}.");
            }

            if (type == TransactionDescriptorType && length >= 14)
            {
                return BinaryPrimitives.ReadUInt64LittleEndian(headers[(position + 6)..]);
            }

            position += length;
        }

        return null;
    }
}
