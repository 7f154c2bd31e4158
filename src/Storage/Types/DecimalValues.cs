namespace PredictEngine.Storage.Types;

/// <summary>Conversions between System.Decimal and the scaled Int128 of decimal128 columns.</summary>
public static class DecimalValues
{
    public static Int128 ToScaledInt128(decimal value, out byte scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        scale = (byte)((bits[3] >> 16) & 0xFF);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        return bits[3] < 0 ? -magnitude : magnitude;
    }

    /// <summary>Rescales <paramref name="value"/> to <paramref name="scale"/> digits (rounding half away from zero); OverflowException past Int128.</summary>
    public static Int128 ToScaledInt128(decimal value, int scale)
    {
        // Round only when digits must go: Math.Round takes at most 28 decimals, a decimal(38,s) column up to 38.
        var rounded = value.Scale > scale ? Math.Round(value, scale, MidpointRounding.AwayFromZero) : value;
        return checked(ToScaledInt128(rounded, out var s) * Pow10(scale - s));
    }

    /// <summary>The decimal a scaled Int128 stands for; throws OverflowException beyond System.Decimal's 28 digits.</summary>
    public static decimal ToDecimal(Int128 scaled, int scale)
    {
        var negative = scaled < 0;
        var magnitude = (UInt128)(negative ? -scaled : scaled);
        // Drop fraction digits until the value fits 96 bits and a scale of at most 28.
        while ((magnitude > (UInt128)decimal.MaxValue || scale > 28) && scale > 0)
        {
            magnitude /= 10;
            scale--;
        }

        if (magnitude > (UInt128)decimal.MaxValue || scale > 28)
        {
            throw new OverflowException("The value does not fit System.Decimal.");
        }

        var lo = (int)(uint)magnitude;
        var mid = (int)(uint)(magnitude >> 32);
        var hi = (int)(uint)(magnitude >> 64);
        return new decimal(lo, mid, hi, negative, (byte)scale);
    }

    public static double ToDouble(Int128 scaled, int scale) => (double)scaled / Math.Pow(10, scale);

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
