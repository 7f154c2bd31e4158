using PredictEngine.Host.Sqlcmd;
using Xunit;

namespace PredictEngine.Tests.Sqlcmd;

/// <summary>sqlcmd's display widths and value texts per type (the ODBC character sizes), for types the fixtures cannot create yet.</summary>
public sealed class SqlcmdColumnTests
{
    [Theory]
    [InlineData("bit", 0, 0, 0, 1)]
    [InlineData("tinyint", 0, 0, 0, 3)]
    [InlineData("smallint", 0, 0, 0, 6)]
    [InlineData("int", 0, 0, 0, 11)]
    [InlineData("bigint", 0, 0, 0, 20)]
    [InlineData("real", 0, 0, 0, 14)]
    [InlineData("float", 0, 0, 0, 24)]
    [InlineData("decimal", 17, 18, 2, 20)]
    [InlineData("date", 0, 0, 0, 10)]
    [InlineData("time", 0, 0, 7, 16)]
    [InlineData("datetime", 0, 23, 3, 23)]
    [InlineData("datetime2", 0, 0, 7, 27)]
    [InlineData("datetime2", 0, 0, 0, 19)]
    [InlineData("uniqueidentifier", 0, 0, 0, 36)]
    [InlineData("varchar", 20, 0, 0, 20)]
    [InlineData("nvarchar", 4000, 0, 0, 4000)]
    [InlineData("nvarchar", int.MaxValue, 0, 0, 256)]
    [InlineData("varchar", -1, 0, 0, 256)]
    [InlineData("varbinary", 8, 0, 0, 16)]
    public void DisplayWidthIsTheOdbcCharacterSize(string type, int size, int precision, int scale, int width) =>
        Assert.Equal(width, new SqlcmdColumn("c", type, size, precision, scale).DisplayWidth(256, 0));

    [Fact]
    public void TheNameWidensAColumnAndDashYDashCapWidths()
    {
        Assert.Equal(15, new SqlcmdColumn("a_longer_header", "int", 0, 0, 0).DisplayWidth(256, 0));
        Assert.Equal(5, new SqlcmdColumn("c", "varchar", 20, 0, 0).DisplayWidth(256, 5));
        Assert.Equal(12, new SqlcmdColumn("c", "nvarchar", -1, 0, 0).DisplayWidth(12, 5));
        Assert.Equal(0, new SqlcmdColumn("c", "nvarchar", -1, 0, 0).DisplayWidth(0, 0));
    }

    [Fact]
    public void ValuesPrintAsSqlcmdPrintsThem()
    {
        Assert.Equal("NULL", Column("int").Format(null));
        Assert.Equal("1", Column("bit").Format(true));
        Assert.Equal("3.1415926535897931", Column("float").Format(Math.PI));
        Assert.Equal("12.50", Column("decimal", scale: 2).Format(12.5m));
        Assert.Equal("2024-02-29", Column("date").Format(new DateTime(2024, 2, 29)));
        Assert.Equal("2024-02-29 13:14:15.120", Column("datetime", scale: 3).Format(new DateTime(2024, 2, 29, 13, 14, 15, 120)));
        Assert.Equal("2024-02-29 13:14:15.1200000", Column("datetime2", scale: 7).Format(new DateTime(2024, 2, 29, 13, 14, 15, 120)));
        Assert.Equal("13:14:15.12", Column("time", scale: 2).Format(new TimeSpan(0, 13, 14, 15, 120)));
        Assert.Equal("6F9619FF-8B86-D011-B42D-00C04FD430C8", Column("uniqueidentifier").Format(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fd430c8")));
        Assert.Equal("0x00FF10", Column("varbinary").Format(new byte[] { 0, 255, 16 }));
    }

    [Fact]
    public void NumbersAndDatesAreRightJustifiedAndTextIsNot()
    {
        Assert.True(Column("int").RightJustified);
        Assert.True(Column("datetime2").RightJustified);
        Assert.False(Column("nvarchar").RightJustified);
        Assert.False(Column("uniqueidentifier").RightJustified);
    }

    private static SqlcmdColumn Column(string type, int scale = 0) => new("c", type, 10, 18, scale);
}
