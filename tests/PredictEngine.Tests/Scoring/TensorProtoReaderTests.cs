using System.Text;
using PredictEngine.Scoring;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>
/// The test-only TensorProto reader, checked on hand-encoded messages for the typed fields the
/// Debian test data never uses (it stores numbers as raw_data), so a reader bug cannot hide a runtime bug.
/// </summary>
public class TensorProtoReaderTests
{
    [Fact]
    public void ReadsUnpackedDimsAndInt8FromInt32Data()
    {
        var message = new Wire()
            .Int(1, 3) // dims, unpacked
            .Int(2, (long)OnnxElementType.Int8)
            .Packed(5, -1, 0, 127, -128) // int32_data: int8 lives here when not raw
            .Text(8, "x")
            .ToArray();

        var tensor = TensorProtoReader.Read(message);

        Assert.Equal("x", tensor.Name);
        Assert.Equal(OnnxElementType.Int8, tensor.ElementType);
        Assert.Equal(new long[] { 3 }, tensor.Dims);
        Assert.Equal(new sbyte[] { -1, 0, 127, -128 }, tensor.Values<sbyte>());
    }

    [Fact]
    public void ReadsPackedDimsAndFloatsPackedOrNot()
    {
        var message = new Wire()
            .Packed(1, 2, 2)
            .Int(2, (long)OnnxElementType.Float)
            .Fixed32(4, 1.5f)
            .Fixed32(4, -2.25f)
            .Bytes(4, [.. BitConverter.GetBytes(float.MaxValue), .. BitConverter.GetBytes(float.Epsilon)])
            .ToArray();

        var tensor = TensorProtoReader.Read(message);

        Assert.Equal(new long[] { 2, 2 }, tensor.Dims);
        Assert.Equal(4, tensor.ElementCount);
        Assert.Equal(new[] { 1.5f, -2.25f, float.MaxValue, float.Epsilon }, tensor.Values<float>());
    }

    [Fact]
    public void ReadsInt64DoubleUInt32AndBoolFields()
    {
        var int64 = TensorProtoReader.Read(new Wire().Int(1, 2).Int(2, (long)OnnxElementType.Int64).Int(7, long.MinValue).Int(7, long.MaxValue).ToArray());
        Assert.Equal<long>([long.MinValue, long.MaxValue], int64.Values<long>());

        var doubles = TensorProtoReader.Read(new Wire().Int(1, 1).Int(2, (long)OnnxElementType.Double).Fixed64(10, double.Epsilon).ToArray());
        Assert.Equal<double>([double.Epsilon], doubles.Values<double>());

        var uint32 = TensorProtoReader.Read(new Wire().Int(1, 1).Int(2, (long)OnnxElementType.UInt32).Packed(11, 4_000_000_000).ToArray());
        Assert.Equal<uint>([4_000_000_000u], uint32.Values<uint>());

        var bools = TensorProtoReader.Read(new Wire().Int(1, 3).Int(2, (long)OnnxElementType.Bool).Packed(5, 1, 0, 1).ToArray());
        Assert.Equal<bool>([true, false, true], bools.Values<bool>());
    }

    [Fact]
    public void ReadsStringsSkipsUnknownFieldsAndPrefersRawData()
    {
        var strings = TensorProtoReader.Read(new Wire()
            .Int(1, 3).Int(2, (long)OnnxElementType.String)
            .Text(12, "doc_string is skipped")
            .Text(6, "monday").Text(6, string.Empty).Text(6, "日本")
            .ToArray());
        Assert.Equal(new[] { "monday", string.Empty, "日本" }, strings.Strings);

        var raw = TensorProtoReader.Read(new Wire()
            .Int(1, 2).Int(2, (long)OnnxElementType.Int32)
            .Bytes(9, [.. BitConverter.GetBytes(-7), .. BitConverter.GetBytes(int.MaxValue)])
            .ToArray());
        Assert.Equal(new[] { -7, int.MaxValue }, raw.Values<int>());
    }

    [Fact]
    public void ReadsABackendTestFile()
    {
        var tensor = TensorProto.Load(Path.Combine(TestPaths.OnnxNodeTests, "test_add", "test_data_set_0", "input_0.pb"));

        Assert.Equal("x", tensor.Name);
        Assert.Equal(OnnxElementType.Float, tensor.ElementType);
        Assert.Equal(new long[] { 3, 4, 5 }, tensor.Dims);
        var values = tensor.Values<float>();
        Assert.Equal(60, values.Length);
        Assert.Equal(1.764052391052246f, values[0]);
        Assert.Equal(-0.9772778749465942f, values[5]);
    }

    /// <summary>Encodes protobuf fields by hand for the tests above.</summary>
    private sealed class Wire
    {
        private readonly List<byte> _bytes = [];

        public Wire Int(int field, long value)
        {
            Key(field, 0);
            Varint(_bytes, (ulong)value);
            return this;
        }

        public Wire Packed(int field, params long[] values)
        {
            var body = new List<byte>();
            foreach (var value in values)
            {
                Varint(body, (ulong)value);
            }

            return Bytes(field, [.. body]);
        }

        public Wire Fixed32(int field, float value)
        {
            Key(field, 5);
            _bytes.AddRange(BitConverter.GetBytes(value));
            return this;
        }

        public Wire Fixed64(int field, double value)
        {
            Key(field, 1);
            _bytes.AddRange(BitConverter.GetBytes(value));
            return this;
        }

        public Wire Text(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Wire Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Varint(_bytes, (ulong)value.Length);
            _bytes.AddRange(value);
            return this;
        }

        public byte[] ToArray() => [.. _bytes];

        private void Key(int field, int wire) => Varint(_bytes, (ulong)((field << 3) | wire));

        private static void Varint(List<byte> into, ulong value)
        {
            while (value >= 0x80)
            {
                into.Add((byte)(value | 0x80));
                value >>= 7;
            }

            into.Add((byte)value);
        }
    }
}
