namespace PredictEngine.Benchmarks;

/// <summary>
/// Finds the repository's assets from the running binaries. BenchmarkDotNet runs each case in a child
/// process built under this project's bin folder, so walking up to PredictEngine.sln works from both.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Model(string file) => Path.Combine(Root, "tests", "models", file);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PredictEngine.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find PredictEngine.sln above the benchmark binaries.");
    }
}
