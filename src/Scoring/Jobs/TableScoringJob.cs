using System.Diagnostics;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.Scoring.Jobs;

/// <summary>What to score: a stored table, a model, which columns feed it and where results go.</summary>
public sealed record TableScoringRequest(
    string Table,
    ModelSession Session,
    string OutputTable,
    IReadOnlyList<string>? Features = null,
    IReadOnlyList<string>? Exclude = null,
    int BatchRows = StorageConnection.DefaultBatchRows,
    int Workers = 1);

/// <summary>The job's outcome; <see cref="PredictionColumns"/> are the columns the model added after the table's own.</summary>
public sealed record TableScoringResult(long Rows, int Batches, TimeSpan Elapsed, string ScanSql, BatchSchema OutputSchema, IReadOnlyList<string> PredictionColumns);

/// <summary>
/// The embedded batch-scoring pipeline: scan a table as columnar batches, score them on several
/// workers, append input columns plus predictions to an output table. This is the path PREDICT
/// takes once the T-SQL front end rewrites a query into it; the CLI's <c>score</c> job drives it directly.
/// </summary>
public static class TableScoringJob
{
    /// <summary>
    /// Runs the job on two connections of <paramref name="database"/>: one streams the scan, the other
    /// writes the output (a connection streams one result at a time).
    /// </summary>
    public static TableScoringResult Run(EmbeddedDatabase database, TableScoringRequest request, Action<string> log, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Connect();
        using var writer = database.Connect();
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        BatchSchema tableSchema;
        using (var probe = connection.ExecuteReader($"SELECT * FROM {Quote(request.Table)} LIMIT 0"))
        {
            tableSchema = probe.Schema;
        }

        var binding = Bind(request, tableSchema, out var casts);
        var scanSql = ScanSql(request.Table, casts);
        if (casts.Count > 0)
        {
            foreach (var group in casts.GroupBy(c => (c.From, c.To)))
            {
                var names = group.Select(c => c.Column).ToArray();
                var shown = names.Length <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names[..3])} and {names.Length - 3} more";
                log($"CAST {names.Length} column(s) from {group.Key.From} to {group.Key.To} for the model's input ({shown}).");
            }
        }

        using var reader = connection.ExecuteReader(scanSql, request.BatchRows);
        var scorer = new ScoringOperator(request.Session, binding, reader.Schema);
        long rows = 0;
        var batches = 0;
        BatchSchema? output = null;
        BulkAppender? appender = null;

        // One transaction for the output table: a job that fails half-way leaves it as it was.
        writer.Execute("BEGIN TRANSACTION");
        var committed = false;
        try
        {
            foreach (var scored in scorer.ScoreAll(Batches(reader), request.Workers, cancellation))
            {
                using (scored)
                {
                    if (appender is null)
                    {
                        output = scored.Schema;
                        writer.Execute(CreateTableSql(request.OutputTable, output));
                        appender = writer.CreateAppender(request.OutputTable);
                    }

                    appender.Append(scored);
                    rows += scored.RowCount;
                    batches++;
                }
            }

            appender?.Close();
            appender?.Dispose();
            appender = null;
            writer.Execute("COMMIT");
            committed = true;
        }
        finally
        {
            appender?.Dispose();
            if (!committed)
            {
                writer.Execute("ROLLBACK");
            }
        }

        output ??= reader.Schema;
        return new TableScoringResult(rows, batches, clock.Elapsed, scanSql, output, [.. output.Fields.Skip(reader.Schema.Count).Select(f => f.Name)]);
    }

    private static IEnumerable<ColumnBatch> Batches(BatchReader reader)
    {
        while (reader.ReadBatch() is { } batch)
        {
            yield return batch;
        }
    }

    private sealed record Cast(string Column, SqlType From, SqlType To);

    private static ScoringBinding Bind(TableScoringRequest request, BatchSchema schema, out List<Cast> casts)
    {
        casts = [];
        var signature = request.Session.Signature;
        if (signature.Inputs.All(i => i.Rank == 1 || (i.Rank == 2 && i.Dimensions[1] == 1)))
        {
            foreach (var input in signature.Inputs)
            {
                AddCast(casts, schema, input.Name, input);
            }

            return ScoringBinding.ByName(signature);
        }

        if (signature.Inputs.Count != 1)
        {
            throw new EngineException(ErrorNumbers.ModelInputMismatch, 16, 1,
                $"The model has several inputs and at least one takes several columns; score it through PREDICT with an input map. Model signature: {signature}.");
        }

        var node = signature.Inputs[0];
        var excluded = new HashSet<string>(request.Exclude ?? [], StringComparer.OrdinalIgnoreCase);
        var features = request.Features ?? [.. schema.Fields.Where(f => IsNumeric(f.Type) && !excluded.Contains(f.Name)).Select(f => f.Name)];
        foreach (var feature in features)
        {
            AddCast(casts, schema, feature, node);
        }

        return new ScoringBinding([InputBinding.Matrix(node.Name, features)]);
    }

    private static void AddCast(List<Cast> casts, BatchSchema schema, string column, ModelNode input)
    {
        var index = schema.IndexOf(column);
        if (index < 0)
        {
            return; // The planner reports the missing column with the model's signature.
        }

        var from = schema[index].Type;
        if (!TensorTypeRules.CanFeed(from.Physical, input.ElementType) && IsNumeric(from) && TensorTypeRules.ExactSqlType(input.ElementType) is { } to && IsNumeric(to))
        {
            casts.Add(new Cast(schema[index].Name, from, to));
        }
    }

    private static bool IsNumeric(SqlType type) => type.Physical is PhysicalKind.Bool8 or PhysicalKind.UInt8 or PhysicalKind.Int16 or PhysicalKind.Int32
        or PhysicalKind.Int64 or PhysicalKind.Float32 or PhysicalKind.Float64 or PhysicalKind.Decimal128;

    private static string ScanSql(string table, List<Cast> casts) => casts.Count == 0
        ? $"SELECT * FROM {Quote(table)}"
        : $"SELECT * REPLACE ({string.Join(", ", casts.Select(c => $"CAST({Quote(c.Column)} AS {DuckDbTypeMapping.ToDuckDbDdl(c.To)}) AS {Quote(c.Column)}"))}) FROM {Quote(table)}";

    private static string CreateTableSql(string table, BatchSchema schema) =>
        $"CREATE OR REPLACE TABLE {Quote(table)} ({string.Join(", ", schema.Fields.Select(f => $"{Quote(f.Name)} {DuckDbTypeMapping.ToDuckDbDdl(f.Type)}"))})";

    /// <summary>A DuckDB identifier in double quotes, embedded quotes doubled.</summary>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
