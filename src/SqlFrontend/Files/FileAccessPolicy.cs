using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Files;

/// <summary>
/// Which server-side files a statement may read (BULK INSERT, OPENROWSET(BULK ...), model paths). A client can
/// name any path, so the server only opens files under directories the operator listed in
/// <c>files.allowedDirectories</c> of predict.json; both sides are compared after resolving <c>..</c> and
/// symbolic links, so neither a relative path nor a link can step outside.
/// </summary>
public sealed class FileAccessPolicy
{
    /// <summary>The configuration key that widens the policy; refusals name it so the operator knows what to change.</summary>
    public const string ConfigurationKey = "files.allowedDirectories";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string[] _allowed;

    public FileAccessPolicy(IEnumerable<string> allowedDirectories)
    {
        ArgumentNullException.ThrowIfNull(allowedDirectories);
        _allowed = [.. allowedDirectories
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(d => WithSeparator(RealPath(Path.GetFullPath(d))))
            .Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)];
    }

    /// <summary>The directories files may be read from, fully resolved, each ending in a separator.</summary>
    public IReadOnlyList<string> AllowedDirectories => _allowed;

    /// <summary>
    /// The policy predict.json describes: <see cref="FilesConfig.AllowedDirectories"/> when set, else the data
    /// directory and the process's current directory. Relative entries are taken from the current directory.
    /// </summary>
    public static FileAccessPolicy FromConfig(FilesConfig? config, string dataDirectory)
    {
        var configured = config?.AllowedDirectories;
        return configured is not null
            ? new FileAccessPolicy(configured)
            : new FileAccessPolicy([dataDirectory, Directory.GetCurrentDirectory()]);
    }

    /// <summary>
    /// The full, link-free path of an existing file the policy allows. Throws Msg 4861 with operating system
    /// error 5 when the file lies outside the allowed directories (whether or not it exists, so a refusal
    /// reveals nothing), 3 when its directory does not exist and 2 when the file does not.
    /// </summary>
    public string Resolve(string path, int line)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw OpenError(path, 3, "The system cannot find the path specified.", null, line);
        }

        string full;
        try
        {
            full = RealPath(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException or UnauthorizedAccessException)
        {
            throw OpenError(path, 3, "The system cannot find the path specified.", null, line);
        }

        if (!IsAllowed(full))
        {
            throw OpenError(
                path,
                5,
                "Access is denied.",
                $" The file is outside the directories the server may read; add its directory to \"{ConfigurationKey}\" in {EngineConfig.FileName}.",
                line);
        }

        if (File.Exists(full))
        {
            return full;
        }

        if (Directory.Exists(full))
        {
            // Opening a directory as a data file is what Windows reports as access denied.
            throw OpenError(path, 5, "Access is denied.", " The path is a directory, not a file.", line);
        }

        var parent = Path.GetDirectoryName(full);
        return parent is not null && !Directory.Exists(parent)
            ? throw OpenError(path, 3, "The system cannot find the path specified.", null, line)
            : throw OpenError(path, 2, "The system cannot find the file specified.", null, line);
    }

    /// <summary>True when <paramref name="fullPath"/> (already resolved) lies under an allowed directory.</summary>
    private bool IsAllowed(string fullPath)
    {
        var withSeparator = WithSeparator(fullPath);
        return _allowed.Any(d => withSeparator.StartsWith(d, PathComparison));
    }

    private static EngineException OpenError(string path, int code, string text, string? detail, int line) =>
        new(ErrorNumbers.BulkLoadFileOpen, 16, 1, $"Cannot bulk load because the file \"{path}\" could not be opened. Operating system error code {code}({text}).{detail}")
        {
            Line = line,
        };

    private static string WithSeparator(string path) =>
        Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;

    /// <summary>
    /// Resolves every symbolic link along an absolute, normalised path, component by component (a link to a
    /// directory in the middle of the path counts as much as one at the end). Components that do not exist are
    /// kept as written: the caller reports them as missing.
    /// </summary>
    internal static string RealPath(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var pending = new Stack<string>(fullPath[root.Length..]
            .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)
            .Reverse());
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current.TrimEnd(Path.DirectorySeparatorChar)) is { } up && up.Length >= root.Length ? up : root;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                // Bound the walk: a cycle of links must fail like the OS does (ELOOP), not spin.
                if (++hops > 40)
                {
                    throw new IOException($"Too many levels of symbolic links in '{fullPath}'.");
                }

                var targetFull = Path.GetFullPath(target, current);
                var targetRoot = Path.GetPathRoot(targetFull) ?? string.Empty;
                foreach (var segment in targetFull[targetRoot.Length..]
                    .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)
                    .Reverse())
                {
                    pending.Push(segment);
                }

                current = targetRoot;
                continue;
            }

            current = next;
        }

        return current;
    }
}
