using System.Runtime.InteropServices;

namespace PredictEngine.Storage.Native;

/// <summary>duckdb.h DUCKDB_TYPE (duckdb_type), values as in DuckDB 1.5's header.</summary>
internal enum DuckDbType
{
    Invalid = 0,
    Boolean = 1,
    TinyInt = 2,
    SmallInt = 3,
    Integer = 4,
    BigInt = 5,
    UTinyInt = 6,
    USmallInt = 7,
    UInteger = 8,
    UBigInt = 9,
    Float = 10,
    Double = 11,
    Timestamp = 12,
    Date = 13,
    Time = 14,
    Interval = 15,
    HugeInt = 16,
    Varchar = 17,
    Blob = 18,
    Decimal = 19,
    TimestampS = 20,
    TimestampMs = 21,
    TimestampNs = 22,
    Enum = 23,
    List = 24,
    Struct = 25,
    Map = 26,
    Uuid = 27,
    Union = 28,
    Bit = 29,
    TimeTz = 30,
    TimestampTz = 31,
    UHugeInt = 32,
    Array = 33,
    Any = 34,
    VarInt = 35,
    SqlNull = 36,
}

/// <summary>duckdb_hugeint / duckdb_uhugeint: { uint64_t lower; (u)int64_t upper; }.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckHugeInt
{
    public ulong Lower;
    public long Upper;
}

/// <summary>duckdb_decimal: { uint8_t width; uint8_t scale; duckdb_hugeint value; } (24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDecimal
{
    public byte Width;
    public byte Scale;
    public DuckHugeInt Value;
}

/// <summary>
/// duckdb_result, passed by pointer everywhere except duckdb_fetch_chunk, which takes it by value.
/// Six pointer-sized fields: the deprecated column/row/changed counts, columns, error message, internal data.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public nint DeprecatedColumns;
    public nint DeprecatedErrorMessage;
    public nint InternalData;
}
