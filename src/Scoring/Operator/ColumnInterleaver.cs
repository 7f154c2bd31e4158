using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PredictEngine.Scoring.Operator;

/// <summary>
/// Interleaves F columns whose values already have the tensor's element layout into one row-major
/// <c>[N,F]</c> buffer: a transpose that only moves bits, so it works on element sizes, not types.
/// Rows go in blocks small enough that a block's source and target stay in L1 while every column
/// writes into it. Within a block, 32-bit elements are moved as 8x8 tiles and 64-bit elements as
/// 4x4 tiles in AVX registers (eight or four rows of a column per load, a whole row segment per
/// store), which replaces one strided scalar store per value; what does not fill a tile is copied
/// one value at a time. The fill runs on the calling thread: splitting rows over the thread pool
/// measured slower on a busy 2-core machine, where ONNX Runtime's own threads want the same cores,
/// and batches are already scored in parallel by <see cref="ScoringOperator.ScoreAll"/>.
/// </summary>
internal static unsafe class ColumnInterleaver
{
    // Source plus target bytes of one block; half of a 32 KiB L1 data cache leaves room for the rest.
    private const int BlockBytes = 16 * 1024;

    /// <summary>
    /// Writes value r of column c to <c>target[r * columns.Length + c]</c> for the first <paramref name="rows"/> rows.
    /// Each column points at <paramref name="rows"/> elements of <paramref name="elementSize"/> bytes (1, 2, 4 or 8).
    /// </summary>
    public static void Interleave(ReadOnlySpan<nint> columns, byte* target, int rows, int elementSize)
    {
        var width = columns.Length;
        if (width == 1)
        {
            Buffer.MemoryCopy((void*)columns[0], target, (long)rows * elementSize, (long)rows * elementSize);
            return;
        }

        var blockRows = Math.Max(8, BlockBytes / (2 * width * elementSize)) & ~7;
        for (var start = 0; start < rows; start += blockRows)
        {
            var count = Math.Min(blockRows, rows - start);
            switch (elementSize)
            {
                case 4: Block32(columns, (uint*)target, start, count); break;
                case 8: Block64(columns, (ulong*)target, start, count); break;
                case 2: StridedColumns(columns, 0, width, (ushort*)target, start, count); break;
                default: StridedColumns(columns, 0, width, target, start, count); break;
            }
        }
    }

    private static void Block32(ReadOnlySpan<nint> columns, uint* target, int start, int count)
    {
        var c = 0;
        if (Avx.IsSupported)
        {
            var tiled = count & ~7;
            for (; c + 8 <= columns.Length; c += 8)
            {
                for (var r = start; r < start + tiled; r += 8)
                {
                    Tile8x8(columns, c, target, r);
                }
            }

            // The rows of this block that do not fill a tile, for the tiled columns.
            StridedColumns(columns, 0, c, target, start + tiled, count - tiled);
        }

        StridedColumns(columns, c, columns.Length, target, start, count);
    }

    private static void Block64(ReadOnlySpan<nint> columns, ulong* target, int start, int count)
    {
        var c = 0;
        if (Avx.IsSupported)
        {
            var tiled = count & ~3;
            for (; c + 4 <= columns.Length; c += 4)
            {
                for (var r = start; r < start + tiled; r += 4)
                {
                    Tile4x4(columns, c, target, r);
                }
            }

            StridedColumns(columns, 0, c, target, start + tiled, count - tiled);
        }

        StridedColumns(columns, c, columns.Length, target, start, count);
    }

