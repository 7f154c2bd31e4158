using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>
/// Splits a T-SQL batch into tokens: words, [bracketed] and "quoted" identifiers, @variables and
/// @@system variables, #temp names (words starting with #), 'strings' and N'strings' with doubled
/// quotes, 0x binary, integer/decimal/float/money numbers, operators. Comments (-- to end of line and
/// /* */, which nest in T-SQL) and whitespace are skipped. Errors carry SQL Server's numbers and the line.
/// </summary>
public sealed class Lexer
{
    private readonly string _text;
    private int _at;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text)
    {
        _text = text;
    }

    public static List<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lexer = new Lexer(text);
        var tokens = new List<Token>(Math.Max(16, text.Length / 4));
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.EndOfInput);
        return tokens;
    }

    private char Peek(int ahead = 0) => _at + ahead < _text.Length ? _text[_at + ahead] : '\0';

    private Token Next()
    {
        SkipTrivia();
        var start = _at;
        var line = _line;
        var column = _at - _lineStart + 1;
        if (_at >= _text.Length)
        {
            return new Token(TokenKind.EndOfInput, string.Empty, _at, 0, line, column);
        }

        var c = Peek();
        Token Make(TokenKind kind, string value) => new(kind, value, start, _at - start, line, column);

        if ((c is 'N' or 'n') && Peek(1) == '\'')
        {
            _at++;
            return Make(TokenKind.NationalString, ReadQuoted('\'', '\'', line));
        }

        if (c == '0' && (Peek(1) is 'x' or 'X'))
        {
            _at += 2;
            while (char.IsAsciiHexDigit(Peek()))
            {
                _at++;
            }

            return Make(TokenKind.Binary, _text[(start + 2).._at]);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return ReadNumber(start, line, column, money: false);
        }

        if (c == '$' && (char.IsAsciiDigit(Peek(1)) || Peek(1) == '.'))
        {
            _at++;
            return ReadNumber(start, line, column, money: true);
        }

        if (IsWordStart(c) || c == '#')
        {
            _at++;
            while (IsWordPart(Peek()))
            {
                _at++;
            }

            return Make(TokenKind.Word, _text[start.._at]);
        }

        if (c == '@')
        {
            var system = Peek(1) == '@';
            _at += system ? 2 : 1;
            while (IsWordPart(Peek()))
            {
                _at++;
            }

            if (_at - start == (system ? 2 : 1))
            {
                throw Syntax(_text[start.._at], line);
            }

            return Make(system ? TokenKind.SystemVariable : TokenKind.Variable, _text[start.._at]);
        }

        switch (c)
        {
            case '\'':
                return Make(TokenKind.String, ReadQuoted('\'', '\'', line));
            case '[':
                return Make(TokenKind.QuotedIdentifier, ReadQuoted('[', ']', line));
            case '"':
                return Make(TokenKind.QuotedIdentifier, ReadQuoted('"', '"', line));
        }

        return ReadOperator(start, line, column);
    }

    private Token ReadOperator(int start, int line, int column)
    {
        var c = Peek();
        var next = Peek(1);
        (TokenKind Kind, int Length) op = (c, next) switch
        {
            ('<', '>') or ('!', '=') => (TokenKind.NotEquals, 2),
            ('<', '=') => (TokenKind.LessOrEqual, 2),
            ('>', '=') => (TokenKind.GreaterOrEqual, 2),
            ('!', '<') => (TokenKind.NotLess, 2),
            ('!', '>') => (TokenKind.NotGreater, 2),
            (':', ':') => (TokenKind.DoubleColon, 2),
            ('+' or '-' or '*' or '/' or '%' or '&' or '|' or '^', '=') => (TokenKind.CompoundAssign, 2),
            (',', _) => (TokenKind.Comma, 1),
            ('.', _) => (TokenKind.Dot, 1),
            (';', _) => (TokenKind.Semicolon, 1),
            (':', _) => (TokenKind.Colon, 1),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            ('+', _) => (TokenKind.Plus, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('*', _) => (TokenKind.Star, 1),
            ('/', _) => (TokenKind.Slash, 1),
            ('%', _) => (TokenKind.Percent, 1),
            ('=', _) => (TokenKind.Equals, 1),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            ('&', _) => (TokenKind.Ampersand, 1),
            ('|', _) => (TokenKind.Pipe, 1),
            ('^', _) => (TokenKind.Caret, 1),
            ('~', _) => (TokenKind.Tilde, 1),
            _ => throw Syntax(c.ToString(), line),
        };
        _at += op.Length;
        return new Token(op.Kind, _text.Substring(start, op.Length), start, op.Length, line, column);
    }

    private Token ReadNumber(int start, int line, int column, bool money)
    {
        var digitsStart = _at;
        var kind = TokenKind.Integer;
        while (char.IsAsciiDigit(Peek()))
        {
            _at++;
        }

        if (Peek() == '.')
        {
            kind = TokenKind.Decimal;
            _at++;
            while (char.IsAsciiDigit(Peek()))
            {
                _at++;
            }
        }

        if (!money && (Peek() is 'e' or 'E') && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            kind = TokenKind.Float;
            _at += 2;
            while (char.IsAsciiDigit(Peek()))
            {
                _at++;
            }
        }

        return new Token(money ? TokenKind.Money : kind, _text[digitsStart.._at], start, _at - start, line, column);
    }

    /// <summary>Reads a quoted run whose closing quote is escaped by doubling; returns the unescaped text.</summary>
    private string ReadQuoted(char open, char close, int line)
    {
        _at++; // opening quote
        var builder = new System.Text.StringBuilder();
        var contentStart = _at;
        while (true)
        {
            if (_at >= _text.Length)
            {
                var shown = _text[contentStart..];
                throw new EngineException(105, 15, 1, $"Unclosed quotation mark after the character string '{(shown.Length > 100 ? shown[..100] : shown)}'.") { Line = line };
            }

            var c = _text[_at];
            if (c == close)
            {
                if (Peek(1) == close)
                {
                    builder.Append(close);
                    _at += 2;
                    continue;
                }

                _at++;
                return builder.ToString();
            }

            if (c == '\n')
            {
                NewLine(_at + 1);
            }

            builder.Append(c);
            _at++;
        }
    }

    private void SkipTrivia()
    {
        while (_at < _text.Length)
        {
            var c = _text[_at];
            if (c == '\n')
            {
                _at++;
                NewLine(_at);
            }
            else if (char.IsWhiteSpace(c))
            {
                _at++;
            }
            else if (c == '-' && Peek(1) == '-')
            {
                while (_at < _text.Length && _text[_at] != '\n')
                {
                    _at++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>T-SQL block comments nest: /* a /* b */ c */ is one comment.</summary>
    private void SkipBlockComment()
    {
        var line = _line;
        var depth = 0;
        do
        {
            if (_at >= _text.Length)
            {
                throw new EngineException(113, 15, 1, "Missing end comment mark '*/'.") { Line = line };
            }

            if (_text[_at] == '/' && Peek(1) == '*')
            {
                depth++;
                _at += 2;
            }
            else if (_text[_at] == '*' && Peek(1) == '/')
            {
                depth--;
                _at += 2;
            }
            else
            {
                if (_text[_at] == '\n')
                {
                    NewLine(_at + 1);
                }

                _at++;
            }
        }
        while (depth > 0);
    }

    private void NewLine(int lineStart)
    {
        _line++;
        _lineStart = lineStart;
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '#' or '@';

    private static EngineException Syntax(string near, int line) => new(102, 15, 1, $"Incorrect syntax near '{near}'.") { Line = line };
}
