using PredictEngine.SqlFrontend.Execution.Tsql;
using Xunit;

namespace PredictEngine.Tests.Frontend.Session;

public sealed class RaiserrorFormatTests
{
    [Theory]
    [InlineData("plain", new object?[] { }, "plain")]
    [InlineData("%d|%i|%u", new object?[] { -5, 7, -1 }, "-5|7|4294967295")]
    [InlineData("%5d|%-5d|%05d", new object?[] { 42, 42, -7 }, "   42|42   |-0007")]
    [InlineData("%x|%X|%#x|%o", new object?[] { 255, 255, 255, 8 }, "ff|FF|0xff|10")]
    [InlineData("%s and %.2s", new object?[] { "abc", "xyz" }, "abc and xy")]
    [InlineData("%*d", new object?[] { 4, 1 }, "   1")]
    [InlineData("100%% %s", new object?[] { null }, "100% (null)")]
    [InlineData("missing %d", new object?[] { }, "missing (null)")]
    [InlineData("%+d % d", new object?[] { 3, 3 }, "+3  3")]
    public void FormatsLikeSqlServer(string template, object?[] arguments, string expected) =>
        Assert.Equal(expected, RaiserrorFormat.Format(template, arguments));

    [Fact]
    public void ProgressMessageShowsPercentAndRows() =>
        Assert.Equal("Progress: 42% (12,345,678 rows)", TsqlBatchExecutor.ProgressMessage(42.7, 12_345_678));
}
