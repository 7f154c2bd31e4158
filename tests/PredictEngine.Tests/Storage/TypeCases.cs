using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

/// <summary>One SQL Server type of the mapping with edge values (nulls included) to round-trip.</summary>
internal sealed record TypeCase(string Name, SqlType Type, object?[] Values)
{
    /// <summary>The type a column of this type reads back as (DuckDB keeps no lengths or fractional digits).</summary>
    public SqlType ReadBackType => Type.Id switch
    {
        SqlTypeId.Char or SqlTypeId.VarChar or SqlTypeId.NChar or SqlTypeId.NVarChar => SqlType.NVarChar(SqlType.MaxLength),
        SqlTypeId.VarBinary => SqlType.VarBinary(SqlType.MaxLength),
        SqlTypeId.Time => SqlType.Time(6),
        SqlTypeId.DateTime or SqlTypeId.DateTime2 => SqlType.DateTime2(6),
        _ => Type,
    };
}

internal static class TypeCases
{
    private static readonly string LongAscii = string.Concat(Enumerable.Repeat("0123456789abcdef", 64));
    private static readonly string LongUnicode = string.Concat(Enumerable.Repeat("日本語テキスト", 40));

    private static readonly object?[] Strings =
    [
        "", "a", null, "exactly12byt", "thirteen byte", "日本語", "日本語日本語", LongAscii, null, LongUnicode, "ä", "emoji 😀 outside the BMP",
    ];

    private static readonly object?[] Binaries =
    [
        Array.Empty<byte>(), null, new byte[] { 0 }, new byte[] { 0xFF, 0x00, 0x41 },
        Enumerable.Range(0, 12).Select(i => (byte)i).ToArray(), Enumerable.Range(0, 13).Select(i => (byte)(255 - i)).ToArray(),
        Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray(), null,
    ];

    public static IReadOnlyList<TypeCase> All { get; } =
    [
        new("bit", SqlType.Bit, [true, false, null, true]),
        new("tinyint", SqlType.TinyInt, [(byte)0, (byte)255, null, (byte)1, (byte)128]),
        new("smallint", SqlType.SmallInt, [short.MinValue, short.MaxValue, (short)0, null, (short)-1]),
        new("int", SqlType.Int, [int.MinValue, int.MaxValue, 0, null, -1]),
        new("bigint", SqlType.BigInt, [long.MinValue, long.MaxValue, null, 0L, -1L]),
        new("real", SqlType.Real, [float.MinValue, float.MaxValue, 0f, -1.5f, float.Epsilon, null, float.PositiveInfinity, 3.4028e-30f]),
        new("float", SqlType.Float, [double.MinValue, double.MaxValue, double.Epsilon, -0.1, null, double.NegativeInfinity, Math.PI]),
        new("decimal(1,0)", SqlType.Decimal(1, 0), [9m, -9m, 0m, null]),
        new("decimal(4,2)", SqlType.Decimal(4, 2), [99.99m, -99.99m, 0m, null, 0.01m, -0.01m]),
        new("decimal(9,3)", SqlType.Decimal(9, 3), [999999.999m, -999999.999m, -0.001m, null, 123.4m]),
        new("decimal(18,4)", SqlType.Decimal(18, 4), [99999999999999.9999m, -99999999999999.9999m, null, 1.5m, -0.0001m]),
        new("decimal(38,10)", SqlType.Decimal(38, 10), [999999999999999999.9999999999m, -999999999999999999.9999999999m, -0.0000000001m, null, 0m]),
        new("decimal(38,0)", SqlType.Decimal(38, 0), [79228162514264337593543950335m, -79228162514264337593543950335m, null, 1m]),
        new("char(10)", SqlType.Char(10), Strings),
        new("varchar(50)", SqlType.VarChar(50), Strings),
        new("varchar(max)", SqlType.VarChar(SqlType.MaxLength), Strings),
        new("nchar(10)", SqlType.NChar(10), Strings),
        new("nvarchar(100)", SqlType.NVarChar(100), Strings),
        new("nvarchar(max)", SqlType.NVarChar(SqlType.MaxLength), Strings),
        new("varbinary(16)", SqlType.VarBinary(16), Binaries),
        new("varbinary(max)", SqlType.VarBinary(SqlType.MaxLength), Binaries),
        new("date", SqlType.Date, [new DateOnly(1969, 12, 31), new DateOnly(1970, 1, 1), null, DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29), new DateOnly(1900, 1, 1)]),
        new("time", SqlType.Time(), [TimeOnly.MinValue, new TimeOnly(23, 59, 59, 999, 999), null, new TimeOnly(12, 0, 0, 0, 1)]),
        new("datetime", SqlType.DateTime, [new DateTime(1753, 1, 1), new DateTime(1969, 12, 31, 23, 59, 59, 997), null, new DateTime(9999, 12, 31, 23, 59, 59, 997)]),
        new("datetime2", SqlType.DateTime2(), [DateTime.MinValue, new DateTime(1969, 12, 31, 23, 59, 59, 999, 999), DateTime.UnixEpoch, null, new DateTime(9999, 12, 31, 23, 59, 59, 999, 999), new DateTime(2024, 2, 29, 12, 30, 0)]),
        new("uniqueidentifier", SqlType.UniqueIdentifier,
        [
            Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), Guid.Empty, null, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"),
            Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("80000000-0000-0000-0000-000000000000"),
        ]),
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var type in All)
            {
                names.Add(type.Name);
            }

            return names;
        }
    }

    public static TypeCase Get(string name) => All.Single(c => c.Name == name);
}
