namespace PredictEngine.Storage.Configuration;

/// <summary>
/// Where the native engines are loaded from: an environment variable wins, then a configured path,
/// then the copy the build placed beside the binaries (pinned by native/package-lock.json).
/// </summary>
public static class NativeLibraryLocator
{
    public const string OrtEnvironmentVariable = "PREDICT_ORT_LIBRARY";
    public const string DuckDbEnvironmentVariable = "PREDICT_DUCKDB_LIBRARY";
    public const string OrtDefaultFileName = "libonnxruntime.so.1";
    public const string DuckDbDefaultFileName = "libduckdb.so";

    public static string Resolve(string environmentVariable, string? configured, string defaultFileName)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return Path.Combine(AppContext.BaseDirectory, defaultFileName);
    }

    public static string DuckDb(string? configured = null) => Resolve(DuckDbEnvironmentVariable, configured, DuckDbDefaultFileName);

    public static string Ort(string? configured = null) => Resolve(OrtEnvironmentVariable, configured, OrtDefaultFileName);
}
