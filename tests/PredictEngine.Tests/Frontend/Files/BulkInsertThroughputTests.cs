using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace PredictEngine.Tests.Frontend.Files;

public sealed class BulkInsertThroughputTests(ITestOutputHelper output) : FileLoadHarness
{
    [Fact]
    public void LoadsAMillionRowsInOneStatement()
    {
        const int rows = 1_000_000;
        CreateTable("big", ("id", "int"), ("name", "nvarchar(20)"), ("score", "float"), ("day", "date"), ("amount", "decimal(12, 2)"));
        var path = Path.Combine(Directory, "big.csv");
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("id,name,score,day,amount\n");
            for (var i = 0; i < rows; i++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},name{i},{i * 0.5},2024-01-{(i % 28) + 1:00},{i % 100000}.25\n"));
            }
        }

        var watch = Stopwatch.StartNew();
        var loaded = BulkInsert("big", path, Option("FORMAT", "CSV"), Option("FIRSTROW", 2), Option("FIELDTERMINATOR", ","), Option("ROWTERMINATOR", "0x0a"), Flag("TABLOCK"));
        watch.Stop();

        Assert.Equal(rows, loaded);
        Assert.Equal("1000000|499999500000|999999|name999999", Rows("(SELECT count(*) AS n, sum(id) AS s, max(id) AS m, max_by(name, id) AS last FROM big)", "n, s, m, last", "n"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BULK INSERT of {rows:N0} rows x 5 columns: {watch.Elapsed.TotalSeconds:F2} s, {rows / watch.Elapsed.TotalSeconds:N0} rows/s"));

        // Generous on purpose (a shared 2-core machine): it catches per-row work creeping in, not a slow disk.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"1M rows took {watch.Elapsed}.");
    }
}
