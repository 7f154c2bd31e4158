using System.Globalization;
using System.Text;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// A result column as sqlcmd sees it: SQL Server's type name (lower case, as SqlClient's GetDataTypeName
/// spells it) with its length in characters (≤ 0 or over 8000 for the (max) types), precision and scale.
/// Both modes describe columns this way so that one formatter serves them.
/// </summary>
public sealed record SqlcmdColumn(string Name, string TypeName, int Size, int Precision, int Scale)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Whether the (max) display width (-y) applies: varchar(max), nvarchar(max), varbinary(max), text, xml.</summary>
    public bool IsLarge => TypeName switch
    {
        "varchar" or "varbinary" => Size <= 0 || Size > 8000,
        "nvarchar" => Size <= 0 || Size > 4000,
        "text" or "ntext" or "image" or "xml" => true,
        _ => false,
    };

    /// <summary>sqlcmd right-justifies numbers and dates, and left-justifies text, GUIDs and binary.</summary>
    public bool RightJustified => TypeName is "bit" or "tinyint" or "smallint" or "int" or "bigint" or "real" or "float"
        or "decimal" or "numeric" or "money" or "smallmoney" or "date" or "time" or "datetime" or "datetime2" or "smalldatetime" or "datetimeoffset";

    /// <summary>The column's display width: the ODBC character size of its type, at least its name's length.</summary>
    public int DisplayWidth(int variableWidth, int fixedWidth)
    {
        var typeWidth = TypeName switch
        {
            "bit" => 1,
            "tinyint" => 3,
            "smallint" => 6,
            "int" => 11,
            "bigint" => 20,
            "real" or "smallmoney" => 14,
            "float" or "money" => 24,
            "decimal" or "numeric" => Precision + 2,
            "date" => 10,
            "time" => 8 + Fraction(Scale),
            "datetime" => 23,
            "smalldatetime" => 19,
            "datetime2" => 19 + Fraction(Scale),
            "datetimeoffset" => 26 + Fraction(Scale),
            "uniqueidentifier" => 36,
            _ when IsLarge => variableWidth,
            "char" or "varchar" or "nchar" or "nvarchar" => fixedWidth > 0 ? Math.Min(fixedWidth, Size) : Size,
            "binary" or "varbinary" => 2 * Size,
            _ => Size > 0 ? Size : variableWidth,
        };
        return typeWidth == 0 ? 0 : Math.Max(typeWidth, Name.Length);
    }

    /// <summary>A value as sqlcmd prints it; both modes hand in the .NET value SqlClient would return.</summary>
    public string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "1" : "0",
        double d => d.ToString("G17", Invariant),
        float f => f.ToString("R", Invariant),
        decimal m => m.ToString("F" + Scale.ToString(Invariant), Invariant),
        DateTime t => FormatDateTime(t),
        DateOnly d => d.ToString("yyyy-MM-dd", Invariant),
        TimeSpan t => FormatTime(t),
        TimeOnly t => FormatTime(t.ToTimeSpan()),
        DateTimeOffset o => FormatDateTime(o.DateTime) + o.ToString(" zzz", Invariant),
        Guid g => g.ToString().ToUpperInvariant(),
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? string.Empty,
    };

    private static int Fraction(int digits) => digits > 0 ? digits + 1 : 0;

    private string FormatDateTime(DateTime t) => TypeName switch
    {
        "date" => t.ToString("yyyy-MM-dd", Invariant),
        "smalldatetime" => t.ToString("yyyy-MM-dd HH:mm:ss", Invariant),
        "datetime" => t.ToString("yyyy-MM-dd HH:mm:ss.fff", Invariant),
        _ => t.ToString("yyyy-MM-dd HH:mm:ss", Invariant) + Digits(t.TimeOfDay, Scale),
    };

    private string FormatTime(TimeSpan t) => new DateTime(t.Ticks, DateTimeKind.Unspecified).ToString("HH:mm:ss", Invariant) + Digits(t, Scale);

    private static string Digits(TimeSpan t, int scale)
    {
        if (scale <= 0)
        {
            return string.Empty;
        }

        var ticks = (t.Ticks % TimeSpan.TicksPerSecond).ToString("D7", Invariant);
        return new StringBuilder(".").Append(ticks, 0, Math.Min(scale, 7)).ToString();
    }
}
