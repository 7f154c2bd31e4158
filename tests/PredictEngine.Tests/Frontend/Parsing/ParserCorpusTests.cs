using PredictEngine.SqlFrontend.Parsing;
using PredictEngine.Storage.Errors;
using PredictEngine.Tests.Logic;
using Xunit;

namespace PredictEngine.Tests.Frontend.Parsing;

/// <summary>
/// Every batch of the sqllogictest acceptance files (tests/sql/tsql; tests/sql/tds is in the storage dialect) must parse, except those whose expected error is a
/// parse error (102, 156, 105, 111...), which must fail with that number: the parser may reject nothing that
/// SQL Server accepts there.
/// </summary>
public class ParserCorpusTests
{
    private static readonly int[] ParseErrors = [102, 105, 111, 113, 156];

    public static TheoryData<string, int> Records()
    {
        var data = new TheoryData<string, int>();
        var root = Path.Combine(TestPaths.RepoRoot, "tests", "sql", "tsql");
        foreach (var file in Directory.GetFiles(root, "*.test", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var record in SqlLogicTest.Parse(file))
            {
                data.Add(Path.GetRelativePath(root, file), record.Line);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void ParsesAcceptanceBatches(string file, int line)
    {
        var record = SqlLogicTest.Parse(Path.Combine(TestPaths.RepoRoot, "tests", "sql", "tsql", file)).Single(r => r.Line == line);
        var expected = record.ExpectedError is { Length: > 0 } error && int.TryParse(error.Split(' ')[0], out var number) ? number : 0;
        if (ParseErrors.Contains(expected))
        {
            var exception = Assert.Throws<EngineException>(() => Parser.ParseBatch(record.Sql));
            Assert.Equal(expected, exception.Number);
            Assert.Contains(record.ExpectedError![expected.ToString(System.Globalization.CultureInfo.InvariantCulture).Length..].Trim(), exception.Message, StringComparison.Ordinal);
            return;
        }

        Parser.ParseBatch(record.Sql);
    }
}
