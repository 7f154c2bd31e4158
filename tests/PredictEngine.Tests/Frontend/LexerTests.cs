using PredictEngine.SqlFrontend.Parsing;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend;

public class LexerTests
{
    private static string Describe(string sql) => string.Join(" ", Lexer.Tokenize(sql).SkipLast(1).Select(t => $"{t.Kind}:{t.Value}"));

    [Theory]
    [InlineData("SELECT a FROM t", "Word:SELECT Word:a Word:FROM Word:t")]
    [InlineData("select [my col], \"other\"\"x\" from [dbo].[t]]x]", "Word:select QuotedIdentifier:my col Comma:, QuotedIdentifier:other\"x Word:from QuotedIdentifier:dbo Dot:. QuotedIdentifier:t]x")]
    [InlineData("server.db.dbo.t", "Word:server Dot:. Word:db Dot:. Word:dbo Dot:. Word:t")]
    [InlineData("N'日本' + 'it''s'", "NationalString:日本 Plus:+ String:it's")]
    [InlineData("0x0aFF 0x", "Binary:0aFF Binary:")]
    [InlineData("1 2.5 .5 3. 1e10 2.5E-3 $12.50 $5", "Integer:1 Decimal:2.5 Decimal:.5 Decimal:3. Float:1e10 Float:2.5E-3 Money:12.50 Money:5")]
    [InlineData("@x @@ROWCOUNT #temp ##global", "Variable:@x SystemVariable:@@ROWCOUNT Word:#temp Word:##global")]
    [InlineData("a<>b!=c<=d>=e!<f!>g", "Word:a NotEquals:<> Word:b NotEquals:!= Word:c LessOrEqual:<= Word:d GreaterOrEqual:>= Word:e NotLess:!< Word:f NotGreater:!> Word:g")]
    [InlineData("@i += 1; x::y", "Variable:@i CompoundAssign:+= Integer:1 Semicolon:; Word:x DoubleColon::: Word:y")]
    [InlineData("a -- comment\n b /* c /* nested */ still */ d", "Word:a Word:b Word:d")]
    [InlineData("nvarchar(max) Name", "Word:nvarchar LeftParen:( Word:max RightParen:) Word:Name")]
    public void Tokenizes(string sql, string expected) => Assert.Equal(expected, Describe(sql));

    [Fact]
    public void TracksLinesAndColumns()
    {
        var tokens = Lexer.Tokenize("SELECT 1\n  FROM /* two\nlines */ t");
        Assert.Equal((1, 1), (tokens[0].Line, tokens[0].Column));
        Assert.Equal((2, 3), (tokens[2].Line, tokens[2].Column));
        Assert.Equal((3, 10), (tokens[3].Line, tokens[3].Column));
        Assert.Equal(TokenKind.EndOfInput, tokens[^1].Kind);
    }

    [Theory]
    [InlineData("SELECT 'abc", 105, "Unclosed quotation mark after the character string 'abc'.", 1)]
    [InlineData("SELECT 1\nSELECT [abc", 105, "Unclosed quotation mark after the character string 'abc'.", 2)]
    [InlineData("SELECT /* a /* b */ c", 113, "Missing end comment mark '*/'.", 1)]
    [InlineData("SELECT 1 ? 2", 102, "Incorrect syntax near '?'.", 1)]
    [InlineData("SELECT @", 102, "Incorrect syntax near '@'.", 1)]
    public void ReportsSqlServerErrors(string sql, int number, string message, int line)
    {
        var error = Assert.Throws<EngineException>(() => Lexer.Tokenize(sql));
        Assert.Equal(number, error.Number);
        Assert.Equal(15, error.Severity);
        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Line);
    }
}
