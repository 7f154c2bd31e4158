using System.Text;
using PredictEngine.Scoring;
using Xunit;

namespace PredictEngine.Tests.Scoring;

/// <summary>
/// ONNX's own backend node tests (Debian libonnx-testdata): each case's model.onnx is run through
/// <see cref="ModelSession.Run"/> on test_data_set_0/input_*.pb and must give output_*.pb, exactly for
/// integers, booleans and strings, within 1e-5 relative for floating point. The cases cover every
/// element type PredictEngine feeds from SQL columns. Left out: the StringNormalizer cases that change
/// case (ONNX Runtime needs the en_US.UTF-8 locale installed for them) and Cast float-to-string (ONNX
/// Runtime prints 9 significant digits where numpy prints the shortest round-trip form).
/// </summary>
public class OnnxNodeGoldenTests
{
    private static readonly SessionSettings Cpu = new() { Provider = ExecutionProviderKind.Cpu };

    [Theory]
    [InlineData("test_abs", OnnxElementType.Float)]
    [InlineData("test_add", OnnxElementType.Float)]
    [InlineData("test_identity", OnnxElementType.Float)]
    [InlineData("test_cast_STRING_to_FLOAT", OnnxElementType.Float)]
    [InlineData("test_max_float64", OnnxElementType.Double)]
    [InlineData("test_mod_mixed_sign_float64", OnnxElementType.Double)]
    [InlineData("test_cast_FLOAT_to_DOUBLE", OnnxElementType.Double)]
    [InlineData("test_max_int64", OnnxElementType.Int64)]
    [InlineData("test_mod_mixed_sign_int64", OnnxElementType.Int64)]
    [InlineData("test_max_int32", OnnxElementType.Int32)]
    [InlineData("test_mod_mixed_sign_int32", OnnxElementType.Int32)]
    [InlineData("test_max_int8", OnnxElementType.Int8)]
    [InlineData("test_min_int8", OnnxElementType.Int8)]
    [InlineData("test_clip_default_int8_inbounds", OnnxElementType.Int8)]
    [InlineData("test_add_uint8", OnnxElementType.UInt8)]
    [InlineData("test_max_uint8", OnnxElementType.UInt8)]
    [InlineData("test_mul_uint8", OnnxElementType.UInt8)]
    [InlineData("test_not_2d", OnnxElementType.Bool)]
    [InlineData("test_and2d", OnnxElementType.Bool)]
    [InlineData("test_or2d", OnnxElementType.Bool)]
    [InlineData("test_equal", OnnxElementType.Bool)]
    [InlineData("test_isnan", OnnxElementType.Bool)]
    [InlineData("test_strnormalizer_nostopwords_nochangecase", OnnxElementType.String)]
    [InlineData("test_strnormalizer_export_monday_casesensintive_nochangecase", OnnxElementType.String)]
    public void MatchesBackendTestOutputs(string testCase, OnnxElementType outputType)
    {
        var dir = Path.Combine(TestPaths.OnnxNodeTests, testCase);
        Assert.True(Directory.Exists(dir),
            $"{dir} is missing: install Debian's ONNX test data (DEBIAN_FRONTEND=noninteractive apt-get install -y libonnx-testdata).");
        var data = Path.Combine(dir, "test_data_set_0");
        var inputs = Directory.GetFiles(data, "input_*.pb").Order(StringComparer.Ordinal).Select(TensorProto.Load).ToArray();
        var outputs = Directory.GetFiles(data, "output_*.pb").Order(StringComparer.Ordinal).Select(TensorProto.Load).ToArray();
        Assert.NotEmpty(inputs);
        Assert.NotEmpty(outputs);

        using var session = ModelSession.Load(File.ReadAllBytes(Path.Combine(dir, "model.onnx")), Cpu);
        Assert.Equal(inputs.Length, session.Signature.Inputs.Count);

        // Run takes one value per model input, in signature order; the .pb files name theirs.
        var values = session.Signature.Inputs.Select(node => ToOrtValue(Assert.Single(inputs, t => t.Name == node.Name))).ToList();
        var indices = outputs.Select(o => IndexOfOutput(session.Signature, o.Name)).ToArray();
        OrtValue[]? results = null;
        try
        {
            results = session.Run(values, indices);
            Assert.Equal(outputs.Length, results.Length);
            for (var i = 0; i < outputs.Length; i++)
            {
                Assert.Equal(outputType, outputs[i].ElementType);
                AssertTensorEqual(outputs[i], results[i]);
            }
        }
        finally
        {
            Dispose(values);
            Dispose(results ?? []);
        }
    }

