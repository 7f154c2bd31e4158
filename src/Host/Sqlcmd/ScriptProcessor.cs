using System.Globalization;
using System.Text;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// Reads script text line by line as sqlcmd does: lines accumulate into a batch until GO, and
/// commands at the start of a line (<c>:setvar</c>, <c>:r</c>, <c>:on error</c>, <c>:exit</c>,
/// <c>:out</c>, ...) act as they are read. <c>$(var)</c> is replaced in every line before anything
/// else looks at it. A GO inside a block comment or a string literal is text, not a separator.
/// </summary>
internal sealed partial class ScriptProcessor
{
    private readonly SqlcmdOptions _options;
    private readonly ISqlcmdTarget _target;
    private readonly SqlcmdOutput _output;
    private readonly Func<string, string?> _environment;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly Dictionary<string, string> _variables;
    private readonly StringBuilder _batch = new();
    private readonly List<TextWriter> _opened = [];
    private LexState _state;
    private int _commentDepth;
    private bool _exitOnError;

    public ScriptProcessor(SqlcmdOptions options, ISqlcmdTarget target, SqlcmdOutput output, Func<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
        _options = options;
        _target = target;
        _output = output;
        _environment = environment;
        _variables = new Dictionary<string, string>(options.Variables, StringComparer.OrdinalIgnoreCase);
        _variables.TryAdd("SQLCMDSERVER", options.Server ?? target.ServerName);
        _variables.TryAdd("SQLCMDDBNAME", options.Database ?? string.Empty);
        if (options.User is not null)
        {
            _variables.TryAdd("SQLCMDUSER", options.User);
        }

        _exitOnError = options.ExitOnError;
    }

    private enum LexState
    {
        Code,
        BlockComment,
        String,
        QuotedIdentifier,
        BracketIdentifier,
    }

    /// <summary>Set once the script asked to stop (:exit, :quit, an error under -b or :on error exit).</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Runs lines from one source; <paramref name="file"/> names it in syntax errors.</summary>
    public void Run(TextReader reader, string? file, Action? prompt = null)
    {
        var lineNumber = 0;
        while (ExitCode is null)
        {
            prompt?.Invoke();
            var line = reader.ReadLine();
            if (line is null)
            {
                return;
            }

            lineNumber++;
            ProcessLine(line, lineNumber, file);
        }
    }

    /// <summary>Runs what is left in the batch buffer (the end of the input acts as a final GO).</summary>
    public void Finish()
    {
        if (ExitCode is null)
        {
            ExecuteBatch(1);
        }
    }

    public void CloseFiles()
    {
        foreach (var writer in _opened)
        {
            writer.Dispose();
        }
    }

    /// <summary>Runs a -Q/-q query as one batch (variables substituted).</summary>
    public void RunQuery(string query)
    {
        _batch.Append(Substitute(query)).Append('\n');
        ExecuteBatch(1);
    }

    private void ProcessLine(string raw, int lineNumber, string? file)
    {
        var line = Substitute(raw);
        if (_state is LexState.Code && TryCommand(line, lineNumber, file))
        {
            return;
        }

        _batch.Append(line).Append('\n');
        Scan(line);
    }

    /// <summary>Follows comments and quotes across lines so that GO and commands inside them are left alone.</summary>
    private void Scan(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var next = i + 1 < line.Length ? line[i + 1] : '\0';
            switch (_state)
            {
                case LexState.Code when c == '-' && next == '-':
                    return;
                case LexState.Code when c == '/' && next == '*':
                    _state = LexState.BlockComment;
                    _commentDepth = 1;
                    i++;
                    break;
                case LexState.Code:
                    _state = c switch
                    {
                        '\'' => LexState.String,
                        '"' => LexState.QuotedIdentifier,
                        '[' => LexState.BracketIdentifier,
                        _ => LexState.Code,
                    };
                    break;
                case LexState.BlockComment when c == '/' && next == '*':
                    _commentDepth++;
                    i++;
                    break;
                case LexState.BlockComment when c == '*' && next == '/':
                    i++;
                    if (--_commentDepth == 0)
                    {
                        _state = LexState.Code;
                    }

                    break;
                case LexState.String when c == '\'':
                case LexState.QuotedIdentifier when c == '"':
                case LexState.BracketIdentifier when c == ']':
                    // A doubled quote is an escaped one: stay inside.
                    if (next == c)
                    {
                        i++;
                    }
                    else
                    {
                        _state = LexState.Code;
                    }

                    break;
            }
        }
    }

    private void ExecuteBatch(int count)
    {
        var text = _batch.ToString();
        _batch.Clear();
        _state = LexState.Code;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        for (var i = 0; i < count && ExitCode is null; i++)
        {
            if (_options.Echo)
            {
                _output.Text(text.TrimEnd('\n'));
            }

            _output.BeginBatch();
            _target.Execute(text, _output, _options.QueryTimeout);
            _output.EndResultSet();
            if (_output.BatchFailed && _exitOnError)
            {
                ExitCode = 1;
            }
        }
    }

    /// <summary>Replaces $(name) from :setvar/-v, then the environment; an undefined name is fatal, as in sqlcmd.</summary>
    private string Substitute(string line)
    {
        if (!line.Contains("$(", StringComparison.Ordinal))
        {
            return line;
        }

        var result = new StringBuilder(line.Length);
        var i = 0;
        while (i < line.Length)
        {
            var start = line.IndexOf("$(", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : line.IndexOf(')', start + 2);
            if (start < 0 || end < 0)
            {
                result.Append(line, i, line.Length - i);
                break;
            }

            result.Append(line, i, start - i);
            var name = line[(start + 2)..end];
            var value = _variables.TryGetValue(name, out var set) ? set : _environment(name);
            if (value is null)
            {
                throw new SqlcmdException(string.Create(CultureInfo.InvariantCulture, $"'{name}' scripting variable not defined."));
            }

            result.Append(value);
            i = end + 1;
        }

        return result.ToString();
    }
}
