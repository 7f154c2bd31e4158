using System.Text;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>A parameterized batch in DuckDB's terms: the text with <c>$name</c> references, and which parameter each name binds.</summary>
public sealed record RewrittenBatch(string Text, IReadOnlyList<(string StorageName, BatchParameter Parameter)> Bindings);

/// <summary>
/// For the stand-in executor: turns T-SQL parameter references (<c>@name</c>) into DuckDB named
/// parameters (<c>$name</c>), leaving string literals, quoted identifiers, comments and system
/// functions (<c>@@ROWCOUNT</c>) alone. Names compare case-insensitively, as T-SQL variables do, and
/// become lower case; a name DuckDB could not spell (<c>@#x</c>, <c>@é</c>) gets a generated one.
/// Brackets are scanned like code: the batch is DuckDB SQL, where <c>[...]</c> is a list, not a name.
/// The T-SQL front end replaces this with real binding.
/// </summary>
public static class ParameterRewriter
{
    public static RewrittenBatch Rewrite(string text, IReadOnlyList<BatchParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parameters);
        var names = StorageNames(parameters);
        var used = new bool[parameters.Count];
        var output = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            int end;
            if (c is '\'' or '"')
            {
                end = Quoted(text, i, c);
            }
            else if (c == '-' && next == '-')
            {
                end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                end = BlockComment(text, i);
            }
            else if (c == '@' && next == '@')
            {
                end = NameEnd(text, i + 2); // @@ROWCOUNT and friends are not parameters.
            }
            else if (c == '@' && IsNameStart(next))
            {
                end = NameEnd(text, i + 1);
                var name = text[i..end];
                var index = IndexOf(parameters, name);
                if (index < 0)
                {
                    throw new EngineException(137, 15, 2, $"Must declare the scalar variable \"{name}\".");
                }

                used[index] = true;
                output.Append('$').Append(names[index]);
                i = end;
                continue;
            }
            else
            {
                end = i + 1;
            }

            output.Append(text, i, end - i);
            i = end;
        }

        var bindings = new List<(string, BatchParameter)>();
        for (var p = 0; p < parameters.Count; p++)
        {
            if (used[p])
            {
                bindings.Add((names[p], parameters[p]));
            }
        }

        return new RewrittenBatch(output.ToString(), bindings);
    }

    private static string[] StorageNames(IReadOnlyList<BatchParameter> parameters)
    {
        var names = new string[parameters.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < parameters.Count; p++)
        {
            var bare = parameters[p].Name.TrimStart('@').ToLowerInvariant();
            if (bare.Length > 0 && (char.IsAsciiLetter(bare[0]) || bare[0] == '_') && bare.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') && taken.Add(bare))
            {
                names[p] = bare;
            }
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            if (names[p] is null)
            {
                var generated = $"p{p + 1}";
                while (!taken.Add(generated))
                {
                    generated += "_";
                }

                names[p] = generated;
            }
        }

        return names;
    }

    private static int IndexOf(IReadOnlyList<BatchParameter> parameters, string name)
    {
        for (var p = 0; p < parameters.Count; p++)
        {
            if (string.Equals(parameters[p].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return -1;
    }

    private static bool IsNameStart(char c) => char.IsLetterOrDigit(c) || c is '_' or '#';

    private static int NameEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '#' or '$' or '@'))
        {
            end++;
        }

        return end;
    }

    /// <summary>'...' or "..." with the quote doubled inside; an unterminated one runs to the end (DuckDB reports it).</summary>
    private static int Quoted(string text, int start, char quote)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    /// <summary>/* ... */, nested as in T-SQL (and DuckDB).</summary>
    private static int BlockComment(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length - 1)
        {
            if (text[i] == '/' && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && text[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }
}