    /// <summary>
    /// Rows r..r+7 of columns c..c+7 into the target: eight loads of eight rows of one column, the
    /// classic unpack/shuffle/permute transpose, eight stores of eight columns of one row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile8x8(ReadOnlySpan<nint> columns, int c, uint* target, int r)
    {
        var a0 = Avx.LoadVector256((float*)columns[c] + r);
        var a1 = Avx.LoadVector256((float*)columns[c + 1] + r);
        var a2 = Avx.LoadVector256((float*)columns[c + 2] + r);
        var a3 = Avx.LoadVector256((float*)columns[c + 3] + r);
        var a4 = Avx.LoadVector256((float*)columns[c + 4] + r);
        var a5 = Avx.LoadVector256((float*)columns[c + 5] + r);
        var a6 = Avx.LoadVector256((float*)columns[c + 6] + r);
        var a7 = Avx.LoadVector256((float*)columns[c + 7] + r);

        // Pairs of columns interleaved: b0 = c0r0 c1r0 c0r1 c1r1 | c0r4 c1r4 c0r5 c1r5, and so on.
        var b0 = Avx.UnpackLow(a0, a1);
        var b1 = Avx.UnpackHigh(a0, a1);
        var b2 = Avx.UnpackLow(a2, a3);
        var b3 = Avx.UnpackHigh(a2, a3);
        var b4 = Avx.UnpackLow(a4, a5);
        var b5 = Avx.UnpackHigh(a4, a5);
        var b6 = Avx.UnpackLow(a6, a7);
        var b7 = Avx.UnpackHigh(a6, a7);

        // Four columns of one row per 128-bit lane: d0 = row 0 (c0..c3) | row 4 (c0..c3).
        var d0 = Avx.Shuffle(b0, b2, 0x44);
        var d1 = Avx.Shuffle(b0, b2, 0xEE);
        var d2 = Avx.Shuffle(b1, b3, 0x44);
        var d3 = Avx.Shuffle(b1, b3, 0xEE);
        var d4 = Avx.Shuffle(b4, b6, 0x44);
        var d5 = Avx.Shuffle(b4, b6, 0xEE);
        var d6 = Avx.Shuffle(b5, b7, 0x44);
        var d7 = Avx.Shuffle(b5, b7, 0xEE);

        var width = columns.Length;
        var row = (float*)(target + ((long)r * width) + c);
        Avx.Store(row, Avx.Permute2x128(d0, d4, 0x20));
        Avx.Store(row + width, Avx.Permute2x128(d1, d5, 0x20));
        Avx.Store(row + (2 * width), Avx.Permute2x128(d2, d6, 0x20));
        Avx.Store(row + (3 * width), Avx.Permute2x128(d3, d7, 0x20));
        Avx.Store(row + (4 * width), Avx.Permute2x128(d0, d4, 0x31));
        Avx.Store(row + (5 * width), Avx.Permute2x128(d1, d5, 0x31));
        Avx.Store(row + (6 * width), Avx.Permute2x128(d2, d6, 0x31));
        Avx.Store(row + (7 * width), Avx.Permute2x128(d3, d7, 0x31));
    }

    /// <summary>Rows r..r+3 of columns c..c+3, 64-bit elements: unpack pairs, then swap 128-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x4(ReadOnlySpan<nint> columns, int c, ulong* target, int r)
    {
        var a0 = Avx.LoadVector256((double*)columns[c] + r);
        var a1 = Avx.LoadVector256((double*)columns[c + 1] + r);
        var a2 = Avx.LoadVector256((double*)columns[c + 2] + r);
        var a3 = Avx.LoadVector256((double*)columns[c + 3] + r);

        // b0 = c0r0 c1r0 | c0r2 c1r2; b1 = c0r1 c1r1 | c0r3 c1r3; b2, b3 the same for c2, c3.
        var b0 = Avx.UnpackLow(a0, a1);
        var b1 = Avx.UnpackHigh(a0, a1);
        var b2 = Avx.UnpackLow(a2, a3);
        var b3 = Avx.UnpackHigh(a2, a3);

        var width = columns.Length;
        var row = (double*)(target + ((long)r * width) + c);
        Avx.Store(row, Avx.Permute2x128(b0, b2, 0x20));
        Avx.Store(row + width, Avx.Permute2x128(b1, b3, 0x20));
        Avx.Store(row + (2 * width), Avx.Permute2x128(b0, b2, 0x31));
        Avx.Store(row + (3 * width), Avx.Permute2x128(b1, b3, 0x31));
    }

    /// <summary>Columns [from, to) of rows [start, start + count), one value at a time.</summary>
    private static void StridedColumns<T>(ReadOnlySpan<nint> columns, int from, int to, T* target, int start, int count)
        where T : unmanaged
    {
        var width = columns.Length;
        for (var c = from; c < to; c++)
        {
            var source = (T*)columns[c] + start;
            var at = target + ((long)start * width) + c;
            for (var i = 0; i < count; i++, at += width)
            {
                *at = source[i];
            }
        }
    }
}
