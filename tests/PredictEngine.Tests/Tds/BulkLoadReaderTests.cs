using System.Buffers.Binary;
using System.Text;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Batches;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>Bulk load tokens decoded from hand-built bytes, whole and split at every byte (packets may end anywhere).</summary>
public class BulkLoadReaderTests
{
    private static readonly Guid SampleGuid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    [Fact]
    public void DecodesEveryTypeWholeOrByteByByte()
    {
        var message = Message();
        using var whole = Decode(message, piece: message.Length);
        using var bytewise = Decode(message, piece: 1);
        AssertRows(whole);
        AssertRows(bytewise);
    }

    [Fact]
    public void UnsupportedTypesAreRefusedWithAClearError()
    {
        var bytes = new Bytes().Byte(0x81).UInt16(1).UInt32(0).UInt16(1).Byte(0x63).UInt32(100).Raw([0x09, 0x04, 0xD0, 0x00, 0x34]);
        using var reader = new BulkLoadReader(1 << 20);
        reader.Append(bytes.ToArray());
        var error = Assert.Throws<PredictEngine.Storage.Errors.EngineException>(() => reader.Read());
        Assert.Contains("ntext", error.Message, StringComparison.Ordinal);
    }

    private static ColumnBatch Decode(byte[] message, int piece)
    {
        var reader = new BulkLoadReader(1 << 20);
        var tokens = new List<BulkLoadToken>();
        for (var offset = 0; offset < message.Length; offset += piece)
        {
            reader.Append(message.AsSpan(offset, Math.Min(piece, message.Length - offset)));
            for (var token = reader.Read(); token != BulkLoadToken.NeedMoreData; token = reader.Read())
            {
                tokens.Add(token);
            }
        }

        Assert.Equal([BulkLoadToken.ColumnMetadata, BulkLoadToken.Row, BulkLoadToken.Row, BulkLoadToken.Done], tokens);
        Assert.False(reader.HasUnreadBytes);
        var batch = reader.TakeBatch();
        reader.Dispose();
        return batch;
    }

    private static void AssertRows(ColumnBatch batch)
    {
        Assert.Equal(2, batch.RowCount);
        Assert.Equal("i4", batch.Schema[0].Name);
        Assert.Equal(new[] { 7, -7 }, batch["i4"].GetValues<int>().ToArray());
        Assert.Equal(1L << 40, batch["i8"].GetValues<long>()[0]);
        Assert.Equal("héllo", batch["text"].GetString(0));
        Assert.Equal("café", batch["latin"].GetString(0));
        Assert.Equal(-12345, batch["dec"].GetValues<Int128>()[0]);
        Assert.Equal(1234567, batch["money"].GetValues<Int128>()[0]);
        Assert.Equal(Micros(new DateTime(2020, 5, 17, 10, 20, 30, 500)), batch["dt"].GetValues<long>()[0]);
        Assert.Equal(Micros(new DateTime(2020, 5, 17, 10, 21, 0)), batch["sdt"].GetValues<long>()[0]);
        Assert.Equal(new DateOnly(1969, 7, 20).DayNumber - new DateOnly(1970, 1, 1).DayNumber, batch["d"].GetValues<int>()[0]);
        Assert.Equal(45_296_123_456L, batch["t"].GetValues<long>()[0]);
        Assert.Equal(Micros(new DateTime(2024, 2, 29, 10, 0, 0, 250)), batch["dto"].GetValues<long>()[0]);
        Assert.Equal(SampleGuid.ToByteArray(bigEndian: true), batch["g"].GetValues<byte>()[..16].ToArray());
        Assert.Equal((byte)1, batch["b"].GetValues<byte>()[0]);
        Assert.Equal(1.5f, batch["f"].GetValues<float>()[0]);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, batch["bin"].GetBytes(0).ToArray());

