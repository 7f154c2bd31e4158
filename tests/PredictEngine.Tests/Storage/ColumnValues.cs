using System.Text;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>
/// Moves test values between CLR objects and Arrow-layout vectors. Values are the natural CLR types of
/// each SQL type (bool, byte, short, int, long, float, double, decimal, string, byte[], DateOnly,
/// TimeOnly, DateTime, Guid); null stands for SQL NULL. A decimal column also accepts a raw Int128.
/// </summary>
internal static class ColumnValues
{
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>
    /// Builds a vector holding <paramref name="values"/>. Variable-width vectors start with room for one row
    /// and a few bytes, so appending has to grow both the offsets and the data buffers.
    /// </summary>
    public static ColumnVector Build(SqlType type, IReadOnlyList<object?> values)
    {
        if (type.IsVariableWidth)
        {
            var growing = ColumnVector.Allocate(type, 1, 4);
            foreach (var value in values)
            {
                switch (value)
                {
                    case null:
                        growing.AppendNull();
                        break;
                    case string text:
                        growing.AppendString(text);
                        break;
                    case byte[] bytes:
                        growing.AppendBytes(bytes);
                        break;
                    default:
                        throw new ArgumentException($"A {type} vector cannot hold {value.GetType().Name}.", nameof(values));
                }
            }

            return growing;
        }

        var vector = ColumnVector.Allocate(type, values.Count);
        for (var row = 0; row < values.Count; row++)
        {
            if (values[row] is { } value)
            {
                Write(vector, row, value);
            }
            else
            {
                vector.SetNull(row);
            }
        }

        vector.SetLength(values.Count);
        return vector;
    }

    /// <summary>The value of <paramref name="row"/> as its CLR type; decimals come back as System.Decimal.</summary>
    public static object? Read(ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            return null;
        }

        switch (vector.Type.Physical)
        {
            case PhysicalKind.Bool8:
                var flag = vector.GetValues<byte>()[row];
                Assert.True(flag <= 1, $"bit value byte is {flag}, not 0 or 1");
                return flag == 1;
            case PhysicalKind.UInt8:
                return vector.GetValues<byte>()[row];
            case PhysicalKind.Int16:
                return vector.GetValues<short>()[row];
            case PhysicalKind.Int32:
                return vector.GetValues<int>()[row];
            case PhysicalKind.Int64:
                return vector.GetValues<long>()[row];
            case PhysicalKind.Float32:
                return vector.GetValues<float>()[row];
            case PhysicalKind.Float64:
                return vector.GetValues<double>()[row];
            case PhysicalKind.Decimal128:
                return DecimalValues.ToDecimal(vector.GetValues<Int128>()[row], vector.Type.Scale);
            case PhysicalKind.Date32:
                return DateOnly.FromDayNumber(EpochDay + vector.GetValues<int>()[row]);
            case PhysicalKind.Time64Micros:
                return new TimeOnly(vector.GetValues<long>()[row] * TimeSpan.TicksPerMicrosecond);
            case PhysicalKind.TimestampMicros:
                return new DateTime(DateTime.UnixEpoch.Ticks + (vector.GetValues<long>()[row] * TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified);
            case PhysicalKind.Uuid16:
                return new Guid(vector.GetValues<byte>().Slice(row * 16, 16), bigEndian: true);
            case PhysicalKind.Utf8:
                return vector.GetString(row);
            case PhysicalKind.Binary:
                return vector.GetBytes(row).ToArray();
            default:
                throw new InvalidOperationException($"No reader for {vector.Type}.");
        }
    }

    /// <summary>Reads every row of <paramref name="sql"/>, checking that each batch is well formed.</summary>
    public static (BatchSchema Schema, List<object?[]> Rows) Query(StorageConnection connection, string sql, int batchRows = StorageConnection.DefaultBatchRows)
    {
        using var reader = connection.ExecuteReader(sql, batchRows);
        var rows = new List<object?[]>();
        while (reader.ReadBatch() is { } batch)
        {
            using (batch)
            {
                Assert.InRange(batch.RowCount, 1, batchRows);
                for (var r = 0; r < batch.RowCount; r++)
                {
                    var row = new object?[batch.ColumnCount];
                    for (var c = 0; c < batch.ColumnCount; c++)
                    {
                        row[c] = Read(batch[c], r);
                    }

                    rows.Add(row);
                }
            }
        }

        Assert.Equal(rows.Count, reader.RowsRead);
        return (reader.Schema, rows);
    }

    /// <summary>The single value of a one-row, one-column query.</summary>
    public static object? Scalar(StorageConnection connection, string sql)
    {
        var (_, rows) = Query(connection, sql);
        var row = Assert.Single(rows);
        return Assert.Single(row);
    }

    /// <summary>Equality that compares byte arrays by content and reports where a mismatch is.</summary>
    public static void AssertSame(object? expected, object? actual, string where)
    {
        var equal = (expected, actual) switch
        {
            (null, null) => true,
            (byte[] e, byte[] a) => e.AsSpan().SequenceEqual(a),
            (null, _) or (_, null) => false,
            _ => expected.Equals(actual),
        };

        if (!equal)
        {
            Assert.Fail($"{where}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => $"0x{Convert.ToHexString(bytes)} ({bytes.Length} bytes)",
        string text => $"'{text}' ({Encoding.UTF8.GetByteCount(text)} bytes)",
        _ => $"{value} ({value.GetType().Name})",
    };

    private static void Write(ColumnVector vector, int row, object value)
    {
        switch (vector.Type.Physical)
        {
            case PhysicalKind.Bool8:
                vector.GetWritableValues<byte>()[row] = (bool)value ? (byte)1 : (byte)0;
                break;
            case PhysicalKind.UInt8:
                vector.GetWritableValues<byte>()[row] = (byte)value;
                break;
            case PhysicalKind.Int16:
                vector.GetWritableValues<short>()[row] = (short)value;
                break;
            case PhysicalKind.Int32:
                vector.GetWritableValues<int>()[row] = (int)value;
                break;
            case PhysicalKind.Int64:
                vector.GetWritableValues<long>()[row] = (long)value;
                break;
            case PhysicalKind.Float32:
                vector.GetWritableValues<float>()[row] = (float)value;
                break;
            case PhysicalKind.Float64:
                vector.GetWritableValues<double>()[row] = (double)value;
                break;
            case PhysicalKind.Decimal128:
                vector.GetWritableValues<Int128>()[row] = value is Int128 raw ? raw : DecimalValues.ToScaledInt128((decimal)value, vector.Type.Scale);
                break;
            case PhysicalKind.Date32:
                vector.GetWritableValues<int>()[row] = ((DateOnly)value).DayNumber - EpochDay;
                break;
            case PhysicalKind.Time64Micros:
                vector.GetWritableValues<long>()[row] = ((TimeOnly)value).Ticks / TimeSpan.TicksPerMicrosecond;
                break;
            case PhysicalKind.TimestampMicros:
                vector.GetWritableValues<long>()[row] = (((DateTime)value).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
                break;
            case PhysicalKind.Uuid16:
                Assert.True(((Guid)value).TryWriteBytes(vector.GetWritableValues<byte>().Slice(row * 16, 16), bigEndian: true, out _));
                break;
            default:
                throw new InvalidOperationException($"No writer for {vector.Type}.");
        }
    }
}
