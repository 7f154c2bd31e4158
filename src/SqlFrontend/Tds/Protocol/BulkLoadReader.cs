using System.Buffers;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>What <see cref="BulkLoadReader.Read"/> found.</summary>
public enum BulkLoadToken
{
    /// <summary>The buffered bytes end inside a token: append the next packet.</summary>
    NeedMoreData,
    ColumnMetadata,
    Row,
    Done,
}

/// <summary>
/// Decodes a bulk load message (packet type 0x07: COLMETADATA, ROW/NBCROW tokens, a final DONE) as its packets
/// arrive, into column batches of <see cref="BatchRows"/> rows. Packet boundaries may fall anywhere,
/// so each token is first measured over the bytes received so far and decoded only once it is whole:
/// a row's values go straight from the buffer into the batch's vectors. Memory is bounded by one batch
/// plus the largest row (at most <c>maxRowBytes</c>), however large the load.
/// </summary>
public sealed class BulkLoadReader : IDisposable
{
    public const int DefaultBatchRows = 65536;

    private const byte ColMetadataToken = 0x81;
    private const byte RowToken = 0xD1;
    private const byte NbcRowToken = 0xD2;
    private const byte DoneToken = 0xFD;
    private const ushort EncryptedColumnFlag = 0x0800;

    private readonly int _maxRowBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(TdsPacket.MaxSize * 2);
    private int _start;
    private int _end;
    private TdsTypeInfo[] _types = [];
    private ColumnVector[]? _columns;
    private bool _done;

    public BulkLoadReader(int maxRowBytes, int batchRows = DefaultBatchRows)
    {
        _maxRowBytes = maxRowBytes;
        BatchRows = batchRows;
    }

    public int BatchRows { get; }

    /// <summary>The columns the data describes, once COLMETADATA has been read.</summary>
    public BatchSchema? Schema { get; private set; }

    /// <summary>Rows decoded into the current batch.</summary>
    public int BufferedRows { get; private set; }

    public bool IsBatchFull => BufferedRows == BatchRows;

    /// <summary>Bytes received but not yet part of a whole token; at the end of the message there must be none.</summary>
    public bool HasUnreadBytes => _end > _start;


    /// <summary>Adds the next packet's payload.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_done)
        {
            return;
        }

