using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Files;

/// <summary>
/// The options of one BULK INSERT or OPENROWSET(BULK ...), checked against the names that statement has and
/// read as typed values. Values are evaluated once (a literal or a variable); a bare word such as TRUE in
/// HEADER_ROW = TRUE is taken as written.
/// </summary>
internal sealed class BulkOptions
{
    private readonly Dictionary<string, (BulkOption Option, object? Value)> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _statement;
    private readonly int _line;

    public BulkOptions(IReadOnlyList<BulkOption> options, IReadOnlySet<string> known, string statement, Func<Expression, object?> evaluate, int line)
    {
        _statement = statement;
        _line = line;
        foreach (var option in options)
        {
            if (!known.Contains(option.Name))
            {
                throw new EngineException(
                    ErrorNumbers.BulkLoadUnknownOption,
                    15,
                    1,
                    $"Incorrect syntax near '{option.Name}'. {statement} has no option {option.Name.ToUpperInvariant()}; it takes {string.Join(", ", known.Order(StringComparer.Ordinal))}.")
                { Line = option.Line };
            }

            if (_options.ContainsKey(option.Name))
            {
                throw Invalid($"The option {option.Name.ToUpperInvariant()} is given more than once.");
            }

            var value = option.Value switch
            {
                null => null,
                ColumnReference { Parts.Count: 1 } word => word.Name,
                var expression => evaluate(expression),
            };
            _options[option.Name] = (option, value);
        }
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public IEnumerable<string> Names => _options.Keys;

    /// <summary>An option used as a flag (SINGLE_BLOB, TABLOCK, KEEPNULLS) must not carry a value.</summary>
    public bool Flag(string name)
    {
        if (!_options.TryGetValue(name, out var entry))
        {
            return false;
        }

        return entry.Option.Value is null ? true : throw Invalid($"The option {name} takes no value.");
    }

    public string? String(string name)
    {
        if (!_options.TryGetValue(name, out var entry))
        {
            return null;
        }

        return entry.Value switch
        {
            string s => s,
            null when entry.Option.Value is null => throw Invalid($"The option {name} needs a value ({name} = ...)."),
            null => throw Invalid($"The option {name} cannot be NULL."),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }

    public long? Integer(string name, long minimum)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw Invalid($"The value '{text}' of {name} is not valid: it must be an integer of at least {minimum}.");
    }

    public bool? Boolean(string name)
    {
        var text = String(name);
        return text?.Trim().ToUpperInvariant() switch
        {
            null => null,
            "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => throw Invalid($"The value '{text}' of {name} is not valid: use TRUE or FALSE."),
        };
    }

    /// <summary>A field or row terminator: SQL Server's escapes (\t, \n, \r, \0, \\) and 0x hex bytes become the characters they name.</summary>
    public string? Terminator(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0)
        {
            throw Invalid($"The value of {name} cannot be empty.");
        }

        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? FromHex(name, text[2..]) : Unescape(text);
    }

    public EngineException Invalid(string detail) =>
        new(ErrorNumbers.BulkLoadInvalidOption, 16, 1, $"{_statement}: {detail}") { Line = _line };

    private string FromHex(string name, string hex)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            throw Invalid($"The value '0x{hex}' of {name} is not a valid hexadecimal terminator.");
        }

        var chars = new char[hex.Length / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = byte.TryParse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b)
                ? (char)b
                : throw Invalid($"The value '0x{hex}' of {name} is not a valid hexadecimal terminator.");
        }

        return new string(chars);
    }

    private static string Unescape(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                var mapped = text[i + 1] switch
                {
                    't' => '\t',
                    'n' => '\n',
                    'r' => '\r',
                    '0' => '\0',
                    '\\' => '\\',
                    _ => (char?)null,
                };
                if (mapped is { } c)
                {
                    result.Append(c);
                    i++;
                    continue;
                }
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }
}
