using System.Data.SqlTypes;
using System.Text;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>The RPC request parser on hand-built payloads (after ALL_HEADERS): layout, every parameter type, batches, and malformed input.</summary>
public class RpcParserTests
{
    private const uint Tds74 = 0x74000004;

    private static readonly byte[] Latin1General = [0x09, 0x04, 0xD0, 0x00, 0x34];
    private static readonly byte[] Utf8Collation = [0x09, 0x04, 0xD0, 0x04, 0x00];

    [Fact]
    public void ExecuteSqlByProcIdWithStatementDeclarationsAndValues()
    {
        var payload = new Rpc().ProcId(10).Options(0)
            .Param("", 0, NVarCharInfo(8000), NVarCharValue("SELECT @x"))
            .Param("", 0, NVarCharInfo(8000), NVarCharValue("@x int"))
            .Param("@x", 0, [0x26, 4], [4, 42, 0, 0, 0])
            .Bytes();

        var call = Assert.Single(RpcRequest.ParseMessage(payload, Tds74));
        Assert.Equal(RpcProcId.ExecuteSql, call.Procedure);
        Assert.Null(call.ProcName);
        Assert.Equal(3, call.Parameters.Count);
        Assert.Equal("SELECT @x", call.Parameters[0].Value);
        Assert.Equal("@x int", call.Parameters[1].Value);
        Assert.Equal(new RpcParameter("@x", RpcParameterStatus.None, SqlType.Int, 42), call.Parameters[2]);
    }

    [Theory]
    [InlineData("sp_executesql", RpcProcId.ExecuteSql)]
    [InlineData("sys.sp_prepexec", RpcProcId.PrepExec)]
    [InlineData("[master].[sys].[SP_EXECUTE]", RpcProcId.Execute)]
    [InlineData("dbo.my_procedure", RpcProcId.None)]
    public void ProceduresCalledByName(string name, RpcProcId expected)
    {
        var call = Assert.Single(RpcRequest.ParseMessage(new Rpc().ProcName(name).Options(2).Bytes(), Tds74));
        Assert.Equal(name, call.ProcName);
        Assert.Equal(expected, call.Procedure);
        Assert.Equal(2, call.Options);
        Assert.Empty(call.Parameters);
    }

