using System.Text;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>RPC messages SqlClient does not send, over a bare TDS client: batched calls, RESETCONNECTION, malformed and refused requests.</summary>
public class RawRpcTests : IClassFixture<TdsServerFixture>
{
    private const byte DoneProc = 0xFE;
    private const byte DoneInProc = 0xFF;
    private const byte ReturnStatus = 0x79;
    private const byte ReturnValue = 0xAC;
    private const byte Error = 0xAA;
    private const ushort More = 0x01;
    private const ushort Failed = 0x02;
    private const ushort Count = 0x10;

    private static readonly byte[] Collation = [0x09, 0x04, 0xD0, 0x00, 0x34];

    private readonly TdsServerFixture _server;

    public RawRpcTests(TdsServerFixture server)
    {
        _server = server;
    }

    [Fact]
    public void BatchedCallsEachEndWithTheirOwnDoneProc()
    {
        using var client = RawTdsClient.Login(_server.Server.EndPoint.Port, "sa", TdsServerFixture.Password);
        var message = Message(
            Call(10, Text("CREATE TABLE raw_rpc (i int)")),
            Call(11, Int("@handle", null, output: true), Text("@x int"), Text("INSERT INTO raw_rpc VALUES (@x)"), Int("", 1)),
            Call(12, Int("", 1), Int("@x", 5)),
            Call(15, Int("", 1)),
            Call(12, Int("", 1), Int("@x", 6)));
        client.Send(RawTdsClient.Rpc, message);
        var tokens = RawTdsClient.ParseTokens(client.Receive()!);

        Assert.Equal(
            [
                (DoneInProc, 0, More), (ReturnStatus, 0, 0), (DoneProc, 0, More), // CREATE
                (ReturnStatus, 0, 0), (ReturnValue, 1, 0), (DoneProc, 0, More), // sp_prepare: handle 1 in ordinal 0
                (DoneInProc, 1, (ushort)(Count | More)), (ReturnStatus, 0, 0), (DoneProc, 0, More), // sp_execute: one row
                (ReturnStatus, 0, 0), (DoneProc, 0, More), // sp_unprepare
                (Error, 8179, 0), (DoneInProc, 0, (ushort)(Failed | More)), (DoneProc, 0, Failed), // the handle is gone
            ],
            tokens);
    }

    [Fact]
    public void ResetConnectionForgetsPreparedHandles()
    {
        using var client = RawTdsClient.Login(_server.Server.EndPoint.Port, "sa", TdsServerFixture.Password);
        client.Send(RawTdsClient.Rpc, Message(Call(11, Int("@handle", null, output: true), Text("@x int"), Text("SELECT @x"), Int("", 1))));
        Assert.Contains((ReturnValue, 1, (ushort)0), RawTdsClient.ParseTokens(client.Receive()!));

        client.Send(RawTdsClient.Rpc, Message(Call(15, Int("", 1))), RawTdsClient.ResetConnection);
        var tokens = RawTdsClient.ParseTokens(client.Receive()!);
        Assert.Equal((0xE3, 18, 0), tokens[0]); // ENVCHANGE: reset acknowledged
        Assert.Contains((Error, 8179, (ushort)0), tokens);
    }

    [Fact]
    public void ARefusedParameterTypeFailsTheRequestAndTheSessionGoesOn()
    {
        using var client = RawTdsClient.Login(_server.Server.EndPoint.Port, "sa", TdsServerFixture.Password);
        byte[] variant = [2, (byte)'@', 0, (byte)'v', 0, 0, 0x62, 0x49, 0x1F, 0, 0, 0, 0, 0, 0];
        client.Send(RawTdsClient.Rpc, [.. RawTdsClient.AllHeaders, 0xFF, 0xFF, 10, 0, 0, 0, .. Text("SELECT 1"), .. variant]);
        Assert.Equal([(Error, 8009, (ushort)0), (0xFD, 0, Failed)], RawTdsClient.ParseTokens(client.Receive()!));

        client.Send(RawTdsClient.Rpc, Message(Call(10, Text("CREATE TABLE raw_alive (i int)"))));
        Assert.Equal((DoneProc, 0, (ushort)0), RawTdsClient.ParseTokens(client.Receive()!)[^1]);
    }

    [Fact]
    public void AnUnknownProcedureIs2812()
    {
        using var client = RawTdsClient.Login(_server.Server.EndPoint.Port, "sa", TdsServerFixture.Password);
        client.Send(RawTdsClient.Rpc, [.. RawTdsClient.AllHeaders, 6, 0, .. Encoding.Unicode.GetBytes("sp_who"), 0, 0]);
        Assert.Equal([(Error, 2812, (ushort)0), (DoneInProc, 0, (ushort)(Failed | More)), (DoneProc, 0, Failed)], RawTdsClient.ParseTokens(client.Receive()!));
    }

    [Fact]
    public void AMalformedRequestClosesTheConnection()
    {
        using var client = RawTdsClient.Login(_server.Server.EndPoint.Port, "sa", TdsServerFixture.Password);
        byte[] truncated = [2, (byte)'@', 0, (byte)'x', 0, 0, 0x26, 4, 4, 1, 2];
        client.Send(RawTdsClient.Rpc, [.. RawTdsClient.AllHeaders, 0xFF, 0xFF, 10, 0, 0, 0, .. Text("SELECT @x"), .. truncated]);
        Assert.Null(client.Receive());
    }

    private static byte[] Message(params byte[][] calls)
    {
        var message = new List<byte>(RawTdsClient.AllHeaders);
        for (var i = 0; i < calls.Length; i++)
        {
            if (i > 0)
            {
                message.Add(0xFF);
            }

            message.AddRange(calls[i]);
        }

        return [.. message];
    }

    private static byte[] Call(ushort procId, params byte[][] parameters) => [0xFF, 0xFF, (byte)procId, 0, 0, 0, .. parameters.SelectMany(p => p)];

    /// <summary>An unnamed NVARCHAR(4000) parameter.</summary>
    private static byte[] Text(string text) =>
        [0, 0, 0xE7, 0x40, 0x1F, .. Collation, .. BitConverter.GetBytes((ushort)(text.Length * 2)), .. Encoding.Unicode.GetBytes(text)];

    private static byte[] Int(string name, int? value, bool output = false) =>
        [(byte)name.Length, .. Encoding.Unicode.GetBytes(name), output ? (byte)1 : (byte)0, 0x26, 4, .. value is { } v ? [4, .. BitConverter.GetBytes(v)] : new byte[] { 0 }];
}
