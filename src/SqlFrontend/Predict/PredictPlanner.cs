using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Predict;

/// <summary>One WITH column of a planned PREDICT: its T-SQL name, the column name in <see cref="PredictPlan.Sql"/>, its type.</summary>
public sealed record PredictOutputColumn(string Name, string SqlName, SqlType Type);

/// <summary>
/// A planned PREDICT: a DuckDB SELECT returning every DATA column (same names, same order) and then the
/// outputs (named <see cref="PredictOutputColumn.SqlName"/>). Use it as a derived table anywhere.
/// </summary>
public sealed record PredictPlan(string Sql, IReadOnlyList<PredictOutputColumn> Outputs);

/// <summary>What PREDICT did since the statistics were last taken (SET STATISTICS TIME, messages).</summary>
public sealed record PredictStatistics(long Rows, long Chunks, TimeSpan ModelTime, string? Provider);

/// <summary>
/// Plans PREDICT as a call of a vectorized DuckDB scalar function, so scoring runs inside DuckDB's own
/// pipeline: on its worker threads, streaming in 2048-row chunks, in any query shape (joins, CTEs, views,
/// INSERT ... SELECT) and within the statement's transaction. The function is named from the model's SHA-256
/// and the input/output spec, registered once per database, and recorded in ml.predict_functions so views
/// over PREDICT work again after a restart (<see cref="PredictFunctions.Restore"/>).
/// </summary>
public sealed class PredictPlanner
{
    private readonly StorageConnection _connection;
    private readonly ModelSessionCache _cache;
    private readonly ModelCatalog _catalog;
    private readonly Dictionary<string, (long Rows, long Chunks, long Ticks)> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dataSql = new(StringComparer.Ordinal);

    public PredictPlanner(StorageConnection connection, ModelSessionCache cache, ModelCatalog catalog, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(catalog);
        _connection = connection;
        _cache = cache;
        _catalog = catalog;
        Settings = settings;
    }

    /// <summary>
    /// ORT settings for the sessions of the functions this planner registers (e.g. one intra-op thread, since
    /// DuckDB already runs one call per worker thread). Null: when the cache's settings leave the intra-op thread
    /// count to ORT and DuckDB runs several threads, a session of the cache's settings with one intra-op thread;
    /// otherwise the cache's shared session.
    /// </summary>
    public SessionSettings? Settings { get; }

    public PredictPlan Plan(byte[] model, string dataSql, IReadOnlyList<ColumnInfo> dataColumns, IReadOnlyList<ColumnSpec> withColumns, string? runtime, int line)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataSql);
        ArgumentNullException.ThrowIfNull(dataColumns);
        ArgumentNullException.ThrowIfNull(withColumns);
        try
        {
            if (runtime is not null && !string.Equals(runtime, "ONNX", StringComparison.OrdinalIgnoreCase))
            {
                throw new EngineException(ErrorNumbers.UnsupportedPredictRuntime, 16, 1,
                    $"PREDICT RUNTIME = {runtime} is not supported: only RUNTIME = ONNX is (the model must be an ONNX model).");
            }

            var with = withColumns.Select(c => new WithColumn(c.Name, SqlTypeName.Parse(c.DataType.ToString()))).ToArray();
            var data = new BatchSchema([.. dataColumns.Select(c => new ColumnField(c.Name, c.Type))]);
            var function = PredictFunctions.Register(_connection, _cache, _catalog, model, data, with, sessionSettings: Settings);
            _dataSql[function.Name] = dataSql;
            return new PredictPlan(BuildSql(function.Name, dataSql, dataColumns, function.Parameters, with, out var outputs), outputs);
        }
        catch (EngineException e)
        {
            e.Line = line;
            throw;
        }
    }

    /// <summary>
    /// A PREDICT function sees one chunk at a time, so its Msg 50110 can only say "at least N" NULLs. Given the
    /// error a statement over a plan of this planner failed with, this counts the column's NULLs over the whole
    /// DATA query and returns the error with the exact count; any other error comes back unchanged (and so
    /// does this one when the count cannot run, e.g. in a transaction the failure aborted).
    /// </summary>
    public EngineException Explain(EngineException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is not PredictNullException nulls || !_dataSql.TryGetValue(nulls.Function, out var dataSql))
        {
            return error;
        }

        try
        {
            using var reader = _connection.ExecuteReader($"SELECT count(*) FROM ({dataSql}) AS d WHERE {Quote(nulls.Column)} IS NULL");
            using var batch = reader.ReadBatch();
            if (batch is null || batch.RowCount == 0)
            {
                return error;
            }

            var count = batch[0].GetValues<long>()[0];
            var start = error.Message.IndexOf(" (at least ", StringComparison.Ordinal);
            var end = start < 0 ? -1 : error.Message.IndexOf("),", start, StringComparison.Ordinal);
            var message = start < 0 || end < 0
                ? error.Message
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{error.Message[..start]} ({count} row(s){error.Message[end..]}");
            return new EngineException(error.Number, error.Severity, error.State, message, error) { Line = error.Line };
        }
        catch (EngineException)
        {
            return error;
        }
    }

    /// <summary>Rows, chunks and model time of the PREDICT functions this planner planned, since the last call.</summary>
    public PredictStatistics TakeStatistics()
    {
        long rows = 0, chunks = 0, ticks = 0;
        string? provider = null;
        foreach (var name in _seen.Keys.ToArray())
        {
            if (PredictFunctions.Find(_connection, name) is not { } function)
            {
                continue;
            }

            var now = function.Counters;
            var before = _seen[name];
            rows += now.Rows - before.Rows;
            chunks += now.Chunks - before.Chunks;
            ticks += now.Ticks - before.Ticks;
            provider ??= function.Provider;
            _seen[name] = now;
        }

        return new PredictStatistics(rows, chunks, Stopwatch.GetElapsedTime(0, ticks), provider);
    }

    private string BuildSql(string function, string dataSql, IReadOnlyList<ColumnInfo> dataColumns, BatchSchema parameters, IReadOnlyList<WithColumn> with, out List<PredictOutputColumn> outputs)
    {
        if (PredictFunctions.Find(_connection, function) is { } registered && !_seen.ContainsKey(function))
        {
            _seen[function] = registered.Counters;
        }

        var taken = new HashSet<string>(dataColumns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var result = new StringBuilder("SELECT ");
        result.AppendJoin(", ", dataColumns.Select(c => Quote(c.Name)));
        outputs = [];
        foreach (var column in with)
        {
            var sqlName = column.Name;
            for (var n = 1; !taken.Add(sqlName); n++)
            {
                sqlName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{column.Name}_predict{n}");
            }

            outputs.Add(new PredictOutputColumn(column.Name, sqlName, column.Type));
            result.Append(dataColumns.Count > 0 || outputs.Count > 1 ? ", " : string.Empty)
                .Append("struct_extract(\"__predict\", ").Append(Literal(column.Name)).Append(") AS ").Append(Quote(sqlName));
        }

        var arguments = string.Join(", ", parameters.Fields.Select(f => $"CAST({Quote(f.Name)} AS {DuckDbTypeMapping.ToDuckDbDdl(f.Type)})"));
        result.Append(" FROM (SELECT *, ").Append(Quote(function)).Append('(').Append(arguments).Append(") AS \"__predict\" FROM (")
            .Append(dataSql).Append(") AS \"__predict_data\") AS \"__predict_scored\"");
        return result.ToString();
    }

    internal static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
