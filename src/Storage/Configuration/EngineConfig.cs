using System.Text.Json;
using System.Text.Json.Serialization;

namespace PredictEngine.Storage.Configuration;

/// <summary>
/// Engine settings from <c>predict.json</c> (in the data directory, or the file named by
/// PREDICT_CONFIG). Every key is optional; environment variables (PREDICT_ORT_LIBRARY,
/// PREDICT_DUCKDB_LIBRARY) override the library paths.
/// </summary>
public sealed record EngineConfig
{
    public const string FileName = "predict.json";
    public const string ConfigEnvironmentVariable = "PREDICT_CONFIG";

    /// <summary>Path of an ONNX Runtime library to use instead of the pinned CPU build (e.g. a CUDA build).</summary>
    public string? OrtLibrary { get; init; }

    public string? DuckDbLibrary { get; init; }

    /// <summary>cpu, cuda, tensorrt or auto.</summary>
    public string ExecutionProvider { get; init; } = "auto";

    public int IntraOpThreads { get; init; }

    public int InterOpThreads { get; init; }

    /// <summary>Rows per scoring batch.</summary>
    public int BatchRows { get; init; } = 65536;

    /// <summary>Batches scored at once; 0 means one per core.</summary>
    public int ScoringWorkers { get; init; }

    /// <summary>The TDS server's settings (<c>"server": { ... }</c>).</summary>
    public ServerConfig Server { get; init; } = new();

    /// <summary>
    /// Directories sp_register_model @path may read from (absolute, or relative to the data directory). Null:
    /// the data directory's models/ folder plus the working directory's examples/ and tests/models/.
    /// </summary>
    public IReadOnlyList<string>? ModelDirectories { get; init; }

    /// <summary>Logins besides sa that may run sp_register_model and sp_drop_model.</summary>
    public IReadOnlyList<string> ModelAdministrators { get; init; } = [];

    /// <summary>Server-side file access (<c>"files": { ... }</c>): what BULK INSERT, OPENROWSET(BULK ...) and model paths may read.</summary>
    public FilesConfig Files { get; init; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads the config for <paramref name="dataDirectory"/>; defaults when there is no file.</summary>
    public static EngineConfig Load(string dataDirectory)
    {
        var file = Environment.GetEnvironmentVariable(ConfigEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(file))
        {
            file = Path.Combine(dataDirectory, FileName);
            if (!File.Exists(file))
            {
                return new EngineConfig();
            }
        }

        try
        {
            return JsonSerializer.Deserialize<EngineConfig>(File.ReadAllText(file), Json) ?? new EngineConfig();
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new Errors.EngineException(Errors.ErrorNumbers.InternalError, 16, 1, $"Cannot read the configuration file '{file}': {e.Message}", e);
        }
    }

    [JsonIgnore]
    public int EffectiveWorkers => ScoringWorkers > 0 ? ScoringWorkers : Environment.ProcessorCount;
}

/// <summary>The <c>server</c> section of predict.json: what <c>predict serve</c> does beyond its command-line options.</summary>
public sealed record ServerConfig
{
    /// <summary>The sa password when PREDICT_SA_PASSWORD is not set (keep the file private).</summary>
    public string? SaPassword { get; init; }

    /// <summary>A PFX certificate for TLS; without one a self-signed certificate is generated into the data directory.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    public bool RequireEncryption { get; init; }

    public int MaxConnections { get; init; } = 1000;

    public int MaxPacketSize { get; init; } = 32767;

    public int MaxRequestBytes { get; init; } = 64 * 1024 * 1024;

    public int LoginTimeoutSeconds { get; init; } = 30;

    /// <summary>Closes sessions idle this long; 0 never does.</summary>
    public int IdleTimeoutSeconds { get; init; }
}

/// <summary>The <c>files</c> section of predict.json.</summary>
public sealed record FilesConfig
{
    /// <summary>
    /// Directories whose files (and subdirectories) the server may read. Null means the defaults: the data
    /// directory and the process's current directory. Relative entries are taken from the current directory.
    /// </summary>
    public IReadOnlyList<string>? AllowedDirectories { get; init; }
}
