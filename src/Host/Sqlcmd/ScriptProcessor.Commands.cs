using System.Globalization;
using System.Text;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>The script commands: GO [count] and the colon commands, recognized at the start of a line.</summary>
internal sealed partial class ScriptProcessor
{
    private bool TryCommand(string line, int lineNumber, string? file)
    {
        var text = line.Trim();
        if (IsGo(text, out var count, lineNumber, file))
        {
            ExecuteBatch(count);
            return true;
        }

        if (!text.StartsWith(':'))
        {
            return false;
        }

        var split = text.IndexOfAny([' ', '\t', '(']);
        var name = (split < 0 ? text : text[..split]).ToUpperInvariant();
        var argument = split < 0 ? string.Empty : text[split..].Trim();
        switch (name)
        {
            case ":SETVAR":
                SetVariable(argument, text, lineNumber, file);
                break;
            case ":R":
                Include(Unquote(argument), text, lineNumber, file);
                break;
            case ":ON":
                OnError(argument, text, lineNumber, file);
                break;
            case ":EXIT":
                Exit(argument, text, lineNumber, file);
                break;
            case ":QUIT":
                ExitCode = 0;
                break;
            case ":RESET":
                _batch.Clear();
                _state = LexState.Code;
                break;
            case ":OUT":
                _output.Out = Redirect(Unquote(argument), text, lineNumber, file);
                break;
            case ":ERROR":
                _output.ErrorOut = Redirect(Unquote(argument), text, lineNumber, file);
                break;
            case ":LISTVAR":
                foreach (var (key, value) in _variables.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase))
                {
                    _output.Text($"{key} = \"{value}\"");
                }

                break;
            default:
                throw SyntaxError(text, lineNumber, file);
        }

        return true;
    }

    private static bool IsGo(string text, out int count, int lineNumber, string? file)
    {
        count = 1;
        if (text.Length < 2 || !text.StartsWith("go", StringComparison.OrdinalIgnoreCase) || (text.Length > 2 && !char.IsWhiteSpace(text[2])))
        {
            return false;
        }

        var rest = text[2..].Trim();
        if (rest.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)
        {
            throw SyntaxError(text, lineNumber, file);
        }

        return true;
    }

    private void SetVariable(string argument, string text, int lineNumber, string? file)
    {
        var split = argument.IndexOfAny([' ', '\t']);
        var name = split < 0 ? argument : argument[..split];
        if (name.Length == 0 || name.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-')))
        {
            throw SyntaxError(text, lineNumber, file);
        }

        if (split < 0)
        {
            _variables.Remove(name);
            return;
        }

        var value = argument[split..].Trim();
        if (value.StartsWith('"'))
        {
            if (value.Length < 2 || !value.EndsWith('"'))
            {
                throw SyntaxError(text, lineNumber, file);
            }

            value = value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        _variables[name] = value;
    }

    private void Include(string path, string text, int lineNumber, string? file)
    {
        if (path.Length == 0)
        {
            throw SyntaxError(text, lineNumber, file);
        }

        // sqlcmd resolves :r against the working directory, not the including script's folder.
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileError(path, e);
        }

        using (reader)
        {
            Run(reader, path);
        }
    }

    private void OnError(string argument, string text, int lineNumber, string? file)
    {
        var words = argument.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 2 || !words[0].Equals("error", StringComparison.OrdinalIgnoreCase))
        {
            throw SyntaxError(text, lineNumber, file);
        }

        _exitOnError = words[1].ToUpperInvariant() switch
        {
            "EXIT" => true,
            "IGNORE" => false,
            _ => throw SyntaxError(text, lineNumber, file),
        };
    }

    /// <summary>:exit quits without running the batch; :exit() runs it first; :exit(query) also returns the query's first value.</summary>
    private void Exit(string argument, string text, int lineNumber, string? file)
    {
        if (argument.Length == 0)
        {
            ExitCode = 0;
            return;
        }

        if (!argument.StartsWith('(') || !argument.EndsWith(')'))
        {
            throw SyntaxError(text, lineNumber, file);
        }

        ExecuteBatch(1);
        if (ExitCode is not null)
        {
            return;
        }

        var query = argument[1..^1].Trim();
        if (query.Length == 0)
        {
            ExitCode = 0;
            return;
        }

        _batch.Append(query).Append('\n');
        ExecuteBatch(1);
        ExitCode ??= _output.FirstValue is { } value && !Convert.IsDBNull(value)
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : 0;
    }

    private TextWriter Redirect(string target, string text, int lineNumber, string? file)
    {
        if (target.Equals("stdout", StringComparison.OrdinalIgnoreCase))
        {
            return _stdout;
        }

        if (target.Equals("stderr", StringComparison.OrdinalIgnoreCase))
        {
            return _stderr;
        }

        if (target.Length == 0)
        {
            throw SyntaxError(text, lineNumber, file);
        }

        try
        {
            var writer = new StreamWriter(target, append: false, new UTF8Encoding(false));
            _opened.Add(writer);
            return writer;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileError(target, e);
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static SqlcmdException SyntaxError(string command, int lineNumber, string? file) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Syntax error at line {lineNumber} near command '{command}'")
            + (file is null ? "." : $" in file '{file}'."));

    private static SqlcmdException FileError(string path, Exception e) =>
        new($"Error occurred while opening or operating on file {path} (Reason: {e.Message}).");
}