        var unread = _end - _start;
        if (unread + bytes.Length > _buffer.Length)
        {
            if (unread + bytes.Length > _maxRowBytes)
            {
                throw new TdsProtocolException($"A bulk load row is larger than the server's limit of {_maxRowBytes} bytes.");
            }

            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(unread + bytes.Length, _buffer.Length * 2));
            _buffer.AsSpan(_start, unread).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }

        _start = 0;
        _end = unread;
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>Consumes the next whole token. A full batch must be taken before the next row is read.</summary>
    public BulkLoadToken Read()
    {
        if (_start == _end)
        {
            return BulkLoadToken.NeedMoreData;
        }

        var data = _buffer.AsSpan(_start, _end - _start);
        var reader = new StreamingSpanReader(data);
        var token = reader.ReadByte();
        switch (token)
        {
            case ColMetadataToken:
                var (schema, types) = ReadColMetadata(ref reader);
                if (reader.Incomplete)
                {
                    return BulkLoadToken.NeedMoreData;
                }

                if (Schema is not null)
                {
                    throw new TdsProtocolException("A second COLMETADATA token in one bulk load.");
                }

                (Schema, _types) = (schema, types);
                _start += reader.Position;
                return BulkLoadToken.ColumnMetadata;
            case RowToken:
            case NbcRowToken:
                if (Schema is null)
                {
                    throw new TdsProtocolException("Bulk load rows arrived before their COLMETADATA.");
                }

                if (IsBatchFull)
                {
                    throw new InvalidOperationException("Take the full batch before reading more rows.");
                }

                var length = MeasureRow(data, token == NbcRowToken);
                if (length < 0)
                {
                    return BulkLoadToken.NeedMoreData;
                }

                DecodeRow(data[..length], token == NbcRowToken);
                _start += length;
                return BulkLoadToken.Row;
            case DoneToken:
                // The end of the data. SqlClient writes its row count as a DWORD (9 bytes, not 13):
                // whatever follows is ignored rather than parsed.
                _done = true;
                _start = _end;
                return BulkLoadToken.Done;
            default:
                throw new TdsProtocolException($"Unexpected token 0x{token:X2} in bulk load data.");
        }
    }

    /// <summary>The rows decoded so far as a batch the caller owns; the next row starts a new one.</summary>
    public ColumnBatch TakeBatch()
    {
        var columns = _columns ?? AllocateColumns();
        foreach (var column in columns)
        {
            if (!column.Type.IsVariableWidth)
            {
                column.SetLength(BufferedRows);
            }
        }

        var batch = new ColumnBatch(Schema!, columns, BufferedRows);
        _columns = null;
        BufferedRows = 0;
        return batch;
    }

    public void Dispose()
    {
        foreach (var column in _columns ?? [])
        {
            column.Dispose();
        }

        _columns = null;
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>COLMETADATA after its token byte: USHORT count, then per column ULONG user type, USHORT flags, TYPE_INFO, B_VARCHAR name.</summary>
    private static (BatchSchema Schema, TdsTypeInfo[] Types) ReadColMetadata(ref StreamingSpanReader reader)
    {
        var count = reader.ReadUInt16();
        if (count is 0 or 0xFFFF && !reader.Incomplete)
        {
            throw new TdsProtocolException("Bulk load COLMETADATA describes no columns.");
        }

        var fields = new ColumnField[count];
        var types = new TdsTypeInfo[count];
        for (var i = 0; i < count && !reader.Incomplete; i++)
        {
            reader.Skip(4);
            var flags = reader.ReadUInt16();
            types[i] = BulkTypeInfoReader.Read(ref reader);
            var name = reader.ReadBVarChar();
            if ((flags & EncryptedColumnFlag) != 0 && !reader.Incomplete)
            {
                throw new EngineException(ErrorNumbers.BulkLoadInvalidColumn, 16, 1, $"Column '{name}' is sent encrypted (Always Encrypted), which is not supported.");
            }

            fields[i] = new ColumnField(name, types[i].SqlType);
        }

        return (new BatchSchema(fields), types);
    }

    /// <summary>The row's length in bytes, token included, or -1 when it has not fully arrived.</summary>
    private int MeasureRow(ReadOnlySpan<byte> data, bool nullBitmap)
    {
        var reader = new StreamingSpanReader(data);
        reader.Skip(1);
        var bitmap = nullBitmap ? reader.ReadBytes((_types.Length + 7) / 8) : default;
        for (var c = 0; c < _types.Length && !reader.Incomplete; c++)
        {
            if (!nullBitmap || (bitmap[c >> 3] & (1 << (c & 7))) == 0)
            {
                TdsValueReader.Skip(ref reader, _types[c]);
            }
        }

        return reader.Incomplete ? -1 : reader.Position;
    }

    private void DecodeRow(ReadOnlySpan<byte> row, bool nullBitmap)
    {
        var columns = _columns ??= AllocateColumns();
        var reader = new StreamingSpanReader(row);
        reader.Skip(1);
        var bitmap = nullBitmap ? reader.ReadBytes((_types.Length + 7) / 8) : default;
        var index = BufferedRows;
        for (var c = 0; c < _types.Length; c++)
        {
            if (nullBitmap && (bitmap[c >> 3] & (1 << (c & 7))) != 0)
            {
                if (columns[c].Type.IsVariableWidth)
                {
                    columns[c].AppendNull();
                }
                else
                {
                    columns[c].SetNull(index);
                }

                continue;
            }

            TdsValueReader.Read(ref reader, _types[c], columns[c], index);
        }

        BufferedRows++;
    }

    private ColumnVector[] AllocateColumns()
    {
        var columns = new ColumnVector[_types.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = ColumnVector.Allocate(_types[c].SqlType, BatchRows, dataBytesHint: 64 * 1024);
        }

        return columns;
    }
}
