using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PredictEngine.Benchmarks;

/// <summary>
/// Units per second derived from the mean time of one operation: rows/s for a scoring call that
/// scores <c>Rows</c> rows, bytes/s for a scan that moves a known number of bytes. Shown in millions
/// (M = 10^6) so rows/s and MB/s read directly.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly Func<BenchmarkCase, double?> _unitsPerOperation;

    public ThroughputColumn(string columnName, string legend, Func<BenchmarkCase, double?> unitsPerOperation)
    {
        ColumnName = columnName;
        Legend = legend;
        _unitsPerOperation = unitsPerOperation;
    }

    public string Id => $"{nameof(ThroughputColumn)}.{ColumnName}";

    public string ColumnName { get; }

    public string Legend { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    /// <summary>The value of an int <c>[Params]</c> property of the case, for units that scale with a parameter.</summary>
    public static double? Parameter(BenchmarkCase benchmarkCase, string name) =>
        benchmarkCase.Parameters[name] is int value ? value : null;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var units = _unitsPerOperation(benchmarkCase);
        if (meanNanoseconds is not > 0 || units is null)
        {
            return "-";
        }

        var perSecond = units.Value / (meanNanoseconds.Value / 1e9);
        return (perSecond / 1e6).ToString("N1", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
