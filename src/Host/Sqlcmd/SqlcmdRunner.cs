using System.Text;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Host.Sqlcmd;

/// <summary>
/// <c>predict sqlcmd</c>: runs sqlcmd scripts, queries or standard input against the embedded engine
/// (no -S) or a server over TDS (-S). Callable in-process: tests hand in writers and an environment.
/// </summary>
public static class SqlcmdRunner
{
    public const string DefaultDatabase = "predict";

    /// <summary>Runs sqlcmd with <paramref name="args"/> (the switches after <c>sqlcmd</c>); returns the exit code.</summary>
    public static int Run(
        IReadOnlyList<string> args,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        Func<string, string?>? environment = null,
        bool interactive = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        environment ??= Environment.GetEnvironmentVariable;
        if (args.Any(a => a is "-?" or "--help"))
        {
            stdout.Write(Usage);
            return 0;
        }

        SqlcmdOptions options;
        try
        {
            options = SqlcmdOptions.Parse(args);
        }
        catch (SqlcmdException e)
        {
            stderr.WriteLine("Sqlcmd: Error: " + e.Message);
            return 1;
        }

        options.Password ??= environment("SQLCMDPASSWORD");
        TextWriter? file = null;
        var console = stdout;
        try
        {
            if (options.OutputFile is not null)
            {
                file = new StreamWriter(options.OutputFile, append: false, new UTF8Encoding(false));
                stdout = file;
            }

            return Run(options, stdin, stdout, stderr, environment, interactive);
        }
        catch (SqlcmdException e)
        {
            stderr.WriteLine("Sqlcmd: Error: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"Sqlcmd: Error: Error occurred while opening or operating on file {options.OutputFile} (Reason: {e.Message}).");
            return 1;
        }
        finally
        {
            file?.Dispose();
            console.Flush();
            stderr.Flush();
        }
    }

    private static int Run(SqlcmdOptions options, TextReader stdin, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, bool interactive)
    {
        using var target = Connect(options);
        var output = new SqlcmdOutput(options, stdout, stderr);
        var processor = new ScriptProcessor(options, target, output, environment, stdout, stderr);
        try
        {
            if (options.ExitQuery is not null)
            {
                processor.RunQuery(options.ExitQuery);
                return processor.ExitCode ?? 0;
            }

            if (options.InitialQuery is not null)
            {
                processor.RunQuery(options.InitialQuery);
            }

            foreach (var path in options.InputFiles)
            {
                if (processor.ExitCode is not null)
                {
                    break;
                }

                RunFile(processor, path);
            }

            if (options.InputFiles.Count == 0 && processor.ExitCode is null)
            {
                var line = 0;
                processor.Run(stdin, null, interactive ? () => stdout.Write($"{++line}> ") : null);
                processor.Finish();
            }

            return processor.ExitCode ?? 0;
        }
        finally
        {
            output.Flush();
            processor.CloseFiles();
        }
    }

    private static void RunFile(ScriptProcessor processor, string path)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SqlcmdException($"Error occurred while opening or operating on file {path} (Reason: {e.Message}).");
        }

        using (reader)
        {
            processor.Run(reader, path);
        }

        processor.Finish();
    }

    private static ISqlcmdTarget Connect(SqlcmdOptions options)
    {
        if (options.Server is not null)
        {
            return new ClientTarget(options);
        }

        try
        {
            return new EmbeddedTarget(options.DataDirectory, options.Database ?? DefaultDatabase);
        }
        catch (EngineException e)
        {
            throw new SqlcmdException(e.Message);
        }
    }

    private const string Usage = """
        usage: predict sqlcmd [-S [tcp:]host[,port]] [-U login] [-P password] [-d database]
                              [-i file[,file...]] [-o file] [-Q "query" | -q "query"] [-v name=value ...]
                              [-b] [-V severity] [-m level] [-r[0|1]] [-h rows] [-s sep] [-W] [-w width]
                              [-y width] [-Y width] [-e] [-C] [-N] [-l seconds] [-t seconds] [--data DIR]
          Without -S, runs against the embedded engine in --data (default ./data).
          The password may also come from SQLCMDPASSWORD.

        """;
}