        for (var c = 1; c < batch.ColumnCount; c++)
        {
            Assert.True(batch[c].IsNull(1), $"{batch.Schema[c].Name} should be NULL in the NBCROW");
        }
    }

    private static long Micros(DateTime value) => (value - DateTime.UnixEpoch).Ticks / 10;

    private static byte[] Message()
    {
        var latin1252 = new byte[] { 0x09, 0x04, 0xD0, 0x00, 0x34 };
        var columns = new (string Name, byte[] TypeInfo)[]
        {
            ("i4", [0x38]),
            ("i8", [0x26, 8]),
            ("text", [0xE7, 0xFF, 0xFF, .. latin1252]),
            ("latin", [0xA7, 50, 0, .. latin1252]),
            ("dec", [0x6A, 5, 10, 2]),
            ("money", [0x6E, 8]),
            ("dt", [0x6F, 8]),
            ("sdt", [0x6F, 4]),
            ("d", [0x28]),
            ("t", [0x29, 7]),
            ("dto", [0x2B, 3]),
            ("g", [0x24, 16]),
            ("b", [0x68, 1]),
            ("f", [0x6D, 4]),
            ("bin", [0xAD, 4, 0]),
        };
        var bytes = new Bytes().Byte(0x81).UInt16((ushort)columns.Length);
        foreach (var (name, typeInfo) in columns)
        {
            bytes.UInt32(0).UInt16(0x09).Raw(typeInfo).Byte((byte)name.Length).Raw(Encoding.Unicode.GetBytes(name));
        }

        var hello = Encoding.Unicode.GetBytes("héllo");
        var sdtDays = (ushort)(new DateTime(2020, 5, 17) - new DateTime(1900, 1, 1)).Days;
        var dtoUtc = new DateTime(2024, 2, 29, 10, 0, 0, 250);
        bytes.Byte(0xD1)
            .Int32(7)
            .Byte(8).Raw(BitConverter.GetBytes(1L << 40))
            .UInt64(ulong.MaxValue - 1).UInt32(3).Raw(hello.AsSpan(0, 3)).UInt32((uint)hello.Length - 3).Raw(hello.AsSpan(3)).UInt32(0)
            .UInt16(4).Raw([0x63, 0x61, 0x66, 0xE9])
            .Byte(5).Byte(0).Int32(12345)
            .Byte(8).Int32(0).Int32(1234567)
            .Byte(8).Int32(sdtDays).Int32(((10 * 3600) + (20 * 60) + 30) * 300 + 150)
            .Byte(4).UInt16(sdtDays).UInt16((10 * 60) + 21)
            .Byte(3).UInt24(new DateOnly(1969, 7, 20).DayNumber)
            .Byte(5).Raw(BitConverter.GetBytes(452_961_234_567L).AsSpan(0, 5))
            .Byte(9).Raw(BitConverter.GetBytes((long)dtoUtc.TimeOfDay.TotalMilliseconds).AsSpan(0, 4)).UInt24(DateOnly.FromDateTime(dtoUtc).DayNumber).UInt16(120)
            .Byte(16).Raw(SampleGuid.ToByteArray())
            .Byte(1).Byte(1)
            .Byte(4).Raw(BitConverter.GetBytes(1.5f))
            .UInt16(4).Raw([1, 2, 3, 4]);

        // NBCROW: every column but the first NULL (bits 1-14 set); the fixed INT4 still has its value.
        bytes.Byte(0xD2).Byte(0xFE).Byte(0x7F).Int32(-7);

        // SqlClient's DONE carries a 4-byte row count.
        bytes.Byte(0xFD).UInt16(0).UInt16(0).UInt32(0);
        return bytes.ToArray();
    }

    private sealed class Bytes
    {
        private readonly List<byte> _bytes = [];

        public Bytes Byte(byte value)
        {
            _bytes.Add(value);
            return this;
        }

        public Bytes Raw(ReadOnlySpan<byte> value)
        {
            _bytes.AddRange(value);
            return this;
        }

        public Bytes UInt16(int value) => Raw(BitConverter.GetBytes((ushort)value));

        public Bytes UInt24(int value) => Raw(BitConverter.GetBytes(value).AsSpan(0, 3));

        public Bytes Int32(int value) => Raw(BitConverter.GetBytes(value));

        public Bytes UInt32(uint value) => Raw(BitConverter.GetBytes(value));

        public Bytes UInt64(ulong value)
        {
            Span<byte> eight = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(eight, value);
            return Raw(eight);
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
