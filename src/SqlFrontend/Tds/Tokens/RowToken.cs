using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Batches;

namespace PredictEngine.SqlFrontend.Tds.Tokens;

/// <summary>
/// ROW (0xD1) and NBCROW (0xD2): values in column order, straight from the batch's columns into the
/// packet buffer. NBCROW (TDS 7.3B+) prefixes a bitmap of NULL columns and omits their values.
/// </summary>
public static class RowToken
{
    public const byte Row = 0xD1;
    public const byte NullBitmapRow = 0xD2;

    public static void WriteRows(TdsPacketWriter writer, ColumnBatch batch, bool allowNbcRow, CancellationToken cancellation)
    {
        var columns = batch.ColumnCount;
        var anyNulls = false;
        for (var c = 0; c < columns; c++)
        {
            anyNulls |= batch[c].HasNulls;
        }

        var bitmapBytes = (columns + 7) / 8;
        for (var r = 0; r < batch.RowCount; r++)
        {
            if ((r & 1023) == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            if (allowNbcRow && anyNulls)
            {
                writer.WriteByte(NullBitmapRow);
                var bitmap = writer.GetSpan(bitmapBytes)[..bitmapBytes];
                bitmap.Clear();
                for (var c = 0; c < columns; c++)
                {
                    if (batch[c].HasNulls && batch[c].IsNull(r))
                    {
                        bitmap[c >> 3] |= (byte)(1 << (c & 7));
                    }
                }

                writer.Advance(bitmapBytes);
                for (var c = 0; c < columns; c++)
                {
                    if (!(batch[c].HasNulls && batch[c].IsNull(r)))
                    {
                        TdsTypes.WriteValue(writer, batch[c], r);
                    }
                }

                continue;
            }

            writer.WriteByte(Row);
            for (var c = 0; c < columns; c++)
            {
                TdsTypes.WriteValue(writer, batch[c], r);
            }
        }
    }
}
