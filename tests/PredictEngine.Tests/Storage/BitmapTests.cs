using PredictEngine.Storage.Batches;
using Xunit;

namespace PredictEngine.Tests.Storage;

public sealed class BitmapTests
{
    [Fact]
    public void BitsAreLeastSignificantFirst()
    {
        var bitmap = new byte[3];
        Bitmap.Set(bitmap, 0);
        Bitmap.Set(bitmap, 9);
        Bitmap.Set(bitmap, 23);
        Assert.Equal(new byte[] { 0x01, 0x02, 0x80 }, bitmap);
        Assert.True(Bitmap.Get(bitmap, 9));
        Assert.False(Bitmap.Get(bitmap, 8));

        Bitmap.Clear(bitmap, 9);
        Bitmap.Assign(bitmap, 10, true);
        Bitmap.Assign(bitmap, 0, false);
        Assert.Equal(new byte[] { 0x00, 0x04, 0x80 }, bitmap);
        Assert.Equal(0, Bitmap.BytesFor(0));
        Assert.Equal(1, Bitmap.BytesFor(8));
        Assert.Equal(2, Bitmap.BytesFor(9));
    }

    [Fact]
    public void CountUnsetMatchesABitByBitCount()
    {
        var random = new Random(7);
        var bitmap = new byte[40];
        random.NextBytes(bitmap);
        for (var bits = 0; bits <= bitmap.Length * 8; bits++)
        {
            var expected = 0;
            for (var i = 0; i < bits; i++)
            {
                expected += Bitmap.Get(bitmap, i) ? 0 : 1;
            }

            Assert.Equal(expected, Bitmap.CountUnset(bitmap, bits));
        }
    }

    [Fact]
    public void CountUnsetIgnoresBitsPastTheCount()
    {
        Assert.Equal(0, Bitmap.CountUnset(new byte[] { 0xFF, 0x07 }, 11));
        Assert.Equal(3, Bitmap.CountUnset(new byte[] { 0xFF, 0x00 }, 11));
        Assert.Equal(64, Bitmap.CountUnset(new byte[9], 64));
        Assert.Equal(70, Bitmap.CountUnset(new byte[9], 70));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(8, 16)]
    [InlineData(3, 0)]
    [InlineData(0, 5)]
    [InlineData(13, 2)]
    [InlineData(7, 7)]
    [InlineData(1, 63)]
    public void CopyBitsMatchesABitByBitCopy(int sourceOffset, int targetOffset)
    {
        var random = new Random((sourceOffset * 100) + targetOffset);
        var source = new byte[48];
        random.NextBytes(source);
        foreach (var count in new[] { 0, 1, 7, 8, 9, 63, 64, 65, 200, 300 })
        {
            var target = new byte[48];
            random.NextBytes(target);
            var expected = (byte[])target.Clone();
            for (var i = 0; i < count; i++)
            {
                Bitmap.Assign(expected, targetOffset + i, Bitmap.Get(source, sourceOffset + i));
            }

            Bitmap.CopyBits(source, sourceOffset, target, targetOffset, count);
            Assert.True(expected.AsSpan().SequenceEqual(target), $"offsets {sourceOffset}->{targetOffset}, {count} bits");
        }
    }
}
