using PredictEngine.Scoring.Operator;
using Xunit;

namespace PredictEngine.Tests.Scoring;

public class ColumnInterleaverTests
{
    // Widths around the 8x8 (32-bit) and 4x4 (64-bit) tiles; row counts around tiles and row blocks.
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var size in new[] { 1, 2, 4, 8 })
        {
            foreach (var width in new[] { 1, 3, 4, 8, 9, 17, 30, 33 })
            {
                foreach (var rows in new[] { 0, 1, 7, 8, 9, 63, 65, 130, 1000 })
                {
                    data.Add(size, width, rows);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public unsafe void WritesEachColumnValueAtRowTimesWidthPlusColumn(int elementSize, int width, int rows)
    {
        var random = new Random((elementSize * 1000) + (width * 10) + rows);
        var columns = new byte[width][];
        for (var c = 0; c < width; c++)
        {
            columns[c] = new byte[Math.Max(rows * elementSize, 1)];
            random.NextBytes(columns[c]);
        }

        // One spare element each side of the matrix must stay untouched.
        var target = new byte[((rows * width) + 2) * elementSize];
        random.NextBytes(target);
        var expected = (byte[])target.Clone();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < width; c++)
            {
                columns[c].AsSpan(r * elementSize, elementSize).CopyTo(expected.AsSpan((1 + (r * width) + c) * elementSize));
            }
        }

        var handles = columns.Select(c => System.Runtime.InteropServices.GCHandle.Alloc(c, System.Runtime.InteropServices.GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = handles.Select(h => h.AddrOfPinnedObject()).ToArray();
            fixed (byte* to = target)
            {
                ColumnInterleaver.Interleave(pointers, to + elementSize, rows, elementSize);
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }

        Assert.Equal(expected, target);
    }
}
