using System.Text;
using System.Text.RegularExpressions;
using PredictEngine.Host.Sqlcmd;
using Xunit;

namespace PredictEngine.Tests.Sqlcmd;

/// <summary>
/// One tests/sqlcmd fixture: its switches (first line), how it is fed, and the normalized output the
/// runner printed, compared with NAME.out (see tests/sqlcmd/README.md).
/// </summary>
internal static partial class SqlcmdScript
{
    public const string UpdateVariable = "PREDICT_UPDATE_EXPECTED";
    public const string EnvironmentVariableValue = "from the environment";

    public static string Directory { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "sqlcmd");

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.sql").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        return names;
    }

    /// <summary>Runs the fixture in-process with <paramref name="extraArgs"/> (the mode's switches) and returns its normalized transcript.</summary>
    public static string Run(string name, IEnumerable<string> extraArgs, IReadOnlyDictionary<string, string> environment)
    {
        var script = Path.Combine(Directory, name + ".sql");
        var scratch = System.IO.Directory.CreateTempSubdirectory("predict-sqlcmd-").FullName;
        try
        {
            var header = File.ReadLines(script).First();
            Assert.StartsWith("-- sqlcmd: ", header, StringComparison.Ordinal);
            var template = header["-- sqlcmd: ".Length..];
            var args = Split(template)
                .Select(a => a.Replace("{script}", script, StringComparison.Ordinal)
                    .Replace("{dir}", Directory, StringComparison.Ordinal)
                    .Replace("{tmp}", scratch, StringComparison.Ordinal))
                .Concat(extraArgs.Select(a => a.Replace("{tmp}", scratch, StringComparison.Ordinal)))
                .ToList();
            var stdin = template.Contains("{script}", StringComparison.Ordinal) ? string.Empty : File.ReadAllText(script);
            var output = new StringWriter { NewLine = "\n" };
            var exit = SqlcmdRunner.Run(args, new StringReader(stdin), output, output, v => environment.GetValueOrDefault(v));
            var transcript = new StringBuilder(output.ToString()).Append("[exit ").Append(exit).Append("]\n");
            foreach (var file in System.IO.Directory.GetFiles(scratch).Order(StringComparer.Ordinal))
            {
                transcript.Append("--- ").Append(Path.GetFileName(file)).Append('\n').Append(File.ReadAllText(file));
            }

            return Normalize(transcript.ToString(), scratch);
        }
        finally
        {
            System.IO.Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Compares with NAME.out, or rewrites it when PREDICT_UPDATE_EXPECTED=1.</summary>
    public static void Check(string name, string actual, bool mayUpdate)
    {
        var expectedPath = Path.Combine(Directory, name + ".out");
        if (mayUpdate && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing: run with {UpdateVariable}=1 to create it.");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    private static string Normalize(string text, string scratch) =>
        ServerName().Replace(text.Replace(scratch, "{tmp}", StringComparison.Ordinal).Replace(Directory, "{dir}", StringComparison.Ordinal), "Server *, ${next} ");

    /// <summary>Splits switches as a shell would: whitespace separates, double quotes group.</summary>
    private static List<string> Split(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    args.Add(current.ToString());
                }

                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            args.Add(current.ToString());
        }

        return args;
    }

    [GeneratedRegex(@"Server [^\n]*?, (?<next>Procedure|Line) ")]
    private static partial Regex ServerName();
}
