using System.Runtime.CompilerServices;
using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.SqlFrontend.Execution.Tsql;
using PredictEngine.SqlFrontend.Files;
using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage;
using PredictEngine.Storage.Configuration;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// What every session on one database shares: the model session cache (an ONNX session is loaded once per
/// model and process), the model catalog, the file-access policy and the system procedures. Hosts that read
/// predict.json configure it once with <see cref="Configure"/>; a database nobody configured gets the
/// defaults (data directory unknown: files and models are read from the working directory's allowed folders).
/// </summary>
public sealed class EngineServices
{
    private static readonly ConditionalWeakTable<EmbeddedDatabase, EngineServices> ByDatabase = new();
    private static readonly Lock Gate = new();

    private bool _restored;

    private EngineServices(EmbeddedDatabase database, EngineConfig config, string? dataDirectory)
    {
        Database = database;
        Config = config;
        Settings = new SessionSettings
        {
            Provider = SessionSettings.ParseProvider(config.ExecutionProvider),
            IntraOpThreads = config.IntraOpThreads,
            InterOpThreads = config.InterOpThreads,
        };
        Models = new ModelSessionCache(Settings);
        Catalog = new ModelCatalog(database, Models);
        FileAccess = FileAccessPolicy.FromConfig(config.Files, dataDirectory ?? Directory.GetCurrentDirectory());
        Procedures = new ProcedureRegistry(Metadata.SystemProcedures.All);
        foreach (var procedure in ModelProcedures.All(Catalog, ModelProcedureOptions.From(config, dataDirectory)))
        {
            Procedures.Add(procedure);
        }
    }

    public EmbeddedDatabase Database { get; }

    public EngineConfig Config { get; }

    public SessionSettings Settings { get; }

    public ModelSessionCache Models { get; }

    public ModelCatalog Catalog { get; }

    public FileAccessPolicy FileAccess { get; }

    public ProcedureRegistry Procedures { get; }

    /// <summary>
    /// Registers the PREDICT functions that views in this database use, once per process: DuckDB keeps
    /// scalar functions in memory only, so a view over PREDICT created by an earlier process needs them back.
    /// </summary>
    public void RestorePredictFunctions(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (Gate)
        {
            if (_restored)
            {
                return;
            }

            _restored = true;
        }

        Predict.PredictFunctions.Restore(connection, Models, Catalog, Settings);
    }

    /// <summary>Sets the configuration of <paramref name="database"/>'s sessions; call before the first session opens.</summary>
    public static EngineServices Configure(EmbeddedDatabase database, EngineConfig config, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(config);
        lock (Gate)
        {
            var services = new EngineServices(database, config, dataDirectory);
            ByDatabase.AddOrUpdate(database, services);
            return services;
        }
    }

    /// <summary>The services of <paramref name="database"/>, with the defaults when no host configured it.</summary>
    public static EngineServices For(EmbeddedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        lock (Gate)
        {
            if (!ByDatabase.TryGetValue(database, out var services))
            {
                services = new EngineServices(database, new EngineConfig(), database.Path is { } file ? Path.GetDirectoryName(file) : null);
                ByDatabase.Add(database, services);
            }

            return services;
        }
    }
}
