using System.Globalization;
using System.Text;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// Prints what a batch produces the way sqlcmd does: a header line of column names padded to each
/// column's display width, a line of dashes, the rows, a blank line and "(N rows affected)"; PRINT
/// and informational messages as their text; errors as "Msg N, Level L, State S, Server X, Line L".
/// Both the embedded and the SqlClient mode drive this one class, in the order events arrive.
/// </summary>
public sealed class SqlcmdOutput
{
    private readonly SqlcmdOptions _options;
    private readonly TextWriter _stderr;
    private IReadOnlyList<SqlcmdColumn>? _columns;
    private int[] _widths = [];
    private long _rows;
    private bool _justEndedResultSet;

    public SqlcmdOutput(SqlcmdOptions options, TextWriter stdout, TextWriter stderr)
    {
        _options = options;
        Out = stdout;
        _stderr = stderr;
    }

    /// <summary>Where results and messages go (-o, :out).</summary>
    public TextWriter Out { get; set; }

    /// <summary>Where server errors go when not to <see cref="Out"/> (-r, :error); null follows <see cref="Out"/>.</summary>
    public TextWriter? ErrorOut { get; set; }

    /// <summary>Whether the current batch raised an error at or above -V's severity (what -b and :on error exit act on).</summary>
    public bool BatchFailed { get; private set; }

    /// <summary>The first column of the first row of the latest result set (what :exit(query) returns).</summary>
    public object? FirstValue { get; private set; }

    public void BeginBatch()
    {
        BatchFailed = false;
        FirstValue = null;
    }

    public void BeginResultSet(IReadOnlyList<SqlcmdColumn> columns)
    {
        EndResultSet();
        _columns = columns;
        _widths = [.. columns.Select(c => c.DisplayWidth(_options.VariableWidth, _options.FixedWidth))];
        _rows = 0;
        FirstValue = null;
        if (_options.HeaderInterval >= 0)
        {
            WriteHeader();
        }
    }

    public void Row(IReadOnlyList<object?> values)
    {
        if (_columns is null)
        {
            return;
        }

        if (_rows == 0 && values.Count > 0)
        {
            FirstValue = values[0];
        }

        var line = new StringBuilder();
        for (var c = 0; c < _columns.Count; c++)
        {
            if (c > 0)
            {
                line.Append(_options.ColumnSeparator);
            }

            line.Append(Cell(_columns[c].Format(values[c]), _widths[c], _columns[c].RightJustified));
        }

        WriteLine(line.ToString());
        _rows++;
        if (_options.HeaderInterval > 0 && _rows % _options.HeaderInterval == 0)
        {
            WriteLine(string.Empty);
            WriteHeader();
        }
    }

    /// <summary>Ends the open result set, if any, with sqlcmd's blank line; safe to call twice.</summary>
    public void EndResultSet()
    {
        if (_columns is null)
        {
            return;
        }

        _columns = null;
        WriteLine(string.Empty);
        _justEndedResultSet = true;
    }

    public void RowsAffected(long rows)
    {
        var endedResultSet = _columns is not null;
        EndResultSet();
        if (!endedResultSet && !_justEndedResultSet)
        {
            WriteLine(string.Empty);
        }

        WriteLine(rows == 1 ? "(1 row affected)" : string.Create(CultureInfo.InvariantCulture, $"({rows} rows affected)"));
        _justEndedResultSet = false;
    }

    /// <summary>A message of severity ≤ 10 (PRINT, 5701 ...): its text, as sqlcmd prints it.</summary>
    public void Message(int number, int severity, int state, string server, int line, string text)
    {
        EndResultSet();
        _justEndedResultSet = false;
        var writer = _options.RedirectErrors == 1 ? _stderr : Out;
        if (_options.ErrorLevel == -1)
        {
            writer.WriteLine(Header(number, severity, state, server, null, line));
        }

        Write(writer, text);
    }

    public void Error(int number, int severity, int state, string server, string? procedure, int line, string text)
    {
        EndResultSet();
        _justEndedResultSet = false;
        if (severity >= _options.ErrorSeverityLevel)
        {
            BatchFailed = true;
        }

        if (_options.ErrorLevel > 0 && severity < _options.ErrorLevel)
        {
            return;
        }

        var writer = _options.RedirectErrors is not null ? _stderr : ErrorOut ?? Out;
        Write(writer, Header(number, severity, state, server, procedure, line));
        Write(writer, text);
    }

    /// <summary>A sqlcmd-level error ("Sqlcmd: Error: ..."), always on standard error.</summary>
    public void SqlcmdError(string text)
    {
        EndResultSet();
        _stderr.WriteLine("Sqlcmd: Error: " + text);
        BatchFailed = true;
    }

    /// <summary>The query timeout (-t) ran out: sqlcmd's notice, and the batch counts as failed.</summary>
    public void Timeout()
    {
        EndResultSet();
        Write(ErrorOut ?? Out, "Timeout expired");
        BatchFailed = true;
    }

    /// <summary>Text echoed with -e, on the output.</summary>
    public void Text(string text) => Write(Out, text);

    public void Flush()
    {
        Out.Flush();
        _stderr.Flush();
        ErrorOut?.Flush();
    }

    private static string Header(int number, int severity, int state, string server, string? procedure, int line) =>
        string.Create(CultureInfo.InvariantCulture, $"Msg {number}, Level {severity}, State {state}, Server {server}, ")
            + (procedure is { Length: > 0 } ? $"Procedure {procedure}, " : string.Empty)
            + string.Create(CultureInfo.InvariantCulture, $"Line {line}");

    private void WriteHeader()
    {
        var names = new StringBuilder();
        var dashes = new StringBuilder();
        for (var c = 0; c < _columns!.Count; c++)
        {
            if (c > 0)
            {
                names.Append(_options.ColumnSeparator);
                dashes.Append(_options.ColumnSeparator);
            }

            var name = _columns[c].Name;
            if (_options.TrimSpaces)
            {
                names.Append(name);
                dashes.Append('-', Math.Max(1, name.Length));
            }
            else
            {
                var width = _widths[c];
                names.Append(Cell(name, width, rightJustified: false));
                dashes.Append('-', width);
            }
        }

        WriteLine(names.ToString());
        WriteLine(dashes.ToString());
    }

    private string Cell(string value, int width, bool rightJustified)
    {
        if (width > 0 && value.Length > width)
        {
            return value[..width];
        }

        if (_options.TrimSpaces || width <= 0)
        {
            return value;
        }

        return rightJustified ? value.PadLeft(width) : value.PadRight(width);
    }

    private void WriteLine(string line)
    {
        if (_options.TrimSpaces)
        {
            line = line.TrimEnd(' ');
        }

        Write(Out, line);
    }

    /// <summary>
    /// Writes text, wrapped at the screen width (-w) as sqlcmd does. Text of several lines (an echoed batch,
    /// a multi-line message) wraps line by line: a line's width counts from its own start, not the text's.
    /// </summary>
    private void Write(TextWriter writer, string text)
    {
        var width = _options.ScreenWidth;
        if (width <= 0 || text.Length <= width)
        {
            writer.WriteLine(text);
            return;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                writer.WriteLine();
            }

            for (var start = 0; start < line.Length; start += width)
            {
                writer.WriteLine(line.AsSpan(start, Math.Min(width, line.Length - start)));
            }
        }
    }
}
