using System.Text.Json;
using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;

namespace PredictEngine.SqlFrontend.Predict;

/// <summary>
/// The PREDICT functions registered in DuckDB. A function's name is derived from the model's SHA-256 and
/// its spec (input columns and types, WITH columns and types, input map, NULL policy), so the same PREDICT
/// always calls the same function and a view created over it names a function that <see cref="Restore"/>
/// can re-create in a new process. Each registration is recorded in ml.predict_functions; the model's bytes
/// are kept there only when they are not registered in ml.models (PREDICT with a literal or variable model).
/// </summary>
public static class PredictFunctions
{
    public const string Table = "ml.predict_functions";

    /// <summary>
    /// Re-registers every function recorded in ml.predict_functions (call at session start, before views over
    /// PREDICT are used). Returns the number registered now; functions whose model is gone are skipped.
    /// </summary>
    public static int Restore(StorageConnection connection, ModelSessionCache cache, ModelCatalog catalog, SessionSettings? sessionSettings = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(catalog);
        EnsureTable(connection);
        var rows = new List<(string Name, string Sha, string Spec, byte[]? Model)>();
        using (var reader = connection.ExecuteReader($"SELECT f.name, f.sha256, f.spec, coalesce(f.model, (SELECT m.model FROM {ModelCatalog.Table} m WHERE m.sha256 = f.sha256 LIMIT 1)) FROM {Table} f ORDER BY f.name"))
        {
            while (reader.ReadBatch() is { } batch)
            {
                using (batch)
                {
                    for (var r = 0; r < batch.RowCount; r++)
                    {
                        rows.Add((batch[0].GetString(r), batch[1].GetString(r), batch[2].GetString(r), batch[3].IsNull(r) ? null : batch[3].GetBytes(r).ToArray()));
                    }
                }
            }
        }

        var restored = 0;
        foreach (var row in rows)
        {
            if (row.Model is null)
            {
                continue;
            }

            var spec = Spec.Parse(row.Spec);
            using var lease = cache.Acquire(row.Model);
            var settings = ModelSettings.Parse(spec.InputMap, spec.NullPolicy, lease.Session.Signature);
            var function = Register(connection, cache, catalog, row.Model, spec.DataSchema, spec.With, settings, persist: false, sessionSettings);
            restored += function.Registered ? 1 : 0;
        }

        return restored;
    }

    private static readonly Lock RegistrationGate = new();

    internal static PredictFunction? Find(StorageConnection connection, string name) => connection.FindScalarFunction(name)?.Owner as PredictFunction;

    internal static (string Name, BatchSchema Parameters, bool Registered) Register(
        StorageConnection connection, ModelSessionCache cache, ModelCatalog catalog, byte[] model, BatchSchema data, IReadOnlyList<WithColumn> with,
        ModelSettings? settings = null, bool persist = true, SessionSettings? sessionSettings = null)
    {
        sessionSettings ??= OneThreadPerCall(connection, cache);
        var lease = cache.Acquire(model);
        ModelSession? own = null;
        PredictFunction function;
        string specText;
        try
        {
            var signature = lease.Session.Signature;
            settings ??= catalog.SettingsFor(model, signature);
            var binding = PredictBinder.Bind(signature, data, with, settings);
            var columns = binding.Binding.Inputs.SelectMany(i => i.Columns).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var parameters = new BatchSchema([.. columns.Select(c => data[data.IndexOf(c)])]);
            var spec = new Spec(
                [.. parameters.Fields.Select(f => new[] { f.Name, f.Type.ToString() })],
                [.. with.Select(w => new[] { w.Name, w.Type.ToString() })],
                settings.InputMapJson,
                settings.NullPolicyJson);
            specText = JsonSerializer.Serialize(spec);
            var name = $"predict_{lease.Session.Sha256[..16]}_{PredictPlanner.Hash(specText)[..16]}";
            own = sessionSettings is null ? null : ModelSession.Load(model, sessionSettings);
            function = new PredictFunction(name, lease, own, binding, parameters);
        }
        catch
        {
            own?.Dispose();
            lease.Dispose();
            throw;
        }

        // On success DuckDB owns the function (and its lease) until the database closes; when the name is
        // taken, DuckDB drops the new object at once, which returns the lease.
        var result = new BatchSchema([.. with.Select(w => new ColumnField(w.Name, w.Type))]);
        // DuckDB's C API registers a function in the connection's active transaction. A result stream that was
        // disposed before its end (a catalog lookup, a scalar evaluated for MODEL) leaves the auto-commit
        // transaction open, and the next query ends it with a rollback that takes the function along: the
        // PREDICT query then fails with "Scalar Function ... does not exist". A statement of our own closes it.
        bool registered;
        // Sessions planning the same PREDICT at once would both find the name free and both insert its row:
        // DuckDB's optimistic concurrency then fails one insert on the key, OR IGNORE notwithstanding.
        lock (RegistrationGate)
        {
            connection.Execute("SELECT 1");
            registered = connection.RegisterScalarFunction(function.Definition(result));
            if (registered && persist)
            {
                Persist(connection, function.Name, lease.Session.Sha256, specText, model);
            }
        }

        return (function.Name, function.Parameters, registered);
    }