    private static int IndexOfOutput(ModelSignature signature, string name)
    {
        var index = signature.Outputs.ToList().FindIndex(o => o.Name == name);
        Assert.True(index >= 0, $"The model has no output '{name}' ({signature}).");
        return index;
    }

    private static OrtValue ToOrtValue(TensorProto tensor) => tensor.ElementType switch
    {
        OnnxElementType.Float => OrtValue.CreateTensor<float>(tensor.Values<float>(), tensor.Dims),
        OnnxElementType.Double => OrtValue.CreateTensor<double>(tensor.Values<double>(), tensor.Dims),
        OnnxElementType.Int64 => OrtValue.CreateTensor<long>(tensor.Values<long>(), tensor.Dims),
        OnnxElementType.Int32 => OrtValue.CreateTensor<int>(tensor.Values<int>(), tensor.Dims),
        OnnxElementType.Int8 => OrtValue.CreateTensor<sbyte>(tensor.Values<sbyte>(), tensor.Dims),
        OnnxElementType.UInt8 => OrtValue.CreateTensor<byte>(tensor.Values<byte>(), tensor.Dims),
        OnnxElementType.Bool => OrtValue.CreateTensor<bool>(tensor.Values<bool>(), tensor.Dims),
        OnnxElementType.String => StringTensor(tensor.Strings, tensor.Dims),
        _ => throw new NotSupportedException($"No test path for {tensor.ElementType}."),
    };

    private static OrtValue StringTensor(string[] strings, long[] dims)
    {
        var offsets = new int[strings.Length + 1];
        var data = new List<byte>();
        for (var i = 0; i < strings.Length; i++)
        {
            data.AddRange(Encoding.UTF8.GetBytes(strings[i]));
            offsets[i + 1] = data.Count;
        }

        return OrtValue.CreateStringTensor(offsets, [.. data], strings.Length, dims);
    }

    private static void AssertTensorEqual(TensorProto expected, OrtValue actual)
    {
        var (element, shape) = actual.TensorInfo;
        Assert.Equal(expected.ElementType, element);
        Assert.Equal(expected.Dims, shape);
        switch (element)
        {
            case OnnxElementType.Float:
                AssertClose(expected.Values<float>().Select(v => (double)v), actual.GetTensorData<float>().ToArray().Select(v => (double)v));
                break;
            case OnnxElementType.Double:
                AssertClose(expected.Values<double>(), actual.GetTensorData<double>().ToArray());
                break;
            case OnnxElementType.Int64: Assert.Equal(expected.Values<long>(), actual.GetTensorData<long>().ToArray()); break;
            case OnnxElementType.Int32: Assert.Equal(expected.Values<int>(), actual.GetTensorData<int>().ToArray()); break;
            case OnnxElementType.Int8: Assert.Equal(expected.Values<sbyte>(), actual.GetTensorData<sbyte>().ToArray()); break;
            case OnnxElementType.UInt8: Assert.Equal(expected.Values<byte>(), actual.GetTensorData<byte>().ToArray()); break;
            case OnnxElementType.Bool: Assert.Equal(expected.Values<bool>(), actual.GetTensorData<bool>().ToArray()); break;
            case OnnxElementType.String: Assert.Equal(expected.Strings, actual.GetStrings()); break;
            default: Assert.Fail($"No comparison for {element}."); break;
        }
    }

    private static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            var ok = double.IsNaN(e[i]) ? double.IsNaN(a[i]) : a[i] == e[i] || Math.Abs(a[i] - e[i]) <= 1e-5 * Math.Max(Math.Abs(e[i]), 1e-3);
            Assert.True(ok, $"Element {i}: expected {e[i]:R}, got {a[i]:R}.");
        }
    }

    private static void Dispose(IEnumerable<OrtValue> values)
    {
        foreach (var value in values)
        {
            value.Dispose();
        }
    }
}
