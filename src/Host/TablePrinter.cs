using System.Globalization;
using System.Text;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;

namespace PredictEngine.Host;

/// <summary>Prints a small query result as an aligned text table (for reports, not bulk output).</summary>
internal static class TablePrinter
{
    public static void Print(StorageConnection connection, string sql)
    {
        using var reader = connection.ExecuteReader(sql);
        var rows = new List<string[]>();
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                for (var r = 0; r < batch.RowCount; r++)
                {
                    var row = new string[batch.ColumnCount];
                    for (var c = 0; c < batch.ColumnCount; c++)
                    {
                        row[c] = Format(batch[c], r);
                    }

                    rows.Add(row);
                }
            }
        }

        var names = reader.Schema.Fields.Select(f => f.Name).ToArray();
        var widths = names.Select((n, c) => rows.Select(r => r[c].Length).Append(n.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join(" ", names.Select((n, c) => n.PadRight(widths[c]))).TrimEnd());
        text.AppendLine(string.Join(" ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(" ", row.Select((v, c) => reader.Schema[c].Type.IsString ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd());
        }

        text.Append(CultureInfo.InvariantCulture, $"({rows.Count} row{(rows.Count == 1 ? string.Empty : "s")})");
        Console.WriteLine(text.ToString());
    }

    public static string Format(ColumnVector column, int row)
    {
        if (column.IsNull(row))
        {
            return "NULL";
        }

        var inv = CultureInfo.InvariantCulture;
        return column.Type.Physical switch
        {
            PhysicalKind.Bool8 or PhysicalKind.UInt8 => column.GetValues<byte>()[row].ToString(inv),
            PhysicalKind.Int16 => column.GetValues<short>()[row].ToString(inv),
            PhysicalKind.Int32 => column.GetValues<int>()[row].ToString(inv),
            PhysicalKind.Int64 => column.GetValues<long>()[row].ToString(inv),
            PhysicalKind.Float32 => column.GetValues<float>()[row].ToString("G7", inv),
            PhysicalKind.Float64 => column.GetValues<double>()[row].ToString("G15", inv),
            PhysicalKind.Decimal128 => DecimalValues.ToDecimal(column.GetValues<Int128>()[row], column.Type.Scale).ToString(inv),
            PhysicalKind.Date32 => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + column.GetValues<int>()[row]).ToString("yyyy-MM-dd", inv),
            PhysicalKind.Time64Micros => TimeOnly.FromTimeSpan(TimeSpan.FromMicroseconds(column.GetValues<long>()[row])).ToString("HH:mm:ss.ffffff", inv),
            PhysicalKind.TimestampMicros => DateTime.UnixEpoch.AddTicks(column.GetValues<long>()[row] * TimeSpan.TicksPerMicrosecond).ToString("yyyy-MM-dd HH:mm:ss.ffffff", inv),
            PhysicalKind.Uuid16 => new Guid(column.GetValues<byte>().Slice(row * 16, 16), bigEndian: true).ToString().ToUpperInvariant(),
            PhysicalKind.Binary => "0x" + Convert.ToHexString(column.GetBytes(row)),
            _ => column.GetString(row),
        };
    }
}
