using Microsoft.Data.SqlClient;
using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Logic;

/// <summary>
/// Runs every <c>tests/sql/**/*.test</c> file through Microsoft.Data.SqlClient against the in-process
/// TDS server, one fresh connection per file. Slow suites use the <c>.test_slow</c> extension and run
/// only when PREDICT_SLOW_TESTS=1.
/// </summary>
public class SqlLogicTests : IClassFixture<TdsServerFixture>
{
    private readonly TdsServerFixture _server;

    public SqlLogicTests(TdsServerFixture server)
    {
        _server = server;
    }

    /// <summary>The T-SQL suites (tests/sql/tsql) run against the T-SQL session instead: <see cref="TsqlLogicTests"/>.</summary>
    public static TheoryData<string> Files() => Files(file => !file.StartsWith("tsql" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    public static TheoryData<string> Files(Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var root = Path.Combine(TestPaths.RepoRoot, "tests", "sql");
        var slow = Environment.GetEnvironmentVariable("PREDICT_SLOW_TESTS") == "1";
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.test*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".test", StringComparison.Ordinal) || (slow && file.EndsWith(".test_slow", StringComparison.Ordinal)))
            {
                var relative = Path.GetRelativePath(root, file);
                if (include(relative))
                {
                    data.Add(relative);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Runs(string file) => Run(_server, file);

    internal static void Run(TdsServerFixture server, string file)
    {
        ArgumentNullException.ThrowIfNull(server);
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "sql", file);
        using var connection = server.Open();
        foreach (var record in SqlLogicTest.Parse(path))
        {
            var where = $"{file}:{record.Line}";
            using var command = new SqlCommand(record.Sql, connection) { CommandTimeout = 60 };
            switch (record.Kind)
            {
                case "ok":
                    command.ExecuteNonQuery();
                    break;
                case "error":
                    var error = Assert.Throws<SqlException>(() => command.ExecuteNonQuery());
                    var expected = record.ExpectedError!.Split(' ', 2);
                    if (expected[0].Length > 0 && int.TryParse(expected[0], out var number))
                    {
                        Assert.True(number == error.Number, $"{where}: expected Msg {number}, got Msg {error.Number}: {error.Message}");
                        if (expected.Length > 1)
                        {
                            Assert.True(error.Message.Contains(expected[1], StringComparison.OrdinalIgnoreCase), $"{where}: '{error.Message}' lacks '{expected[1]}'");
                        }
                    }

                    break;
                default:
                    var rows = new List<string>();
                    using (var reader = command.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            var values = new string[reader.FieldCount];
                            for (var c = 0; c < values.Length; c++)
                            {
                                values[c] = SqlLogicTest.Format(reader.GetValue(c));
                            }

                            rows.Add(string.Join('\t', values));
                        }
                    }

                    var want = record.ExpectedRows.ToList();
                    if (record.RowSort)
                    {
                        rows.Sort(StringComparer.Ordinal);
                        want.Sort(StringComparer.Ordinal);
                    }

                    Assert.True(want.SequenceEqual(rows), $"{where}: expected\n{string.Join('\n', want)}\ngot\n{string.Join('\n', rows)}");
                    break;
            }
        }
    }
}
