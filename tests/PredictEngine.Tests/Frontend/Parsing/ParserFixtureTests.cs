using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Parsing;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Parsing;

/// <summary>
/// Runs the fixtures in tests/parser: roundtrip.sql (each line parses to one statement that prints back
/// unchanged), canonical.txt (input ⇒ canonical text) and errors.txt (input ⇒ "Msg N, Line L: message").
/// Lines that are empty or start with "--" are skipped; "\n" in canonical / error inputs stands for a line break.
/// </summary>
public class ParserFixtureTests
{
    private const string Arrow = " ⇒ ";

    private static IEnumerable<(int Number, string Text)> Lines(string file) =>
        File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "tests", "parser", file))
            .Select((text, index) => (index + 1, text))
            .Where(l => l.text.Trim().Length > 0 && !l.text.StartsWith("--", StringComparison.Ordinal));

    public static TheoryData<int, string> RoundTrip() => Data(Lines("roundtrip.sql"));

    public static TheoryData<int, string> Canonical() => Data(Lines("canonical.txt"));

    public static TheoryData<int, string> Errors() => Data(Lines("errors.txt"));

    private static TheoryData<int, string> Data(IEnumerable<(int Number, string Text)> lines)
    {
        var data = new TheoryData<int, string>();
        foreach (var (number, text) in lines)
        {
            data.Add(number, text);
        }

        return data;
    }

    private static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(RoundTrip))]
    public void PrintsBackUnchanged(int line, string sql)
    {
        var batch = Parser.ParseBatch(sql);
        Assert.True(batch.Statements.Count == 1, $"line {line}: {batch.Statements.Count} statements");
        Assert.Equal(sql, SqlFormatter.Format(batch.Statements[0]));
    }

    [Theory]
    [MemberData(nameof(Canonical))]
    public void PrintsCanonically(int line, string pair)
    {
        var parts = pair.Split(Arrow);
        Assert.True(parts.Length == 2, $"line {line} has no '{Arrow.Trim()}'");
        var expected = Unescape(parts[1]);
        Assert.Equal(expected, SqlFormatter.Format(Parser.ParseBatch(Unescape(parts[0]))));

        // The canonical text is a fixed point.
        Assert.Equal(expected, SqlFormatter.Format(Parser.ParseBatch(expected)));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void ReportsSqlServerErrors(int line, string pair)
    {
        var parts = pair.Split(Arrow);
        Assert.True(parts.Length == 2, $"line {line} has no '{Arrow.Trim()}'");
        var error = Assert.Throws<EngineException>(() => Parser.ParseBatch(Unescape(parts[0])));
        Assert.Equal(15, error.Severity);
        Assert.Equal(1, error.State);
        Assert.Equal(parts[1], $"Msg {error.Number}, Line {error.Line}: {error.Message}");
    }
}
