using PredictEngine.Storage.Types;

namespace PredictEngine.Scoring.Operator;

/// <summary>
/// Which SQL columns may feed which tensor element types, and which SQL type an output becomes.
/// Exact matches and lossless widenings are accepted; anything that could change a value is refused
/// with the CAST that makes the loss explicit.
/// </summary>
public static class TensorTypeRules
{
    public static bool CanFeed(PhysicalKind source, OnnxElementType target) => target switch
    {
        OnnxElementType.Float => source is PhysicalKind.Float32 or PhysicalKind.Int16 or PhysicalKind.UInt8 or PhysicalKind.Bool8,
        OnnxElementType.Double => source is PhysicalKind.Float64 or PhysicalKind.Float32 or PhysicalKind.Int32 or PhysicalKind.Int16 or PhysicalKind.UInt8 or PhysicalKind.Bool8,
        OnnxElementType.Int64 => source is PhysicalKind.Int64 or PhysicalKind.Int32 or PhysicalKind.Int16 or PhysicalKind.UInt8 or PhysicalKind.Bool8,
        OnnxElementType.Int32 => source is PhysicalKind.Int32 or PhysicalKind.Int16 or PhysicalKind.UInt8 or PhysicalKind.Bool8,
        OnnxElementType.Int16 => source is PhysicalKind.Int16 or PhysicalKind.UInt8 or PhysicalKind.Bool8,
        OnnxElementType.Int8 => source is PhysicalKind.Bool8,
        OnnxElementType.UInt8 => source is PhysicalKind.UInt8 or PhysicalKind.Bool8,
        OnnxElementType.Bool => source is PhysicalKind.Bool8,
        OnnxElementType.String => source is PhysicalKind.Utf8,
        _ => false,
    };

    /// <summary>True when the column's value buffer already is the tensor's memory layout (zero-copy feed).</summary>
    public static bool SameLayout(PhysicalKind source, OnnxElementType target) => (source, target) switch
    {
        (PhysicalKind.Float32, OnnxElementType.Float) => true,
        (PhysicalKind.Float64, OnnxElementType.Double) => true,
        (PhysicalKind.Int64, OnnxElementType.Int64) => true,
        (PhysicalKind.Int32, OnnxElementType.Int32) => true,
        (PhysicalKind.Int16, OnnxElementType.Int16) => true,
        (PhysicalKind.UInt8, OnnxElementType.UInt8) => true,
        (PhysicalKind.Bool8, OnnxElementType.Bool) => true,
        _ => false,
    };

    /// <summary>The SQL type whose column feeds <paramref name="element"/> exactly, for error messages and sp_describe_model.</summary>
    public static SqlType? ExactSqlType(OnnxElementType element) => element switch
    {
        OnnxElementType.Float => SqlType.Real,
        OnnxElementType.Double => SqlType.Float,
        OnnxElementType.Int64 => SqlType.BigInt,
        OnnxElementType.Int32 => SqlType.Int,
        OnnxElementType.Int16 => SqlType.SmallInt,
        OnnxElementType.UInt8 => SqlType.TinyInt,
        OnnxElementType.Bool => SqlType.Bit,
        OnnxElementType.String => SqlType.NVarChar(SqlType.MaxLength),
        _ => null,
    };

    /// <summary>The SQL type an output element becomes; null when we cannot represent it.</summary>
    public static SqlType? OutputSqlType(OnnxElementType element) => element switch
    {
        OnnxElementType.Int8 => SqlType.SmallInt,
        OnnxElementType.UInt16 => SqlType.Int,
        OnnxElementType.UInt32 => SqlType.BigInt,
        _ => ExactSqlType(element),
    };
}
