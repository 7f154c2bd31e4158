using System.Globalization;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Storage;

public sealed class DecimalValuesTests
{
    public static TheoryData<decimal> Values => new()
    {
        0m, 1m, -1m, 1.23m, -1.23m, 0.0000000001m, -99999999999999.9999m,
        0.1234567890123456789012345678m, -0.1234567890123456789012345678m,
        1234567890123456789012345678m, decimal.MaxValue, decimal.MinValue, 7.9228162514264337593543950335m,
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void ScaledInt128RoundTrips(decimal value)
    {
        var scaled = DecimalValues.ToScaledInt128(value, out var scale);
        var text = value.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(text.Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('-').TrimStart('0').PadLeft(1, '0'), Int128.Abs(scaled).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(value < 0, scaled < 0);
        Assert.Equal(value.Scale, scale);
        Assert.Equal(value, DecimalValues.ToDecimal(scaled, scale));
    }

    [Theory]
    [InlineData("1.5", 3, "1500")]
    [InlineData("-1.5", 0, "-2")]
    [InlineData("1.2345", 2, "123")]
    [InlineData("1.235", 2, "124")]
    [InlineData("-1.235", 2, "-124")]
    [InlineData("12", 10, "120000000000")]
    [InlineData("0.5", 30, "500000000000000000000000000000")]
    [InlineData("-0.25", 38, "-25000000000000000000000000000000000000")]
    public void RescalesRoundingHalfAwayFromZero(string value, int scale, string expected)
    {
        var scaled = DecimalValues.ToScaledInt128(decimal.Parse(value, CultureInfo.InvariantCulture), scale);
        Assert.Equal(Int128.Parse(expected, CultureInfo.InvariantCulture), scaled);
    }

    [Fact]
    public void RescalingPastInt128Overflows()
    {
        Assert.Throws<OverflowException>(() => DecimalValues.ToScaledInt128(-7.25m, 38));
        Assert.Throws<OverflowException>(() => DecimalValues.ToScaledInt128(decimal.MaxValue, 11));
    }

    [Fact]
    public void ToDecimalOfScaledValues()
    {
        Assert.Equal(-12.34m, DecimalValues.ToDecimal(-1234, 2));
        Assert.Equal(0.001m, DecimalValues.ToDecimal(1, 3));
        Assert.Equal(-99999999999999.9999m, DecimalValues.ToDecimal(-999999999999999999, 4));
        Assert.Equal(decimal.MaxValue, DecimalValues.ToDecimal((Int128)(UInt128.One << 96) - 1, 0));
        Assert.Equal(decimal.MinValue, DecimalValues.ToDecimal(-((Int128)(UInt128.One << 96) - 1), 0));
    }

    [Fact]
    public void ToDecimalDropsFractionDigitsSystemDecimalCannotHold()
    {
        // decimal(38,30): 0.5 is 5 * 10^29 scaled; System.Decimal holds it at a smaller scale.
        Assert.Equal(0.5m, DecimalValues.ToDecimal(Int128.Parse("500000000000000000000000000000", CultureInfo.InvariantCulture), 30));
        Assert.Equal(-0.000001m, DecimalValues.ToDecimal(-Int128.Parse("1" + new string('0', 27), CultureInfo.InvariantCulture), 33));
        Assert.Equal(0m, DecimalValues.ToDecimal(1, 38));
        var max38 = Int128.Parse("99999999999999999999999999999999999999", CultureInfo.InvariantCulture);
        Assert.Equal(9999999999999999999999999999m, DecimalValues.ToDecimal(max38, 10));
    }

    [Fact]
    public void ToDecimalOverflowsWhenTheIntegerPartDoesNotFit()
    {
        var tooBig = (Int128)(UInt128.One << 96);
        Assert.Throws<OverflowException>(() => DecimalValues.ToDecimal(tooBig, 0));
        Assert.Throws<OverflowException>(() => DecimalValues.ToDecimal(-tooBig, 0));
        Assert.Throws<OverflowException>(() => DecimalValues.ToDecimal(Int128.MaxValue, 5));
    }

    [Fact]
    public void ToDoubleScales()
    {
        Assert.Equal(-12.34, DecimalValues.ToDouble(-1234, 2), 12);
        Assert.Equal(1e20, DecimalValues.ToDouble(Int128.Parse("100000000000000000000", CultureInfo.InvariantCulture), 0));
    }
}
