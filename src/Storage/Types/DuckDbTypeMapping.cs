using System.Globalization;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Native;

namespace PredictEngine.Storage.Types;

/// <summary>
/// The SQL Server ↔ DuckDB mapping of docs/types.md. Going down, every SQL Server type has one DuckDB
/// type; coming up, DuckDB types outside the mapping widen to the nearest SQL Server type that holds
/// every value, and the rest are refused with a CAST that fixes the query.
/// </summary>
public static class DuckDbTypeMapping
{
    /// <summary>The DuckDB column type that stores <paramref name="type"/>, as DDL text.</summary>
    public static string ToDuckDbDdl(SqlType type) => type.Id switch
    {
        SqlTypeId.Bit => "BOOLEAN",
        SqlTypeId.TinyInt => "UTINYINT",
        SqlTypeId.SmallInt => "SMALLINT",
        SqlTypeId.Int => "INTEGER",
        SqlTypeId.BigInt => "BIGINT",
        SqlTypeId.Real => "FLOAT",
        SqlTypeId.Float => "DOUBLE",
        SqlTypeId.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({type.Precision},{type.Scale})"),
        SqlTypeId.Char or SqlTypeId.VarChar or SqlTypeId.NChar or SqlTypeId.NVarChar => "VARCHAR",
        SqlTypeId.VarBinary => "BLOB",
        SqlTypeId.Date => "DATE",
        SqlTypeId.Time => "TIME",
        SqlTypeId.DateTime or SqlTypeId.DateTime2 => "TIMESTAMP",
        SqlTypeId.UniqueIdentifier => "UUID",
        _ => throw new InvalidOperationException($"Unknown type {type}."),
    };

    internal static SqlType FromDuckDb(DuckDbType type, byte width, byte scale, string column) => type switch
    {
        DuckDbType.Boolean => SqlType.Bit,
        DuckDbType.UTinyInt => SqlType.TinyInt,
        DuckDbType.TinyInt or DuckDbType.SmallInt => SqlType.SmallInt,
        DuckDbType.USmallInt or DuckDbType.Integer => SqlType.Int,
        DuckDbType.UInteger or DuckDbType.BigInt => SqlType.BigInt,
        DuckDbType.UBigInt => SqlType.Decimal(20, 0),
        DuckDbType.HugeInt => SqlType.Decimal(38, 0),
        DuckDbType.Float => SqlType.Real,
        DuckDbType.Double => SqlType.Float,
        DuckDbType.Decimal => SqlType.Decimal(width, scale),
        DuckDbType.Varchar => SqlType.NVarChar(SqlType.MaxLength),
        DuckDbType.Blob => SqlType.VarBinary(SqlType.MaxLength),
        DuckDbType.Date => SqlType.Date,
        DuckDbType.Time => SqlType.Time(6),
        DuckDbType.Timestamp or DuckDbType.TimestampS or DuckDbType.TimestampMs or DuckDbType.TimestampNs => SqlType.DateTime2(6),
        DuckDbType.Uuid => SqlType.UniqueIdentifier,
        DuckDbType.SqlNull => SqlType.Int,
        _ => throw new EngineException(ErrorNumbers.ConversionFailed, 16, 1,
            $"Column '{column}' has the storage type {type.ToString().ToUpperInvariant()}, which has no SQL Server equivalent. CAST it to a supported type (for example CAST({column} AS nvarchar(max))); docs/types.md lists the mapping."),
    };
}
