using Xunit;
using System.Globalization;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.Storage.Types;

namespace PredictEngine.Tests.Frontend.Functions;

/// <summary>Typed arguments as the translator hands them over: literals with the types SQL Server gives them.</summary>
internal static class Args
{
    public static TypedSql S(string text) => new("'" + text.Replace("'", "''", StringComparison.Ordinal) + "'", SqlType.VarChar(Math.Max(text.Length, 1)));

    public static TypedSql N(string text) => new("'" + text.Replace("'", "''", StringComparison.Ordinal) + "'", SqlType.NVarChar(Math.Max(text.Length, 1)));

    public static TypedSql I(int value) => new(value.ToString(CultureInfo.InvariantCulture), SqlType.Int);

    public static TypedSql Big(long value) => new($"CAST({value.ToString(CultureInfo.InvariantCulture)} AS BIGINT)", SqlType.BigInt);

    public static TypedSql Dec(string literal, int precision, int scale) => new($"CAST({literal} AS DECIMAL({precision},{scale}))", SqlType.Decimal(precision, scale));

    public static TypedSql F(double value) => new($"CAST({value.ToString("R", CultureInfo.InvariantCulture)} AS DOUBLE)", SqlType.Float);

    public static TypedSql Dt(string text) => new($"TIMESTAMP '{text}'", SqlType.DateTime);

    public static TypedSql Dt2(string text) => new($"TIMESTAMP '{text}'", SqlType.DateTime2(7));

    public static TypedSql Date(string text) => new($"DATE '{text}'", SqlType.Date);

    public static TypedSql Time(string text) => new($"TIME '{text}'", SqlType.Time(7));

    public static TypedSql Bit(bool value) => new(value ? "true" : "false", SqlType.Bit);

    public static TypedSql Part(string name) => new(name, null);

    public static TypedSql Null => new("NULL", null);

    public static TypedSql NullOf(SqlType type) => new($"CAST(NULL AS {Conversions.DuckDbTypeName(type)})", type);

    public static TypedSql Guid(string text) => new($"UUID '{text}'", SqlType.UniqueIdentifier);

    public static TypedSql Pred(string sql) => new(sql, SqlType.Bit);
}
