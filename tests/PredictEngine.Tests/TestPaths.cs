namespace PredictEngine.Tests;

/// <summary>Locates the repository's test assets from the test binaries' folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Models => Path.Combine(RepoRoot, "tests", "models");

    public static string Model(string file) => Path.Combine(Models, file);

    /// <summary>Debian's libonnx-testdata node tests (installed by .ci/run).</summary>
    public const string OnnxNodeTests = "/usr/share/libonnx-testdata/data/node";

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PredictEngine.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find PredictEngine.sln above the test binaries.");
    }
}
