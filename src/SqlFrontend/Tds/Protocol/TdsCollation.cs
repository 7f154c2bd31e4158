using System.Buffers.Binary;
using System.Text;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>
/// The 5-byte COLLATION of MS-TDS 2.2.5.1.2: LCID (bits 0-19), flags (20-27, fUTF8 = bit 26), version
/// (28-31), then a SortId. It matters here only for the code page that varchar and text values use.
/// </summary>
public readonly record struct TdsCollation(uint Info, byte SortId)
{
    public const int Length = 5;

    private const uint Utf8Flag = 1u << 26;

    public static TdsCollation Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt32LittleEndian(bytes), bytes[4]);

    public int Lcid => (int)(Info & 0xFFFFF);

    /// <summary>
    /// The code page of varchar data: UTF-8 for _UTF8 collations, the sort order's code page for SQL
    /// collations (SortId ≠ 0), otherwise the Windows ANSI code page of the locale. Unknown locales and
    /// the raw collation (all zero) read as 1252, the code page of the server's default collation.
    /// </summary>
    public int CodePage => (Info & Utf8Flag) != 0 ? 65001 : SortId != 0 ? SortOrderCodePage(SortId) : LocaleCodePage(Lcid);

    public Encoding Encoding => EncodingFor(CodePage);

    public static Encoding EncodingFor(int codePage) => codePage switch
    {
        65001 => Encoding.UTF8,
        // The code-page encodings ship with .NET; the provider hands them out without being registered.
        _ => CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.Latin1,
    };

    // SQL Server's SQL_* sort orders (SortId) by code page, as sys.fn_helpcollations lists them.
    private static int SortOrderCodePage(byte sortId) => sortId switch
    {
        >= 30 and <= 35 => 437,
        >= 40 and <= 49 => 850,
        >= 55 and <= 61 => 850,
        >= 80 and <= 98 => 1250,
        >= 104 and <= 108 => 1251,
        >= 112 and <= 124 => 1253,
        >= 128 and <= 130 => 1254,
        >= 136 and <= 138 => 1255,
        >= 144 and <= 146 => 1256,
        >= 152 and <= 160 => 1257,
        192 or 193 or 200 => 932,
        194 or 195 or 201 => 949,
        196 or 197 or 202 => 950,
        198 or 199 or 203 => 936,
        >= 204 and <= 206 => 874,
        _ => 1252,
    };

    // Windows collations: the ANSI code page of the locale's primary language (MS-LCID).
    private static int LocaleCodePage(int lcid) => (lcid & 0x3FF) switch
    {
        0x05 or 0x0E or 0x15 or 0x18 or 0x1B or 0x1C or 0x24 => 1250, // Czech, Hungarian, Polish, Romanian, Slovak, Albanian, Slovenian
        0x1A => (lcid >> 10) is 3 or 7 or 8 or 10 or 12 ? 1251 : 1250, // Serbian/Bosnian (Cyrillic) or Croatian/Bosnian/Serbian (Latin)
        0x02 or 0x19 or 0x22 or 0x23 or 0x2F or 0x3F or 0x44 or 0x50 or 0x6D or 0x85 => 1251, // Bulgarian, Russian, Ukrainian, Belarusian, Macedonian, Kazakh, Tatar, Mongolian, Bashkir, Yakut
        0x08 => 1253,                                                  // Greek
        0x1F or 0x2C or 0x43 => 1254,                                  // Turkish, Azeri, Uzbek
        0x0D => 1255,                                                  // Hebrew
        0x01 or 0x20 or 0x29 or 0x8C => 1256,                          // Arabic, Urdu, Persian, Dari
        0x25 or 0x26 or 0x27 => 1257,                                  // Estonian, Latvian, Lithuanian
        0x2A => 1258,                                                  // Vietnamese
        0x1E => 874,                                                   // Thai
        0x11 => 932,                                                   // Japanese
        0x12 => 949,                                                   // Korean
        0x04 => lcid is 0x0804 or 0x1004 ? 936 : 950,                  // Chinese: PRC and Singapore simplified, others traditional
        _ => 1252,
    };
}
