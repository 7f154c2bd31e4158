namespace PredictEngine.SqlFrontend.Parsing;

/// <summary>What a token is. Keywords are words: the parser decides, case-insensitively, by position.</summary>
public enum TokenKind : byte
{
    EndOfInput,
    Word,
    /// <summary>[name] or "name" (QUOTED_IDENTIFIER ON); <see cref="Token.Value"/> is the unescaped name.</summary>
    QuotedIdentifier,
    /// <summary>@name; <see cref="Token.Value"/> keeps the @.</summary>
    Variable,
    /// <summary>@@name, e.g. @@ROWCOUNT.</summary>
    SystemVariable,
    /// <summary>'text'; <see cref="Token.Value"/> is the unescaped text.</summary>
    String,
    /// <summary>N'text'.</summary>
    NationalString,
    /// <summary>0x0A1B; <see cref="Token.Value"/> is the hex digits (possibly empty).</summary>
    Binary,
    Integer,
    /// <summary>A number with a decimal point: T-SQL types it decimal/numeric.</summary>
    Decimal,
    /// <summary>A number with an exponent: T-SQL types it float.</summary>
    Float,
    /// <summary>$12.50: T-SQL types it money.</summary>
    Money,
    Comma,
    Dot,
    Semicolon,
    Colon,
    DoubleColon,
    LeftParen,
    RightParen,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Equals,
    NotEquals,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    NotLess,
    NotGreater,
    Ampersand,
    Pipe,
    Caret,
    Tilde,
    /// <summary>Compound assignment (+= -= *= /= %= &amp;= |= ^=); <see cref="Token.Value"/> holds the operator.</summary>
    CompoundAssign,
}

/// <summary>
/// One token with its position. <see cref="Value"/> is the token's meaning (the unescaped name or string,
/// the number's text); <see cref="Start"/>/<see cref="Length"/> locate the original text for messages.
/// </summary>
public readonly record struct Token(TokenKind Kind, string Value, int Start, int Length, int Line, int Column)
{
    public bool IsWord(string word) => Kind == TokenKind.Word && string.Equals(Value, word, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Kind} '{Value}' at {Line}:{Column}";
}
