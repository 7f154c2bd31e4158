using System.Runtime.InteropServices;
using PredictEngine.Scoring.Native;

namespace PredictEngine.Scoring;

/// <summary>Reading a session's input and output descriptions into a <see cref="ModelSignature"/>.</summary>
public sealed unsafe partial class ModelSession
{
    private static ModelSignature ReadSignature(nint session)
    {
        nuint inputs = 0, outputs = 0;
        OrtNative.Check(OrtNative.SessionGetInputCount(session, &inputs), "counting inputs");
        OrtNative.Check(OrtNative.SessionGetOutputCount(session, &outputs), "counting outputs");
        var inputNodes = new ModelNode[(int)inputs];
        for (var i = 0; i < inputNodes.Length; i++)
        {
            byte* name = null;
            OrtNative.Check(OrtNative.SessionGetInputName(session, (nuint)i, OnnxRuntime.DefaultAllocator, &name), "reading an input name");
            nint info = 0;
            OrtNative.Check(OrtNative.SessionGetInputTypeInfo(session, (nuint)i, &info), "reading an input type");
            inputNodes[i] = Describe(TakeString(name), info);
        }

        var outputNodes = new ModelNode[(int)outputs];
        for (var i = 0; i < outputNodes.Length; i++)
        {
            byte* name = null;
            OrtNative.Check(OrtNative.SessionGetOutputName(session, (nuint)i, OnnxRuntime.DefaultAllocator, &name), "reading an output name");
            nint info = 0;
            OrtNative.Check(OrtNative.SessionGetOutputTypeInfo(session, (nuint)i, &info), "reading an output type");
            outputNodes[i] = Describe(TakeString(name), info);
        }

        return new ModelSignature(inputNodes, outputNodes);
    }

    /// <summary>Copies a string the default allocator gave us, then frees it.</summary>
    private static string TakeString(byte* text)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        }
        finally
        {
            OrtNative.Check(OrtNative.AllocatorFree(OnnxRuntime.DefaultAllocator, text), "freeing a name");
        }
    }

    /// <summary>Describes a value from its OrtTypeInfo, which this call takes over and releases.</summary>
    private static ModelNode Describe(string name, nint typeInfo)
    {
        using var owned = new OrtTypeInfoHandle();
        owned.Adopt(typeInfo);
        int kind;
        OrtNative.Check(OrtNative.GetOnnxTypeFromTypeInfo(typeInfo, &kind), "reading a value kind");
        switch ((OnnxValueKind)kind)
        {
            case OnnxValueKind.Tensor:
                nint tensor = 0;
                OrtNative.Check(OrtNative.CastTypeInfoToTensorInfo(typeInfo, &tensor), "reading a tensor type");
                var (element, dims, symbols) = DescribeTensor(tensor);
                return new ModelNode(name, OnnxValueKind.Tensor, element, dims, symbols);
            case OnnxValueKind.Sequence:
                nint sequence = 0;
                OrtNative.Check(OrtNative.CastTypeInfoToSequenceTypeInfo(typeInfo, &sequence), "reading a sequence type");
                nint elementInfo = 0;
                OrtNative.Check(OrtNative.GetSequenceElementType(sequence, &elementInfo), "reading a sequence element type");
                var element2 = Describe(name, elementInfo);
                return element2.Kind == OnnxValueKind.Map
                    ? new ModelNode(name, OnnxValueKind.Sequence, element2.MapValueType, [], [], element2.MapKeyType, element2.MapValueType)
                    : new ModelNode(name, OnnxValueKind.Sequence, element2.ElementType, [], []);
            case OnnxValueKind.Map:
                nint map = 0;
                OrtNative.Check(OrtNative.CastTypeInfoToMapTypeInfo(typeInfo, &map), "reading a map type");
                int keyType;
                OrtNative.Check(OrtNative.GetMapKeyType(map, &keyType), "reading a map key type");
                nint valueInfo = 0;
                OrtNative.Check(OrtNative.GetMapValueType(map, &valueInfo), "reading a map value type");
                var value = Describe(name, valueInfo);
                return new ModelNode(name, OnnxValueKind.Map, value.ElementType, [], [], (OnnxElementType)keyType, value.ElementType);
            default:
                return new ModelNode(name, (OnnxValueKind)kind, OnnxElementType.Undefined, [], []);
        }
    }

    /// <summary>Element type and shape from a borrowed OrtTensorTypeAndShapeInfo.</summary>
    internal static (OnnxElementType Element, long[] Dims, string[] Symbols) DescribeTensor(nint tensorInfo)
    {
        int element;
        OrtNative.Check(OrtNative.GetTensorElementType(tensorInfo, &element), "reading an element type");
        nuint rank = 0;
        OrtNative.Check(OrtNative.GetDimensionsCount(tensorInfo, &rank), "reading a rank");
        var dims = new long[(int)rank];
        var symbols = new string[(int)rank];
        if (rank > 0)
        {
            fixed (long* d = dims)
            {
                OrtNative.Check(OrtNative.GetDimensions(tensorInfo, d, rank), "reading dimensions");
            }

            var names = stackalloc byte*[(int)rank];
            OrtNative.Check(OrtNative.GetSymbolicDimensions(tensorInfo, names, rank), "reading symbolic dimensions");
            for (var i = 0; i < (int)rank; i++)
            {
                symbols[i] = names[i] == null ? string.Empty : Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
            }
        }

        return ((OnnxElementType)element, dims, symbols);
    }
}
