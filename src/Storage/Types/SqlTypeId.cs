namespace PredictEngine.Storage.Types;

/// <summary>The SQL Server types the engine stores, in the order of docs/types.md.</summary>
public enum SqlTypeId : byte
{
    Bit,
    TinyInt,
    SmallInt,
    Int,
    BigInt,
    Real,
    Float,
    Decimal,
    Char,
    VarChar,
    NChar,
    NVarChar,
    VarBinary,
    Date,
    Time,
    DateTime,
    DateTime2,
    UniqueIdentifier,
}

/// <summary>
/// How a column's values sit in memory, Arrow-style. Every kind but the two variable-width ones is a
/// fixed-width value buffer; Utf8 and Binary are Arrow's offsets (int32, length+1) plus data bytes.
/// Bool8 is one byte per value (as ONNX Runtime's bool tensors and DuckDB's BOOLEAN vectors are),
/// not Arrow's bit-packed boolean: it lets a bit column feed a tensor without unpacking.
/// </summary>
public enum PhysicalKind : byte
{
    Bool8,
    UInt8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    /// <summary>Arrow decimal128: a little-endian Int128 scaled by 10^scale.</summary>
    Decimal128,
    /// <summary>Arrow date32: days since 1970-01-01.</summary>
    Date32,
    /// <summary>Arrow time64[us]: microseconds since midnight.</summary>
    Time64Micros,
    /// <summary>Arrow timestamp[us] without time zone: microseconds since 1970-01-01 00:00.</summary>
    TimestampMicros,
    /// <summary>Arrow fixed_size_binary(16) in RFC 4122 (big-endian) byte order.</summary>
    Uuid16,
    Utf8,
    Binary,
}
