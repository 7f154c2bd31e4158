using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>
/// Hand-written recursive-descent parser for T-SQL batches. Keywords are words recognised by position
/// (case-insensitively); SQL Server's reserved words can never be identifiers or aliases without brackets.
/// The first syntax error ends the parse with SQL Server's message (102 / 156) and the line of the token.
/// </summary>
public sealed partial class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _pos;

    private Parser(string text)
    {
        _text = text;
        _tokens = Lexer.Tokenize(text);
    }

    public static SqlBatch ParseBatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var statements = new List<Statement>();
        parser.SkipSemicolons();
        while (parser.Current.Kind != TokenKind.EndOfInput)
        {
            statements.Add(parser.ParseStatement(statements.Count == 0));
            parser.SkipSemicolons();
        }

        return new SqlBatch { Statements = statements };
    }

    public static Expression ParseExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var expression = parser.ParseExpression();
        parser.ExpectEnd();
        return expression;
    }

    /// <summary>Parses sp_executesql's parameter list: <c>@a int, @b nvarchar(10) OUTPUT</c> (empty text: no parameters).</summary>
    public static IReadOnlyList<(string Name, DataTypeReference Type, bool Output)> ParseParameterDeclarations(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var result = new List<(string, DataTypeReference, bool)>();
        if (parser.Current.Kind == TokenKind.EndOfInput)
        {
            return result;
        }

        do
        {
            var name = parser.ExpectVariable();
            parser.AcceptWord("AS");
            var type = parser.ParseDataType();
            var output = parser.AcceptWord("OUTPUT") || parser.AcceptWord("OUT");
            result.Add((name, type, output));
        }
        while (parser.Accept(TokenKind.Comma));
        parser.ExpectEnd();
        return result;
    }

    /// <summary>
    /// How deeply parentheses, subqueries, prefix operators and nested statements may go. The parser recurses,
    /// and a stack overflow would take the whole server down; SQL Server has the same kind of limit (Msg 191).
    /// </summary>
    private const int MaxNesting = 200;

    private int _depth;

    private T Nested<T>(Func<T> parse)
    {
        if (++_depth > MaxNesting)
        {
            throw new EngineException(ErrorNumbers.NestedTooDeeply, 15, 1, "Some part of your SQL statement is nested too deeply. Rewrite the query or break it up into smaller queries.") { Line = Current.Line };
        }

        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private Token Current => _tokens[_pos];

    private Token PeekToken(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = _tokens[_pos];
        if (token.Kind != TokenKind.EndOfInput)
        {
            _pos++;
        }

        return token;
    }

    private bool IsWord(string word) => Current.IsWord(word);

    private bool IsWordAt(int ahead, string word) => PeekToken(ahead).IsWord(word);

    private bool AcceptWord(string word)
    {
        if (!IsWord(word))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private void ExpectWord(string word)
    {
        if (!AcceptWord(word))
        {
            throw Error();
        }
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private Token Expect(TokenKind kind) => Current.Kind == kind ? Advance() : throw Error();

    private void ExpectEnd()
    {
        SkipSemicolons();
        if (Current.Kind != TokenKind.EndOfInput)
        {
            throw Error();
        }
    }

    private void SkipSemicolons()
    {
        while (Accept(TokenKind.Semicolon))
        {
        }
    }

    private string ExpectVariable() => Expect(TokenKind.Variable).Value;

    /// <summary>A regular identifier that is not reserved, or a [bracketed] / "quoted" one.</summary>
    private static bool IsIdentifier(Token token) =>
        token.Kind == TokenKind.QuotedIdentifier || (token.Kind == TokenKind.Word && !ReservedWords.IsReserved(token.Value));

    private string ExpectIdentifier() => IsIdentifier(Current) ? TakeName() : throw Error();

    /// <summary>Consumes the current token as a name or alias, with SQL Server's checks for empty (1038) and over-long (103) names.</summary>
    private string TakeName()
    {
        var token = Advance();
        if (token.Value.Length == 0)
        {
            throw new EngineException(ErrorNumbers.EmptyName, 15, 1, "An object or column name is missing or empty. For SELECT INTO statements, verify each column has a name. For other statements, look for empty alias names. Aliases defined as \"\" or [] are not allowed. Change the alias to a valid name.") { Line = token.Line };
        }

        if (token.Value.Length > MaxNameLength && token.Kind != TokenKind.String)
        {
            throw new EngineException(ErrorNumbers.NameTooLong, 15, 1, $"The identifier that starts with '{token.Value[..MaxNameLength]}' is too long. Maximum length is {MaxNameLength}.") { Line = token.Line };
        }

        return token.Value;
    }

    private const int MaxNameLength = 128;

    /// <summary>A name of one to four parts; <c>db..t</c> leaves the schema part empty.</summary>
    private ObjectName ParseObjectName()
    {
        var line = Current.Line;
        var parts = new List<string> { ExpectIdentifier() };
        while (Current.Kind == TokenKind.Dot && parts.Count < 4)
        {
            Advance();
            parts.Add(Current.Kind == TokenKind.Dot ? string.Empty : ExpectIdentifier());
        }

        return new ObjectName { Parts = parts, Line = line };
    }

    private List<string> ParseIdentifierList()
    {
        Expect(TokenKind.LeftParen);
        var names = new List<string>();
        do
        {
            names.Add(ExpectIdentifier());
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return names;
    }

    /// <summary>int, decimal(10, 2), nvarchar(max), dbo.mytype, double precision.</summary>
    private DataTypeReference ParseDataType()
    {
        var line = Current.Line;
        string name;
        if (IsWord("DOUBLE"))
        {
            Advance();
            ExpectWord("PRECISION");
            name = "double precision";
        }
        else
        {
            name = ParseObjectName().ToString();
        }

        var arguments = new List<string>();
        if (Accept(TokenKind.LeftParen))
        {
            do
            {
                if (IsWord("max"))
                {
                    arguments.Add(Advance().Value);
                }
                else
                {
                    arguments.Add(Expect(TokenKind.Integer).Value);
                }
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen);
        }

        return new DataTypeReference { Name = name, Arguments = arguments, Line = line };
    }

    private long ParseSignedInteger()
    {
        var negative = Accept(TokenKind.Minus);
        if (!negative)
        {
            Accept(TokenKind.Plus);
        }

        var token = Expect(TokenKind.Integer);
        var value = long.Parse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    /// <summary>The statement's source text from <paramref name="firstToken"/> to the last token consumed.</summary>
    private string SourceText(int firstToken)
    {
        var start = _tokens[firstToken].Start;
        var last = _tokens[Math.Max(firstToken, _pos - 1)];
        return _text[start..(last.Start + last.Length)];
    }

    /// <summary>SQL Server's syntax error for the current token (the last real token at the end of input).</summary>
    private EngineException Error() => ErrorAt(_pos);

    /// <summary>The token an error names: the one at <paramref name="index"/>, or the last real one at the end of input.</summary>
    private Token NearToken(int index) =>
        _tokens[index].Kind == TokenKind.EndOfInput && index > 0 ? _tokens[index - 1] : _tokens[index];

    /// <summary>A token as SQL Server quotes it in messages: strings and delimited names by their contents, others as written.</summary>
    private string NearText(Token token) => token.Kind is TokenKind.String or TokenKind.NationalString or TokenKind.QuotedIdentifier
        ? token.Value
        : _text.Substring(token.Start, token.Length);

    private EngineException ErrorAt(int index)
    {
        var token = NearToken(index);
        if (token.Kind == TokenKind.EndOfInput)
        {
            return new EngineException(ErrorNumbers.IncorrectSyntax, 15, 1, "Incorrect syntax near ''.") { Line = token.Line };
        }

        if (token.Kind == TokenKind.Word && ReservedWords.IsReserved(token.Value))
        {
            return new EngineException(ErrorNumbers.IncorrectSyntaxNearKeyword, 15, 1, $"Incorrect syntax near the keyword '{token.Value}'.") { Line = token.Line };
        }

        return new EngineException(ErrorNumbers.IncorrectSyntax, 15, 1, $"Incorrect syntax near '{NearText(token)}'.") { Line = token.Line };
    }
}
