using System.Buffers.Binary;
using System.Globalization;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>
/// Moves single values between result vectors, CLR objects and statement parameters. A variable's value is
/// the natural CLR type of its SQL type (bool, byte, short, int, long, float, double, decimal, string,
/// byte[], DateOnly, TimeOnly, DateTime, Guid); null is SQL NULL.
/// </summary>
internal static class SqlValues
{
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static object? Read(ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            return null;
        }

        var type = vector.Type;
        switch (type.Physical)
        {
            case PhysicalKind.Bool8: return vector.GetValues<byte>()[row] != 0;
            case PhysicalKind.UInt8: return vector.GetValues<byte>()[row];
            case PhysicalKind.Int16: return vector.GetValues<short>()[row];
            case PhysicalKind.Int32: return vector.GetValues<int>()[row];
            case PhysicalKind.Int64: return vector.GetValues<long>()[row];
            case PhysicalKind.Float32: return vector.GetValues<float>()[row];
            case PhysicalKind.Float64: return vector.GetValues<double>()[row];
            case PhysicalKind.Decimal128:
                var scaled = vector.GetValues<Int128>()[row];
                try
                {
                    return DecimalValues.ToDecimal(scaled, type.Scale);
                }
                catch (OverflowException)
                {
                    // Beyond System.Decimal's 28 digits: the nearest double keeps the magnitude.
                    return DecimalValues.ToDouble(scaled, type.Scale);
                }

            case PhysicalKind.Utf8: return vector.GetString(row);
            case PhysicalKind.Binary: return vector.GetBytes(row).ToArray();
            case PhysicalKind.Date32: return DateOnly.FromDayNumber(EpochDay + vector.GetValues<int>()[row]);
            case PhysicalKind.Time64Micros: return new TimeOnly(vector.GetValues<long>()[row] * TimeSpan.TicksPerMicrosecond);
            case PhysicalKind.TimestampMicros: return DateTime.UnixEpoch.AddTicks(vector.GetValues<long>()[row] * TimeSpan.TicksPerMicrosecond);
            case PhysicalKind.Uuid16:
                var bytes = vector.GetValues<byte>().Slice(row * 16, 16);
                return new Guid(bytes, bigEndian: true);
            default:
                throw new EngineException(ErrorNumbers.InternalError, 16, 1, $"A {type} value cannot be read into a variable.");
        }
    }

    /// <summary>Binds a CLR value with the overload of its type; the translator casts each parameter to the variable's type.</summary>
    public static void Bind(StorageStatement statement, int index, object? value)
    {
        switch (value)
        {
            case null: statement.BindNull(index); break;
            case bool v: statement.Bind(index, v); break;
            case byte v: statement.Bind(index, v); break;
            case short v: statement.Bind(index, v); break;
            case int v: statement.Bind(index, v); break;
            case long v: statement.Bind(index, v); break;
            case float v: statement.Bind(index, v); break;
            case double v: statement.Bind(index, v); break;
            case decimal v: statement.Bind(index, v); break;
            case System.Data.SqlTypes.SqlDecimal { IsNull: true }: statement.BindNull(index); break;
            // A decimal wider than System.Decimal (up to 38 digits) binds as its unscaled value: v.Value would overflow.
            case System.Data.SqlTypes.SqlDecimal v: statement.Bind(index, Unscaled(v), v.Precision, v.Scale); break;
            case string v: statement.Bind(index, v); break;
            case byte[] v: statement.Bind(index, v); break;
            case DateOnly v: statement.Bind(index, v); break;
            case TimeOnly v: statement.Bind(index, v); break;
            case TimeSpan v: statement.Bind(index, TimeOnly.FromTimeSpan(v)); break;
            case DateTime v: statement.Bind(index, v); break;
            case DateTimeOffset v: statement.Bind(index, v.UtcDateTime); break;
            case Guid v: statement.Bind(index, v); break;
            default:
                throw new EngineException(ErrorNumbers.ConversionFailed, 16, 1, $"A {value.GetType().Name} value has no SQL type.");
        }
    }

    private static Int128 Unscaled(System.Data.SqlTypes.SqlDecimal value)
    {
        var data = value.Data;
        var magnitude = ((UInt128)(uint)data[3] << 96) | ((UInt128)(uint)data[2] << 64) | ((UInt128)(uint)data[1] << 32) | (uint)data[0];
        return value.IsPositive ? (Int128)magnitude : -(Int128)magnitude;
    }

    /// <summary>The T-SQL type of a CLR value (for a procedure argument with no declared type).</summary>
    public static SqlType? TypeOf(object? value) => value switch
    {
        bool => SqlType.Bit,
        byte => SqlType.TinyInt,
        short => SqlType.SmallInt,
        int => SqlType.Int,
        long => SqlType.BigInt,
        float => SqlType.Real,
        double => SqlType.Float,
        decimal => SqlType.Decimal(38, 10),
        string s => SqlType.NVarChar(s.Length is > 0 and <= 4000 ? s.Length : SqlType.MaxLength),
        byte[] => SqlType.VarBinary(SqlType.MaxLength),
        DateOnly => SqlType.Date,
        TimeOnly => SqlType.Time(),
        DateTime => SqlType.DateTime2(),
        Guid => SqlType.UniqueIdentifier,
        _ => null,
    };

    /// <summary>
    /// Converts a value to a variable's type in C# where the translator is not involved (SELECT @v = col,
    /// EXEC's return status and OUTPUT arguments): numbers truncate to integers and round to a decimal's scale,
    /// strings are cut to the declared length, as SQL Server's implicit conversion does.
    /// </summary>
    public static object? Convert(object? value, SqlType? type)
    {
        if (value is null || type is not { } target)
        {
            return value;
        }

        try
        {
            return target.Id switch
            {
                SqlTypeId.Bit => value is string s ? ParseBit(s) : System.Convert.ToDecimal(value, CultureInfo.InvariantCulture) != 0,
                SqlTypeId.TinyInt => checked((byte)Integer(value)),
                SqlTypeId.SmallInt => checked((short)Integer(value)),
                SqlTypeId.Int => checked((int)Integer(value)),
                SqlTypeId.BigInt => Integer(value),
                SqlTypeId.Real => System.Convert.ToSingle(value, CultureInfo.InvariantCulture),
                SqlTypeId.Float => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
                SqlTypeId.Decimal => Math.Round(System.Convert.ToDecimal(value, CultureInfo.InvariantCulture), Math.Min((int)target.Scale, 28), MidpointRounding.AwayFromZero),
                SqlTypeId.Char or SqlTypeId.VarChar or SqlTypeId.NChar or SqlTypeId.NVarChar => Truncate(Text(value), target.Length),
                _ => value,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            throw new EngineException(245, 16, 1, $"Conversion failed when converting the {TypeName(value)} value '{Text(value)}' to data type {SqlType.Keyword(target.Id)}.");
        }
        catch (OverflowException)
        {
            throw new EngineException(ErrorNumbers.ArithmeticOverflow, 16, 1, $"Arithmetic overflow error converting {TypeName(value)} to data type {SqlType.Keyword(target.Id)}.");
        }
    }

    /// <summary>A value as PRINT and RAISERROR's %s show it.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "1" : "0",
        float f => f.ToString("G7", CultureInfo.InvariantCulture),
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        byte[] bytes => "0x" + System.Convert.ToHexString(bytes),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static long Integer(object value) => value switch
    {
        string s => long.Parse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        decimal d => (long)decimal.Truncate(d),
        double d => (long)Math.Truncate(d),
        float f => (long)Math.Truncate(f),
        _ => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static bool ParseBit(string text)
    {
        var trimmed = text.Trim();
        if (string.Equals(trimmed, "TRUE", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !string.Equals(trimmed, "FALSE", StringComparison.OrdinalIgnoreCase) && Integer(trimmed) != 0;
    }

    private static string Truncate(string text, int length) =>
        length > 0 && length != SqlType.MaxLength && text.Length > length ? text[..length] : text;

    private static string TypeName(object value) => value switch
    {
        string => "nvarchar",
        _ => TypeOf(value) is { } t ? SqlType.Keyword(t.Id) : value.GetType().Name,
    };
}