    /// <summary>
    /// DuckDB runs one call per worker thread; ORT's default intra-op pool per call would put threads x cores
    /// threads on the cores. Unless the configuration chose a thread count, a function gets its own session
    /// with one intra-op thread when DuckDB runs several (measured in benchmarks/README.md).
    /// </summary>
    private static SessionSettings? OneThreadPerCall(StorageConnection connection, ModelSessionCache cache)
    {
        if (cache.Settings.IntraOpThreads > 0)
        {
            return null;
        }

        using var reader = connection.ExecuteReader("SELECT current_setting('threads')::BIGINT");
        using var batch = reader.ReadBatch();
        return batch is not null && batch.RowCount > 0 && batch[0].GetValues<long>()[0] > 1 ? cache.Settings with { IntraOpThreads = 1 } : null;
    }

    private static void EnsureTable(StorageConnection connection) => connection.Execute($"""
        CREATE SCHEMA IF NOT EXISTS ml;
        CREATE TABLE IF NOT EXISTS {Table} (
          name VARCHAR PRIMARY KEY,
          sha256 VARCHAR NOT NULL,
          spec VARCHAR NOT NULL,
          model BLOB,
          created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)
        """);

    private static void Persist(StorageConnection connection, string name, string sha, string spec, byte[] model)
    {
        EnsureTable(connection);
        using var insert = connection.Prepare($"""
            INSERT OR IGNORE INTO {Table} (name, sha256, spec, model)
            SELECT $1, $2, $3, CASE WHEN EXISTS (SELECT 1 FROM {ModelCatalog.Table} WHERE sha256 = $2) THEN NULL ELSE $4 END
            """);
        insert.Bind(1, name);
        insert.Bind(2, sha);
        insert.Bind(3, spec);
        insert.Bind(4, model);
        insert.ExecuteNonQuery();
    }

    /// <summary>What a function was planned from, stored as JSON: enough to bind it again without the query.</summary>
    private sealed record Spec(string[][] Inputs, string[][] Outputs, string? InputMap, string? NullPolicy)
    {
        public BatchSchema DataSchema => new([.. Inputs.Select(i => new ColumnField(i[0], SqlTypeName.Parse(i[1])))]);

        public WithColumn[] With => [.. Outputs.Select(o => new WithColumn(o[0], SqlTypeName.Parse(o[1])))];

        public static Spec Parse(string json) => JsonSerializer.Deserialize<Spec>(json)
            ?? throw new Storage.Errors.EngineException(Storage.Errors.ErrorNumbers.InternalError, 16, 1, $"{Table} holds an empty spec.");
    }
}
