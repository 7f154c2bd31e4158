using System.Globalization;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// The sqlcmd command line. Parsed by hand rather than with System.CommandLine because sqlcmd's switches
/// are case-sensitive single letters that clash with its conventions (<c>-h</c> is the header interval,
/// not help; <c>-h -1</c> takes a negative value; <c>-v</c> takes several values).
/// </summary>
public sealed class SqlcmdOptions
{
    public string? Server { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? Database { get; set; }

    public List<string> InputFiles { get; } = [];

    public string? OutputFile { get; set; }

    /// <summary>-Q: run and exit.</summary>
    public string? ExitQuery { get; set; }

    /// <summary>-q: run, then read standard input.</summary>
    public string? InitialQuery { get; set; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool ExitOnError { get; set; }

    /// <summary>-h: rows between headers; -1 prints none, 0 (the default) prints one per result set.</summary>
    public int HeaderInterval { get; set; }

    public string ColumnSeparator { get; set; } = " ";

    public bool TrimSpaces { get; set; }

    public int ScreenWidth { get; set; }

    public bool Echo { get; set; }

    public bool TrustServerCertificate { get; set; }

    public bool Encrypt { get; set; }

    public int LoginTimeout { get; set; } = 8;

    public int QueryTimeout { get; set; }

    /// <summary>-V: errors below this severity do not count for -b.</summary>
    public int ErrorSeverityLevel { get; set; } = 11;

    /// <summary>-m: errors below this severity are not printed.</summary>
    public int ErrorLevel { get; set; }

    /// <summary>-r: 0 sends errors (severity ≥ 11) to stderr, 1 sends every message there; null keeps them on stdout.</summary>
    public int? RedirectErrors { get; set; }

    /// <summary>-y: display width of the (max) types; 0 is unlimited.</summary>
    public int VariableWidth { get; set; } = 256;

    /// <summary>-Y: display width of the fixed-length character types; 0 keeps the declared length.</summary>
    public int FixedWidth { get; set; }

    public string DataDirectory { get; set; } = "./data";

    /// <summary>Parses sqlcmd's switches; a bad one throws <see cref="SqlcmdException"/> with sqlcmd's wording.</summary>
    public static SqlcmdOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SqlcmdOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--data")
            {
                options.DataDirectory = Value(args, ref i, arg);
                continue;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                throw new SqlcmdException($"Unexpected argument. Argument '{arg}' is not a sqlcmd switch.");
            }

            var name = arg[1];

            // sqlcmd accepts a switch's value glued to it (-Stcp:host,1433) as well as separate.
            string Next() => arg.Length > 2 ? arg[2..] : Value(args, ref i, arg);
            switch (name)
            {
                case 'S': options.Server = Next(); break;
                case 'U': options.User = Next(); break;
                case 'P': options.Password = Next(); break;
                case 'd': options.Database = Next(); break;
                case 'i': options.InputFiles.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case 'o': options.OutputFile = Next(); break;
                case 'Q': options.ExitQuery = Next(); break;
                case 'q': options.InitialQuery = Next(); break;
                case 'v':
                    AddVariable(options, Next());
                    while (i + 1 < args.Count && !args[i + 1].StartsWith('-') && args[i + 1].Contains('=', StringComparison.Ordinal))
                    {
                        AddVariable(options, args[++i]);
                    }

                    break;
                case 'b': options.ExitOnError = true; break;
                case 'h': options.HeaderInterval = Number(Next(), "-h", -1, int.MaxValue); break;
                case 's': options.ColumnSeparator = Next(); break;
                case 'W': options.TrimSpaces = true; break;
                case 'w': options.ScreenWidth = Number(Next(), "-w", 9, 65535); break;
                case 'e': options.Echo = true; break;
                case 'C': options.TrustServerCertificate = true; break;
                case 'N': options.Encrypt = true; break;
                case 'l': options.LoginTimeout = Number(Next(), "-l", 0, 65534); break;
                case 't': options.QueryTimeout = Number(Next(), "-t", 0, 65534); break;
                case 'V': options.ErrorSeverityLevel = Number(Next(), "-V", 1, 25); break;
                case 'm': options.ErrorLevel = Number(Next(), "-m", -1, 25); break;
                case 'r': options.RedirectErrors = arg.Length > 2 ? Number(arg[2..], "-r", 0, 1) : 0; break;
                case 'y': options.VariableWidth = Number(Next(), "-y", 0, 8000); break;
                case 'Y': options.FixedWidth = Number(Next(), "-Y", 0, 8000); break;
                default: throw new SqlcmdException($"Unknown Option. Enter '-?' for help.");
            }
        }

        if (options.ExitQuery is not null && options.InitialQuery is not null)
        {
            throw new SqlcmdException("The -Q and the -q options are mutually exclusive.");
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name) =>
        i + 1 < args.Count ? args[++i] : throw new SqlcmdException($"'{name}': Missing argument. Enter '-?' for help.");

    private static int Number(string text, string name, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SqlcmdException($"'{name} {text}': value must be greater than or equal to {min} and less than or equal to {max}.");

    private static void AddVariable(SqlcmdOptions options, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new SqlcmdException($"'-v {assignment}': Invalid argument. Enter '-?' for help.");
        }

        var value = assignment[(equals + 1)..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        options.Variables[assignment[..equals].Trim()] = value;
    }
}

/// <summary>A sqlcmd-level error (not the server's): printed as "Sqlcmd: Error: ..." and fatal to the run.</summary>
public sealed class SqlcmdException : Exception
{
    public SqlcmdException(string message)
        : base(message)
    {
    }

    public SqlcmdException()
    {
    }

    public SqlcmdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
