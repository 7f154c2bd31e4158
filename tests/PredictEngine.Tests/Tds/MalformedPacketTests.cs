using System.Diagnostics;
using Microsoft.Data.SqlClient;
using Xunit;

namespace PredictEngine.Tests.Tds;

/// <summary>A server whose login timeout is 2 s, so stalled handshakes end quickly.</summary>
public sealed class ShortLoginTimeoutFixture : TdsServerFixture
{
    public ShortLoginTimeoutFixture()
        : base(TimeSpan.FromSeconds(2))
    {
    }
}

/// <summary>
/// Broken and hostile input from a raw-socket client. For every case the server must answer (an
/// error) or close the connection within a few seconds, must not crash, must release the session,
/// and a SqlClient session logged in beforehand must keep working.
/// </summary>
public sealed class MalformedPacketTests : IClassFixture<ShortLoginTimeoutFixture>
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);
    private readonly ShortLoginTimeoutFixture _server;

    public MalformedPacketTests(ShortLoginTimeoutFixture server)
    {
        _server = server;
    }

    /// <summary>Attack, whether it comes after a login, and what the server logs as it drops the connection.</summary>
    public static TheoryData<string, bool, string> Cases() => new()
    {
        { "header length below 8", false, "Invalid TDS packet length 4 " },
        { "header length below 8", true, "Invalid TDS packet length 4 " },
        { "packet longer than the packet size", false, "Invalid TDS packet length 5008 " },
        { "packet longer than the packet size", true, "Invalid TDS packet length 5008 " },
        { "unknown packet type", false, "Unknown TDS packet type 0x55." },
        { "unknown packet type", true, "Unknown TDS packet type 0x55." },
        { "response packet from a client", true, "Unknown TDS packet type 0x04." },
        { "truncated packet then close", false, "The connection closed in the middle of a TDS packet." },
        { "truncated packet then close", true, "The connection closed in the middle of a TDS packet." },
        { "message without end then close", true, "The connection closed in the middle of a TDS packet." },
        { "http request", false, "Unknown TDS packet type 0x47." },
        { "garbage bytes", true, "Invalid TDS packet length 48879 " },
        { "handshake message larger than a login needs", false, "exceeds the server's limit of 131071 bytes" },
        { "prelogin offset outside", false, "PRELOGIN option 0 points outside the packet." },
        { "prelogin without terminator", false, "PRELOGIN option table has no terminator." },
        { "prelogin entry truncated", false, "PRELOGIN option entry is truncated." },
        { "login7 shorter than its fixed part", false, "LOGIN7 is 60 bytes; its fixed part alone is 94." },
        { "login7 field outside the packet", false, "LOGIN7 field at 40 points outside the packet." },
        { "login7 declared length beyond the packet", false, "LOGIN7 declares" },
        { "login7 feature extension that loops", false, "LOGIN7 feature extension entry points outside the packet." },
        { "login7 feature extension that overflows", false, "LOGIN7 feature extension entry points outside the packet." },
        { "tls handshake garbage", false, "closed: Authentication failed" },
        { "tls handshake in a non-prelogin packet", false, "Expected a PRELOGIN packet carrying TLS, got type 0x10." },
        { "login7 after login", true, "Unexpected Login7 packet after login." },
        { "sqlbatch odd utf-16 length", true, "SQLBatch text is not whole UTF-16 code units." },
        { "sqlbatch all_headers beyond the packet", true, "ALL_HEADERS declares 1000 bytes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ServerClosesOrAnswersAndOthersCarryOn(string attack, bool loggedIn, string reason)
    {
        WithWitness(() =>
        {
            using var client = FuzzTdsClient.Connect(_server.Server.EndPoint);
            if (loggedIn)
            {
                client.Login(TdsServerFixture.Password);
            }

            var port = ((System.Net.IPEndPoint)client.LocalEndPoint).Port;
            MalformedPackets.Send(client, attack);
            var reply = client.Receive(Prompt);
            Assert.True(reply.Closed || reply.IsError || reply.IsTlsAlert, $"{attack}: neither closed nor an error (reply type 0x{reply.Type:X2}: {Convert.ToHexString(reply.Payload)}).");
            client.ShutdownSend();
            client.ReceiveUntilClosed(Prompt);
            string Ended() => _server.Log.FirstOrDefault(l => l.Contains($":{port} dropped: ", StringComparison.Ordinal) || l.Contains($":{port} closed: ", StringComparison.Ordinal)) ?? string.Empty;
            WaitUntil(() => Ended().Length > 0, "the log to say why the session ended");
            Assert.Contains(reason, Ended(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void StalledHandshakeIsDroppedAfterTheLoginTimeout()
    {
        WithWitness(() =>
        {
            // Three bytes of a header, then nothing.
            using var partialHeader = FuzzTdsClient.Connect(_server.Server.EndPoint);
            var clock = Stopwatch.StartNew();
            partialHeader.Send([0x12, 0x01, 0x00]);
            Assert.True(partialHeader.Receive(TimeSpan.FromSeconds(10)).Closed);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));

            // A PRELOGIN dripped a byte at a time: each read is short, but the timeout covers the whole handshake.
            using var dripping = FuzzTdsClient.Connect(_server.Server.EndPoint);
            var prelogin = new byte[8 + FuzzTdsClient.PreLogin(2).Length];
            clock.Restart();
            var closed = false;
            for (var i = 0; i < prelogin.Length * 10 && !closed; i++)
            {
                dripping.Send(prelogin.AsSpan(i % prelogin.Length, 1));
                closed = dripping.ClosedWithin(TimeSpan.FromMilliseconds(300));
            }

            Assert.True(closed, "The dripping client was never dropped.");
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        });
    }

    [Fact]
    public void GarbageWhileAStatementRunsStopsItAndClosesTheSession()
    {
        WithWitness(() =>
        {
            using var client = FuzzTdsClient.Connect(_server.Server.EndPoint);
            client.Login(TdsServerFixture.Password);
            client.SendPacket(0x01, FuzzTdsClient.SqlBatch("SELECT COUNT_BIG(*) FROM GENERATE_SERIES(1, 2000000000) a CROSS JOIN GENERATE_SERIES(1, 1000) b"));
            var clock = Stopwatch.StartNew();
            while (_server.Server.RunningRequests == 0 && clock.Elapsed < Prompt)
            {
                Thread.Sleep(10);
            }

            Assert.Equal(1, _server.Server.RunningRequests);
            client.SendPacket(0x55, [1, 2, 3]);
            client.ReceiveUntilClosed(TimeSpan.FromSeconds(10));

            // The session may end only once its statement has stopped: its worker writes to the
            // connection's buffers, which the session's end returns to the pool.
            WaitUntil(() => _server.Server.SessionCount == 1, "the attacker's session to end");
            Assert.Equal(0, _server.Server.RunningRequests);
        });
    }

    [Fact]
    public void AnAttentionRacingTheResponsesEndIsStillAcknowledged()
    {
        // SqlClient may send an attention after the response has arrived but before it read it; it then
        // waits for DONE(ATTN). Sending it the moment the response ends hits the window where the
        // server has the response written but the statement not yet finished.
        WithWitness(() =>
        {
            using var client = FuzzTdsClient.Connect(_server.Server.EndPoint);
            client.Login(TdsServerFixture.Password);
            for (var i = 0; i < 500; i++)
            {
                client.SendPacket(0x01, FuzzTdsClient.SqlBatch("SELECT 1"));
                Assert.False(client.Receive(Prompt).Closed);
                client.SendPacket(0x06, []);
                var ack = client.Receive(Prompt);
                Assert.Equal("FD2000", Convert.ToHexString(ack.Payload, 0, 3));
            }
        });
    }

    [Fact]
    public void AThousandRandomPacketsNeitherCrashNorHang()
    {
        var random = new Random(20240611);
        byte[] types = [0x01, 0x03, 0x04, 0x06, 0x07, 0x0E, 0x10, 0x11, 0x12, 0x00, 0xFF];
        WithWitness(() =>
        {
            FuzzTdsClient? session = null;
            try
            {
                for (var i = 0; i < 1000; i++)
                {
                    var loggedIn = random.Next(2) == 0;
                    if (!loggedIn || session is null)
                    {
                        session?.Dispose();
                        session = FuzzTdsClient.Connect(_server.Server.EndPoint);
                        if (loggedIn)
                        {
                            session.Login(TdsServerFixture.Password);
                        }
                    }

                    var payload = new byte[random.Next(0, 600)];
                    random.NextBytes(payload);
                    if (payload.Length >= 22 && random.Next(2) == 0)
                    {
                        // Valid ALL_HEADERS half the time, so random text also reaches the batch path and storage's parser.
                        FuzzTdsClient.AllHeaders().CopyTo(payload, 0);
                    }

                    var status = (byte)random.Next(4);
                    int? length = random.Next(4) == 0 ? random.Next(0, 0x10000) : null;
                    var type = types[random.Next(types.Length)];
                    session.SendPacket(type, payload, status, length);

                    // A packet that leaves the server waiting for more ends with the client leaving.
                    var complete = (status & 0x01) != 0 && (length is null || length == payload.Length + 8);
                    if (!complete || !loggedIn)
                    {
                        session.ShutdownSend();
                    }

                    var packet = $"packet {i}: type 0x{type:X2}, status {status}, length {length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "right"}, {payload.Length} bytes, {(loggedIn ? "after" : "before")} login";
                    try
                    {
                        var reply = session.Receive(Prompt);
                        if (reply.Closed || !loggedIn || !complete)
                        {
                            session.ReceiveUntilClosed(Prompt);
                            session.Dispose();
                            session = null;
                        }
                    }
                    catch (TimeoutException e)
                    {
                        throw new TimeoutException($"{packet}: {e.Message}", e);
                    }
                }
            }
            finally
            {
                session?.Dispose();
            }
        });
    }

    /// <summary>Runs an attack beside a logged-in SqlClient session, which must work before and after; the attacker's session must end.</summary>
    private void WithWitness(Action attack)
    {
        using var witness = _server.Open();
        Assert.Equal(1, Scalar(witness, "SELECT 1"));
        attack();
        Assert.Equal(2, Scalar(witness, "SELECT 2"));
        WaitUntil(() => _server.Server.SessionCount == 1, "the attacker's session to end");
        using var fresh = _server.Open();
        Assert.Equal(3, Scalar(fresh, "SELECT 3"));
        Assert.DoesNotContain(_server.Log, l => l.Contains("internal error", StringComparison.OrdinalIgnoreCase));
    }

    private static object Scalar(SqlConnection connection, string sql)
    {
        using var command = new SqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Prompt, $"Waited {Prompt} for {what}.");
            Thread.Sleep(20);
        }
    }
}
