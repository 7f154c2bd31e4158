using System.Numerics;

namespace PredictEngine.Storage.Batches;

/// <summary>Arrow validity bitmaps: bit i of byte i/8 (LSB first) is 1 when row i holds a value.</summary>
public static class Bitmap
{
    public static int BytesFor(int bits) => (bits + 7) >> 3;

    public static bool Get(ReadOnlySpan<byte> bitmap, int index) => (bitmap[index >> 3] & (1 << (index & 7))) != 0;

    public static void Set(Span<byte> bitmap, int index) => bitmap[index >> 3] |= (byte)(1 << (index & 7));

    public static void Clear(Span<byte> bitmap, int index) => bitmap[index >> 3] &= (byte)~(1 << (index & 7));

    /// <summary>Counts the zero bits (nulls) among the first <paramref name="bits"/> bits.</summary>
    public static int CountUnset(ReadOnlySpan<byte> bitmap, int bits)
    {
        var set = 0;
        var fullBytes = bits >> 3;
        var i = 0;
        for (; i + 8 <= fullBytes; i += 8)
        {
            set += BitOperations.PopCount(BitConverter.ToUInt64(bitmap.Slice(i, 8)));
        }

        for (; i < fullBytes; i++)
        {
            set += BitOperations.PopCount(bitmap[i]);
        }

        var rest = bits & 7;
        if (rest != 0)
        {
            set += BitOperations.PopCount((uint)(bitmap[fullBytes] & ((1 << rest) - 1)));
        }

        return bits - set;
    }

    /// <summary>
    /// Copies <paramref name="count"/> bits from <paramref name="source"/> starting at bit <paramref name="sourceOffset"/>
    /// into <paramref name="target"/> starting at bit <paramref name="targetOffset"/>. When both offsets are
    /// byte-aligned (the common case: DuckDB chunks hold 2048 rows) the whole bytes are a block copy.
    /// </summary>
    public static void CopyBits(ReadOnlySpan<byte> source, int sourceOffset, Span<byte> target, int targetOffset, int count)
    {
        var i = 0;
        if (((sourceOffset | targetOffset) & 7) == 0)
        {
            var whole = count >> 3;
            source.Slice(sourceOffset >> 3, whole).CopyTo(target.Slice(targetOffset >> 3, whole));
            i = whole << 3;
        }

        for (; i < count; i++)
        {
            Assign(target, targetOffset + i, Get(source, sourceOffset + i));
        }
    }

    public static void Assign(Span<byte> bitmap, int index, bool value)
    {
        if (value)
        {
            Set(bitmap, index);
        }
        else
        {
            Clear(bitmap, index);
        }
    }
}
