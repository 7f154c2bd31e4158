using System.Text.RegularExpressions;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>What one step of a batch is: SQL for the storage engine, or a T-SQL session statement.</summary>
public enum BatchStepKind
{
    /// <summary>Statements passed to the storage engine unchanged.</summary>
    Sql,

    /// <summary>A session option we accept and ignore (SET ANSI_NULLS ON, SET TEXTSIZE n...).</summary>
    Ignored,

    BeginTransaction,
    CommitTransaction,
    RollbackTransaction,

    /// <summary>SET FMTONLY ON|OFF (<see cref="BatchStep.Text"/>): result sets describe their columns and carry no rows.</summary>
    FormatOnly,

    /// <summary>USE db; <see cref="BatchStep.Text"/> is the database name.</summary>
    Use,

    /// <summary>PRINT of a string literal; <see cref="BatchStep.Text"/> is the message, unescaped.</summary>
    Print,

    /// <summary>A session statement we recognise but cannot honour; <see cref="BatchStep.Text"/> says why.</summary>
    Unsupported,
}

/// <summary>One step of a batch; <see cref="Text"/> is the SQL, the database name or the refusal.</summary>
public readonly record struct BatchStep(BatchStepKind Kind, string Text);

/// <summary>
/// Peels the T-SQL session statements that clients send on their own (pymssql on connect: a SET
/// batch, <c>use [db]</c>, <c>BEGIN TRAN</c>; tedious: a SET batch; FreeTDS: <c>SET TEXTSIZE</c>) out
/// of a batch, so the storage engine, which speaks another dialect, only sees the rest. freebcp's
/// <c>SET FMTONLY ON select * from t SET FMTONLY OFF</c> (the table's columns) is handled too.
/// <para>
/// A session statement is recognised where a statement starts: at the start of the batch, after a
/// top-level semicolon, or right after another session statement (so newline-separated SET lists
/// work); the SET forms also after whitespace anywhere outside quotes and comments. Everything
/// between them goes to storage verbatim, a batch without session statements as one step. The scan
/// knows '...' and "..." quoting and -- and /* */ comments, not DuckDB's $$ strings or E'...'
/// backslash escapes.
/// </para>
/// <para>
/// Accepted and ignored, because they change nothing this engine does or only fine points of it:
/// SET of the ANSI/connection options below (ON or OFF), TEXTSIZE, LOCK_TIMEOUT, DEADLOCK_PRIORITY,
/// TRANSACTION ISOLATION LEVEL, and the defaults DATEFIRST 7, DATEFORMAT mdy, LANGUAGE us_english.
/// SET IMPLICIT_TRANSACTIONS ON is refused: silently ignoring it would leave changes uncommitted
/// that the client believes are held in a transaction. Transaction names are accepted and ignored.
/// </para>
/// </summary>
public static partial class SessionStatements
{
    private const string End = @"(?=\s|;|--|/\*|$)";
    private const string Name = @"(?:@?[A-Za-z_#][\w@#$]*)";

    // Words that start a statement: never taken for a transaction name ("BEGIN TRAN\nINSERT ...").
    private const string NotKeyword = @"(?!(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|COMMIT|ROLLBACK|SET|USE|BEGIN|EXEC|EXECUTE|DECLARE|IF|PRINT|TRUNCATE|MERGE|VALUES|FROM)\b)";

    private const string OnOffOption = "(?:ANSI_DEFAULTS|ANSI_NULL_DFLT_OFF|ANSI_NULL_DFLT_ON|ANSI_NULLS|ANSI_PADDING|ANSI_WARNINGS"
        + "|ARITHABORT|ARITHIGNORE|CONCAT_NULL_YIELDS_NULL|CURSOR_CLOSE_ON_COMMIT|IMPLICIT_TRANSACTIONS|NOCOUNT"
        + @"|NO_BROWSETABLE|NUMERIC_ROUNDABORT|QUOTED_IDENTIFIER|XACT_ABORT)\b";

    /// <summary>Splits <paramref name="batch"/> into steps, in order.</summary>
    public static IReadOnlyList<BatchStep> Split(string batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var steps = new List<BatchStep>();
        var sqlStart = 0;
        var at = 0;
        while (at < batch.Length)
        {
            var start = SkipTrivia(batch, at);
            if (start >= batch.Length)
            {
                break;
            }

            if (batch[start] == ';')
            {
                at = start + 1;
                continue;
            }

            if (Recognise(batch, start) is { } session)
            {
                AddSql(steps, batch, sqlStart, start);
                steps.Add(session.Step);
                at = sqlStart = start + session.Length;
                if (SkipTrivia(batch, at) is var next && next < batch.Length && batch[next] == ';')
                {
                    at = sqlStart = next + 1; // its terminator: storage need not see an empty statement
                }

                continue;
            }

            at = EndOfStatement(batch, start);
        }

        AddSql(steps, batch, sqlStart, batch.Length);
        return steps;
    }

    /// <summary>The session statement at <paramref name="at"/>, where a statement starts.</summary>
    private static (BatchStep Step, int Length)? Recognise(string batch, int at)
    {
        if (RecogniseSet(batch, at) is { } set)
        {
            return set;
        }

        Match match;

        // A bare BEGIN opens a T-SQL block, not a transaction.
        if ((match = Transaction().Match(batch, at)).Success
            && (match.Groups["tran"].Success || !match.Groups["verb"].Value.Equals("BEGIN", StringComparison.OrdinalIgnoreCase)))
        {
            var kind = match.Groups["verb"].Value.ToUpperInvariant() switch
            {
                "BEGIN" => BatchStepKind.BeginTransaction,
                "COMMIT" => BatchStepKind.CommitTransaction,
                _ => BatchStepKind.RollbackTransaction,
            };
            return (new BatchStep(kind, match.Value), match.Length);
        }

        if ((match = Use().Match(batch, at)).Success)
        {
            return (new BatchStep(BatchStepKind.Use, match.Groups["db"].Value), match.Length);
        }

        if ((match = Print().Match(batch, at)).Success)
        {
            return (new BatchStep(BatchStepKind.Print, match.Groups["text"].Value.Replace("''", "'", StringComparison.Ordinal)), match.Length);
        }

        return null;
    }

