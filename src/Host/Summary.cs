using PredictEngine.Scoring.Jobs;
using PredictEngine.Storage;

namespace PredictEngine.Host;

/// <summary>The score job's report: a preview of the output table and quality metrics, both computed in SQL.</summary>
internal static class Summary
{
    public static void Print(StorageConnection connection, string table, TableScoringResult job, string? label, string? group, int show)
    {
        var q = TableScoringJob.Quote;
        var key = job.OutputSchema[0].Name;
        var preview = new List<string> { key };
        if (label is not null)
        {
            preview.Add(label);
        }

        preview.AddRange(job.PredictionColumns);
        if (show > 0)
        {
            TablePrinter.Print(connection, $"SELECT {string.Join(", ", preview.Distinct().Select(q))} FROM {q(table)} ORDER BY {q(key)} LIMIT {show}");
            Console.WriteLine();
        }

        if (label is null || job.PredictionColumns.Count == 0)
        {
            return;
        }

        var groupBy = group is null ? string.Empty : $"{q(group)}, ";
        var tail = group is null ? string.Empty : $" GROUP BY {q(group)} ORDER BY {q(group)}";
        var isClassifier = job.PredictionColumns.Contains("label", StringComparer.OrdinalIgnoreCase);
        var metric = isClassifier
            ? $"round(avg(CASE WHEN {q("label")} = {q(label)} THEN 1.0 ELSE 0.0 END), 4) AS accuracy"
            : $"round(sqrt(avg(power({q(job.PredictionColumns[0])} - {q(label)}, 2))), 4) AS rmse";
        Console.WriteLine(isClassifier ? $"Accuracy of label against {label}:" : $"RMSE of {job.PredictionColumns[0]} against {label}:");
        TablePrinter.Print(connection, $"SELECT {groupBy}count(*) AS rows, {metric} FROM {q(table)}{tail}");
    }
}
