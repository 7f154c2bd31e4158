using System.Globalization;

namespace PredictEngine.Benchmarks.Storage;

/// <summary>The tables the scan benchmarks read, each 1M rows built by DuckDB from <c>range()</c>, deterministically.</summary>
public enum ScanTable
{
    /// <summary>Ten columns of mixed types: six numeric, two varchar (10-20 characters), a date and a decimal(18,4).</summary>
    Mixed10,

    /// <summary>Thirty FLOAT columns c0 … c29: the feature table that feeds the 30-input scoring models.</summary>
    Features30,
}

internal static class ScanTables
{
    public const int Rows = 1_000_000;

    public static string Name(ScanTable table) => table switch
    {
        ScanTable.Mixed10 => "mixed10",
        ScanTable.Features30 => "features30",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    public static string CreateSql(ScanTable table) => table switch
    {
        ScanTable.Mixed10 => $"""
            CREATE TABLE mixed10 AS SELECT
                i::INTEGER AS id,
                i * 7919 AS account,
                (i % 1000) / 7.0::DOUBLE AS ratio,
                ((i * 37) % 10007)::FLOAT / 13 AS weight,
                ((i * 13) % 100000)::INTEGER AS quantity,
                sin(i::DOUBLE) AS signal,
                'customer-' || ((i * 7) % 1000003)::VARCHAR AS customer,
                'sku-' || substr(md5(i::VARCHAR), 1, 8 + (i % 9)::INTEGER) AS sku,
                DATE '2020-01-01' + (i % 1500)::INTEGER AS day,
                ((i % 100000) * 1.2345)::DECIMAL(18,4) AS amount
            FROM range({Rows}) r(i)
            """,
        ScanTable.Features30 => $"""
            CREATE TABLE features30 AS SELECT
                {string.Join(",\n    ", Enumerable.Range(0, 30).Select(Feature))}
            FROM range({Rows}) r(i)
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    // A different deterministic spread per column, so no column compresses to a constant.
    private static string Feature(int c) => string.Create(CultureInfo.InvariantCulture, $"((i * {(2 * c) + 3}) % {1000 + c})::FLOAT / {c + 1} AS c{c}");
}