    /// <summary>
    /// A SET session statement at <paramref name="at"/>. These are recognised even in the middle of a
    /// statement's text (freebcp sends <c>SET FMTONLY ON select * from t SET FMTONLY OFF</c>): no
    /// storage statement contains SET, one of these option names and a bare value.
    /// </summary>
    private static (BatchStep Step, int Length)? RecogniseSet(string batch, int at)
    {
        Match match;
        if ((match = SetOnOff().Match(batch, at)).Success)
        {
            var refused = match.Groups["value"].Value.Equals("ON", StringComparison.OrdinalIgnoreCase)
                && match.Groups["options"].Value.Contains("IMPLICIT_TRANSACTIONS", StringComparison.OrdinalIgnoreCase);
            return (refused
                ? new BatchStep(BatchStepKind.Unsupported, "SET IMPLICIT_TRANSACTIONS ON is not supported: use BEGIN TRAN and COMMIT TRAN.")
                : new BatchStep(BatchStepKind.Ignored, match.Value), match.Length);
        }

        if ((match = SetValue().Match(batch, at)).Success)
        {
            return (new BatchStep(BatchStepKind.Ignored, match.Value), match.Length);
        }

        if ((match = FormatOnly().Match(batch, at)).Success)
        {
            return (new BatchStep(BatchStepKind.FormatOnly, match.Groups["value"].Value.ToUpperInvariant()), match.Length);
        }

        return null;
    }

    private static void AddSql(List<BatchStep> steps, string batch, int from, int to)
    {
        // Only whitespace, comments and semicolons: nothing for storage to run.
        var at = from;
        while ((at = SkipTrivia(batch, at)) < to && batch[at] == ';')
        {
            at++;
        }

        if (at < to)
        {
            steps.Add(new BatchStep(BatchStepKind.Sql, batch[from..to]));
        }
    }

    /// <summary>The first position at or after <paramref name="at"/> that is not whitespace or a comment.</summary>
    private static int SkipTrivia(string text, int at)
    {
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
            }
            else if (text.AsSpan(at).StartsWith("--"))
            {
                var newline = text.IndexOf('\n', at);
                at = newline < 0 ? text.Length : newline + 1;
            }
            else if (text.AsSpan(at).StartsWith("/*"))
            {
                var close = text.IndexOf("*/", at + 2, StringComparison.Ordinal);
                at = close < 0 ? text.Length : close + 2;
            }
            else
            {
                break;
            }
        }

        return at;
    }

    /// <summary>
    /// Where the statement starting at <paramref name="start"/> ends: after its semicolon (outside
    /// quotes and comments), where a SET session statement begins, or at the end of the text.
    /// </summary>
    private static int EndOfStatement(string text, int start)
    {
        var at = start + 1;
        while (at < text.Length)
        {
            var c = text[at];
            if (c == ';')
            {
                return at + 1;
            }

            if (c is '\'' or '"')
            {
                // A doubled quote inside is an escaped quote: the scan simply closes and reopens.
                var close = text.IndexOf(c, at + 1);
                at = close < 0 ? text.Length : close + 1;
            }
            else if (text.AsSpan(at).StartsWith("--") || text.AsSpan(at).StartsWith("/*"))
            {
                at = SkipTrivia(text, at);
            }
            else if (c is 'S' or 's' && char.IsWhiteSpace(text[at - 1]) && RecogniseSet(text, at) is not null)
            {
                return at;
            }
            else
            {
                at++;
            }
        }

        return text.Length;
    }

    [GeneratedRegex(@"\GSET\s+(?<options>" + OnOffOption + @"(?:\s*,\s*" + OnOffOption + @")*)\s+(?<value>ON|OFF)" + End, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SetOnOff();

    [GeneratedRegex(@"\GSET\s+(?:TEXTSIZE\s+[+-]?\d+|LOCK_TIMEOUT\s+[+-]?\d+|DEADLOCK_PRIORITY\s+(?:LOW|NORMAL|HIGH|[+-]?\d+)"
        + @"|TRANSACTION\s+ISOLATION\s+LEVEL\s+(?:READ\s+UNCOMMITTED|READ\s+COMMITTED|REPEATABLE\s+READ|SNAPSHOT|SERIALIZABLE)"
        + @"|DATEFIRST\s+7|DATEFORMAT\s+mdy|LANGUAGE\s+(?:us_english|\[us_english\]|N?'us_english'))" + End, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SetValue();

    [GeneratedRegex(@"\GSET\s+FMTONLY\s+(?<value>ON|OFF)" + End, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormatOnly();

    [GeneratedRegex(@"\G(?<verb>BEGIN|COMMIT|ROLLBACK)(?:\s+(?<tran>TRAN(?:SACTION)?)\b(?:[ \t]+" + NotKeyword + Name + @")?|\s+WORK\b)?" + End, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Transaction();

    // PRINT 'text' or PRINT N'text': other PRINT expressions need the T-SQL front end.
    [GeneratedRegex(@"\GPRINT\s+N?'(?<text>(?:[^']|'')*)'" + End, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Print();

    [GeneratedRegex(@"\GUSE\s+(?:\[(?<db>[^\]]+)\]|""(?<db>[^""]+)""|(?<db>" + Name + "))" + End, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Use();
}
