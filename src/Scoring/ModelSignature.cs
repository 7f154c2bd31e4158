using System.Globalization;
using System.Text;

namespace PredictEngine.Scoring;

/// <summary>
/// One model input or output. For tensors: element type and dimensions (-1 or a symbolic name for a
/// free dimension). For sequence(map(K,V)) outputs such as ZipMap: the map's key and value types.
/// </summary>
public sealed record ModelNode(
    string Name,
    OnnxValueKind Kind,
    OnnxElementType ElementType,
    IReadOnlyList<long> Dimensions,
    IReadOnlyList<string> SymbolicDimensions,
    OnnxElementType MapKeyType = OnnxElementType.Undefined,
    OnnxElementType MapValueType = OnnxElementType.Undefined)
{
    public bool IsTensor => Kind == OnnxValueKind.Tensor;

    /// <summary>A sequence of maps: the ZipMap output of scikit-learn classifiers.</summary>
    public bool IsSequenceOfMaps => Kind == OnnxValueKind.Sequence && MapKeyType != OnnxElementType.Undefined;

    public int Rank => Dimensions.Count;

    /// <summary>The type as ONNX prints it: <c>tensor(float)[N,30]</c>, <c>seq(map(int64,float))</c>.</summary>
    public string TypeText
    {
        get
        {
            if (IsSequenceOfMaps)
            {
                return $"seq(map({OnnxElementTypes.Name(MapKeyType)},{OnnxElementTypes.Name(MapValueType)}))";
            }

            if (!IsTensor)
            {
                return Kind.ToString().ToLowerInvariant();
            }

            var dims = new StringBuilder();
            for (var i = 0; i < Dimensions.Count; i++)
            {
                if (i > 0)
                {
                    dims.Append(',');
                }

                var symbol = i < SymbolicDimensions.Count ? SymbolicDimensions[i] : string.Empty;
                dims.Append(Dimensions[i] >= 0 ? Dimensions[i].ToString(CultureInfo.InvariantCulture) : symbol.Length > 0 ? symbol : "N");
            }

            return $"tensor({OnnxElementTypes.Name(ElementType)})[{dims}]";
        }
    }

    public override string ToString() => $"{Name} {TypeText}";
}

/// <summary>A model's inputs and outputs; its text is what our error messages show (Microsoft's show nothing).</summary>
public sealed record ModelSignature(IReadOnlyList<ModelNode> Inputs, IReadOnlyList<ModelNode> Outputs)
{
    public ModelNode? FindInput(string name) => Inputs.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    public ModelNode? FindOutput(string name) => Outputs.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() =>
        $"inputs: {string.Join(", ", Inputs.Select(i => i.ToString()))}; outputs: {string.Join(", ", Outputs.Select(o => o.ToString()))}";
}