    public static TheoryData<string, byte[], byte[], object?, SqlType> Values => new()
    {
        { "tinyint", [0x26, 1], [1, 200], (byte)200, SqlType.TinyInt },
        { "smallint", [0x26, 2], [2, 0x00, 0x80], (short)-32768, SqlType.SmallInt },
        { "bigint", [0x26, 8], [8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], long.MaxValue, SqlType.BigInt },
        { "int NULL", [0x26, 4], [0], null, SqlType.Int },
        { "fixed INT4", [0x38], [7, 0, 0, 0], 7, SqlType.Int },
        { "bit", [0x68, 1], [1, 1], true, SqlType.Bit },
        { "real", [0x6D, 4], [4, .. BitConverter.GetBytes(1.5f)], 1.5f, SqlType.Real },
        { "float", [0x6D, 8], [8, .. BitConverter.GetBytes(-2.25)], -2.25, SqlType.Float },
        { "money", [0x6E, 8], [8, 0xFF, 0xFF, 0xFF, 0xFF, 0xEB, 0x32, 0xA4, 0xF8], SqlDecimal.Parse("-12345.6789"), SqlType.Decimal(19, 4) },
        { "smallmoney", [0x6E, 4], [4, 0x10, 0x27, 0, 0], SqlDecimal.Parse("1.0000"), SqlType.Decimal(10, 4) },
        { "decimal(10,3)", [0x6A, 17, 10, 3], [17, 1, .. Magnitude(1234567891)], SqlDecimal.Parse("1234567.891"), SqlType.Decimal(10, 3) },
        { "negative numeric(5,0)", [0x6C, 5, 5, 0], [5, 0, 0x39, 0x30, 0, 0], SqlDecimal.Parse("-12345"), SqlType.Decimal(5, 0) },
        { "date", [0x28], [3, .. Day(new DateOnly(2024, 2, 29))], new DateOnly(2024, 2, 29), SqlType.Date },
        { "time(7)", [0x29, 7], [5, .. Int40(((((23L * 60) + 59) * 60) + 58) * 10_000_000 + 1_234_567)], new TimeOnly(23, 59, 58).Add(TimeSpan.FromTicks(1_234_567)), SqlType.Time(7) },
        { "time(0)", [0x29, 0], [3, 0x0A, 0, 0], new TimeOnly(0, 0, 10), SqlType.Time(0) },
        { "datetime2(3)", [0x2A, 3], [7, .. Int32(12_345), .. Day(new DateOnly(1, 1, 1))], new DateTime(1, 1, 1, 0, 0, 12, 345), SqlType.DateTime2(3) },
        { "datetimeoffset(0) as UTC", [0x2B, 0], [8, .. Int24(3600), .. Day(new DateOnly(2024, 1, 2)), 0x78, 0x00], new DateTime(2024, 1, 2, 1, 0, 0), SqlType.DateTime2(0) },
        { "datetime", [0x6F, 8], [8, .. Int32(45_291), .. Int32((((3 * 60) + 4) * 60 + 5) * 300 + 37)], new DateTime(2024, 1, 2, 3, 4, 5, 123), SqlType.DateTime },
        { "smalldatetime", [0x6F, 4], [4, 0x01, 0x00, 0x3C, 0x00], new DateTime(1900, 1, 2, 1, 0, 0), SqlType.DateTime },
        { "uniqueidentifier", [0x24, 16], [16, .. Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff").ToByteArray()], Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), SqlType.UniqueIdentifier },
        { "varchar in code page 1252", [0xA7, 0x10, 0x00, .. Latin1General], [3, 0, 0x80, 0xE9, 0x41], "€éA", SqlType.VarChar(16) },
        { "varchar in UTF-8", [0xA7, 0x10, 0x00, .. Utf8Collation], [3, 0, 0xE2, 0x82, 0xAC], "€", SqlType.VarChar(16) },
        { "char", [0xAF, 0x02, 0x00, .. Latin1General], [2, 0, 0x61, 0x20], "a ", SqlType.Char(2) },
        { "nchar", [0xEF, 0x04, 0x00, .. Latin1General], [4, 0, .. Encoding.Unicode.GetBytes("ab")], "ab", SqlType.NChar(2) },
        { "nvarchar NULL", [0xE7, 0x10, 0x00, .. Latin1General], [0xFF, 0xFF], null, SqlType.NVarChar(8) },
        { "varbinary", [0xA5, 0x08, 0x00], [2, 0, 0x00, 0xFF], new byte[] { 0x00, 0xFF }, SqlType.VarBinary(8) },
        { "binary", [0xAD, 0x02, 0x00], [2, 0, 0x01, 0x02], new byte[] { 0x01, 0x02 }, SqlType.VarBinary(2) },
        { "varbinary(max) in two chunks", [0xA5, 0xFF, 0xFF], [.. Int64(3), .. Int32(1), 0xAA, .. Int32(2), 0xBB, 0xCC, .. Int32(0)], new byte[] { 0xAA, 0xBB, 0xCC }, SqlType.VarBinary(SqlType.MaxLength) },
        { "nvarchar(max) of unknown length", [0xE7, 0xFF, 0xFF, .. Latin1General], [.. Int64(-2), .. Int32(2), .. Encoding.Unicode.GetBytes("h"), .. Int32(4), .. Encoding.Unicode.GetBytes("é!"), .. Int32(0)], "hé!", SqlType.NVarChar(SqlType.MaxLength) },
        { "varchar(max) empty", [0xA7, 0xFF, 0xFF, .. Latin1General], [.. Int64(0), .. Int32(0)], "", SqlType.VarChar(SqlType.MaxLength) },
        { "varbinary(max) NULL", [0xA5, 0xFF, 0xFF], [.. Int64(-1)], null, SqlType.VarBinary(SqlType.MaxLength) },
        { "ntext", [0x63, .. Int32(int.MaxValue), .. Latin1General], [.. Int32(4), .. Encoding.Unicode.GetBytes("hi")], "hi", SqlType.NVarChar(SqlType.MaxLength) },
        { "text", [0x23, .. Int32(int.MaxValue), .. Latin1General], [.. Int32(2), 0x68, 0xE9], "hé", SqlType.VarChar(SqlType.MaxLength) },
        { "image NULL", [0x22, .. Int32(int.MaxValue)], [.. Int32(-1)], null, SqlType.VarBinary(SqlType.MaxLength) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void EveryParameterTypeDecodes(string what, byte[] typeInfo, byte[] value, object? expected, SqlType type)
    {
        var payload = new Rpc().ProcId(10).Options(0).Param("@p", 1, typeInfo, value).Bytes();
        var parameter = Assert.Single(Assert.Single(RpcRequest.ParseMessage(payload, Tds74)).Parameters);
        Assert.True(parameter.IsOutput, what);
        Assert.Equal(type, parameter.Type);
        if (expected is SqlDecimal number)
        {
            var actual = Assert.IsType<SqlDecimal>(parameter.Value);
            Assert.Equal(number.ToString(), actual.ToString());
            Assert.Equal(type.Precision, actual.Precision);
            Assert.Equal(type.Scale, actual.Scale);
        }
        else
        {
            Assert.Equal(expected, parameter.Value);
        }
    }

    [Fact]
    public void BatchFlagSeparatesCalls()
    {
        var payload = new Rpc().ProcId(13).Options(0).Param("@handle", 1, [0x26, 4], [0])
            .Separator().ProcId(15).Options(0).Param("", 0, [0x26, 4], [4, 1, 0, 0, 0])
            .Separator().ProcName("sp_who").Options(0)
            .Bytes();

        var calls = RpcRequest.ParseMessage(payload, Tds74);
        Assert.Equal([RpcProcId.PrepExec, RpcProcId.Unprepare, RpcProcId.None], calls.Select(c => c.Procedure));
        Assert.True(calls[0].Parameters[0].IsOutput);
        Assert.Equal(1, calls[1].Parameters[0].Value);
        Assert.Empty(calls[2].Parameters);
    }

    [Fact]
    public void DefaultValueFlagIsKept()
    {
        var payload = new Rpc().ProcId(10).Options(0).Param("@x", 2, [0x26, 4], [0]).Bytes();
        Assert.True(Assert.Single(RpcRequest.ParseMessage(payload, Tds74)[0].Parameters).IsDefault);
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "empty", [] },
        { "name past the end", [.. Int16(50), 0x41, 0x00] },
        { "no option flags", [0xFF, 0xFF, 10, 0] },
        { "truncated INTN value", new Rpc().ProcId(10).Options(0).Param("@x", 0, [0x26, 4], [4, 1, 2]).Bytes() },
        { "truncated parameter name", [.. new Rpc().ProcId(10).Options(0).Bytes(), 5, 0x40, 0x00] },
        { "USHORT value past the end", new Rpc().ProcId(10).Options(0).Param("@s", 0, [0xA5, 0x40, 0x00], [0x30, 0, 1, 2]).Bytes() },
        { "LONGLEN value past the end", new Rpc().ProcId(10).Options(0).Param("@t", 0, [0x22, .. Int32(100)], [.. Int32(1_000_000), 1]).Bytes() },
        { "PLP chunk past the end", new Rpc().ProcId(10).Options(0).Param("@b", 0, [0xA5, 0xFF, 0xFF], [.. Int64(-2), .. Int32(9), 1, 2]).Bytes() },
        { "PLP chunks disagree with the total", new Rpc().ProcId(10).Options(0).Param("@b", 0, [0xA5, 0xFF, 0xFF], [.. Int64(3), .. Int32(2), 1, 2, .. Int32(0)]).Bytes() },
        { "PLP total past the end", new Rpc().ProcId(10).Options(0).Param("@b", 0, [0xA5, 0xFF, 0xFF], [.. Int64(int.MaxValue), .. Int32(0)]).Bytes() },
        { "PLP without terminator", new Rpc().ProcId(10).Options(0).Param("@b", 0, [0xA5, 0xFF, 0xFF], [.. Int64(1), .. Int32(1), 7]).Bytes() },
        { "collation cut short", new Rpc().ProcId(10).Options(0).Param("@s", 0, [0xE7, 0x10, 0x00, 0x09, 0x04], []).Bytes() },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedInputIsAProtocolError(string what, byte[] payload)
    {
        var error = Assert.Throws<TdsProtocolException>(() => RpcRequest.ParseMessage(payload, Tds74));
        Assert.False(string.IsNullOrEmpty(error.Message), what);
    }

    public static TheoryData<string, byte[], int> Refused => new()
    {
        { "sql_variant", new Rpc().ProcId(10).Options(0).Param("@v", 0, [0x62, .. Int32(8009)], [.. Int32(0)]).Bytes(), 8009 },
        { "table-valued parameter", new Rpc().ProcId(10).Options(0).Param("@t", 0, [0xF3], []).Bytes(), 8009 },
        { "encrypted parameter", new Rpc().ProcId(10).Options(0).Param("@e", 8, [0x26, 4], [0]).Bytes(), 8009 },
        { "INTN of three bytes", new Rpc().ProcId(10).Options(0).Param("@x", 0, [0x26, 3], [0]).Bytes(), 8016 },
        { "INTN value of the wrong size", new Rpc().ProcId(10).Options(0).Param("@x", 0, [0x26, 4], [2, 1, 0]).Bytes(), 8016 },
        { "decimal precision 39", new Rpc().ProcId(10).Options(0).Param("@d", 0, [0x6A, 17, 39, 0], [0]).Bytes(), 8016 },
        { "odd nvarchar length", new Rpc().ProcId(10).Options(0).Param("@s", 0, [0xE7, 0x10, 0x00, .. Latin1General], [3, 0, 0x41, 0x00, 0x42]).Bytes(), 8016 },
        { "value longer than declared", new Rpc().ProcId(10).Options(0).Param("@s", 0, [0xA5, 0x02, 0x00], [3, 0, 1, 2, 3]).Bytes(), 8016 },
        { "time scale 8", new Rpc().ProcId(10).Options(0).Param("@t", 0, [0x29, 8], [0]).Bytes(), 8016 },
        { "decimal beyond its precision", new Rpc().ProcId(10).Options(0).Param("@d", 0, [0x6A, 5, 2, 0], [5, 1, .. Int32(1000)]).Bytes(), ErrorNumbers.ArithmeticOverflow },
        { "procedure id 0", [0xFF, 0xFF, 0, 0, 0, 0], 8001 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void WellFramedButRefusedInputIsAnErrorForTheRequest(string what, byte[] payload, int number)
    {
        var error = Assert.Throws<EngineException>(() => RpcRequest.ParseMessage(payload, Tds74));
        Assert.True(number == error.Number, $"{what}: {error.Message}");
    }

    [Fact]
    public void TooManyParametersIs8003()
    {
        var rpc = new Rpc().ProcId(10).Options(0);
        for (var i = 0; i <= RpcRequest.MaxParameters; i++)
        {
            rpc.Param("", 0, [0x26, 4], [0]);
        }

        Assert.Equal(8003, Assert.Throws<EngineException>(() => RpcRequest.ParseMessage(rpc.Bytes(), Tds74)).Number);
    }

    private static byte[] NVarCharInfo(ushort maxBytes) => [0xE7, .. Int16(maxBytes), .. Latin1General];

    private static byte[] NVarCharValue(string text) => [.. Int16((ushort)(text.Length * 2)), .. Encoding.Unicode.GetBytes(text)];

    private static byte[] Int16(ushort value) => BitConverter.GetBytes(value);

    private static byte[] Int32(int value) => BitConverter.GetBytes(value);

    private static byte[] Int64(long value) => BitConverter.GetBytes(value);

    private static byte[] Int24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static byte[] Int40(long value) => BitConverter.GetBytes(value)[..5];

    private static byte[] Day(DateOnly date) => Int24(date.DayNumber);

    private static byte[] Magnitude(long value) => [.. BitConverter.GetBytes(value), .. new byte[8]];

    /// <summary>Builds an RPC payload (after ALL_HEADERS) byte by byte.</summary>
    private sealed class Rpc
    {
        private readonly List<byte> _bytes = [];

        public Rpc ProcId(ushort id)
        {
            _bytes.AddRange([0xFF, 0xFF, .. Int16(id)]);
            return this;
        }

        public Rpc ProcName(string name)
        {
            _bytes.AddRange([.. Int16((ushort)name.Length), .. Encoding.Unicode.GetBytes(name)]);
            return this;
        }

        public Rpc Options(ushort options)
        {
            _bytes.AddRange(Int16(options));
            return this;
        }

        public Rpc Param(string name, byte status, byte[] typeInfo, byte[] value)
        {
            _bytes.Add((byte)name.Length);
            _bytes.AddRange(Encoding.Unicode.GetBytes(name));
            _bytes.Add(status);
            _bytes.AddRange(typeInfo);
            _bytes.AddRange(value);
            return this;
        }

        public Rpc Separator()
        {
            _bytes.Add(0xFF);
            return this;
        }

        public byte[] Bytes() => [.. _bytes];
    }
}
