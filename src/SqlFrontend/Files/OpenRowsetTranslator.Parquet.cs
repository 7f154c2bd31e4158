using System.Text;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Files;

public static partial class OpenRowsetTranslator
{
    private static FileSourceTranslation Parquet(BulkOptions options, OpenRowsetSource source, string path)
    {
        foreach (var name in CsvOnly.Where(options.Has))
        {
            throw options.Invalid($"{name} applies to FORMAT = 'CSV', not to FORMAT = 'PARQUET'.");
        }

        var fileColumns = DescribeParquet(path, options);
        var read = $"read_parquet({SqlText.Literal(path)}, file_row_number=true)";
        if (source.WithColumns.Count == 0)
        {
            var sql = new StringBuilder("SELECT ");
            sql.AppendJoin(", ", fileColumns.Select(c => SqlText.Identifier(c.Name)));
            return new FileSourceTranslation(sql.Append(" FROM ").Append(read).ToString(), fileColumns);
        }

        // WITH binds Parquet columns by name (case-insensitively, as T-SQL names compare) and converts each value,
        // naming the file row of a value that does not convert.
        var select = new StringBuilder("SELECT ");
        var columns = new List<ColumnInfo>();
        for (var i = 0; i < source.WithColumns.Count; i++)
        {
            var spec = source.WithColumns[i];
            var column = ColumnOf(spec);
            var fileColumn = fileColumns.FirstOrDefault(c => c.Name.Equals(spec.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1, $"Invalid column name '{spec.Name}'. The file \"{path}\" has no such column.") { Line = spec.Line };
            var value = SqlText.Identifier(fileColumn.Name);
            var duck = DuckDbTypeMapping.ToDuckDbDdl(column.Type);
            var error = FieldConversions.Raise(
                ErrorNumbers.BulkLoadConversion,
                $"'Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row ' || CAST(file_row_number + 1 AS VARCHAR) || ', column {i + 1} ({spec.Name.Replace("'", "''", StringComparison.Ordinal)}).'");
            select.Append(i > 0 ? ", " : string.Empty)
                .Append("CASE WHEN ").Append(value).Append(" IS NULL THEN NULL WHEN TRY_CAST(").Append(value).Append(" AS ").Append(duck)
                .Append(") IS NULL THEN ").Append(error).Append(" ELSE CAST(").Append(value).Append(" AS ").Append(duck).Append(") END AS ")
                .Append(SqlText.Identifier(spec.Name));
            columns.Add(column);
        }

        return new FileSourceTranslation(select.Append(" FROM ").Append(read).ToString(), columns);
    }

    /// <summary>
    /// The file's columns and their T-SQL types, read from the Parquet footer by a scratch in-memory DuckDB (the
    /// translator has no connection of its own, and the schema must be known before the query is bound).
    /// </summary>
    private static List<ColumnInfo> DescribeParquet(string path, BulkOptions options)
    {
        try
        {
            using var database = EmbeddedDatabase.OpenInMemory();
            using var connection = database.Connect();
            using var reader = connection.ExecuteReader($"SELECT * FROM read_parquet({SqlText.Literal(path)}) LIMIT 0");
            return [.. reader.Schema.Fields.Select(f => new ColumnInfo(f.Name, f.Type, Nullable: true))];
        }
        catch (EngineException e) when (e.Number == ErrorNumbers.StorageError)
        {
            throw options.Invalid($"The file \"{path}\" cannot be read as Parquet: {e.Message}");
        }
    }

    /// <summary>OPENROWSET(...) AS r(a, b) renames the columns in order; the count must match.</summary>
    private static FileSourceTranslation Aliased(FileSourceTranslation translation, OpenRowsetSource source)
    {
        if (source.ColumnAliases.Count == 0)
        {
            return translation;
        }

        if (source.ColumnAliases.Count != translation.Columns.Count)
        {
            var more = source.ColumnAliases.Count < translation.Columns.Count;
            throw new EngineException(
                more ? ErrorNumbers.MoreColumnsThanAliases : ErrorNumbers.FewerColumnsThanAliases,
                16,
                1,
                $"'{source.Alias}' has {(more ? "more" : "fewer")} columns than were specified in the column list.")
            { Line = source.Line };
        }

        var select = new StringBuilder("SELECT ");
        select.AppendJoin(", ", translation.Columns.Select((c, i) => $"{SqlText.Identifier(c.Name)} AS {SqlText.Identifier(source.ColumnAliases[i])}"));
        select.Append(" FROM (").Append(translation.Sql).Append(')');
        return new FileSourceTranslation(select.ToString(), [.. translation.Columns.Select((c, i) => c with { Name = source.ColumnAliases[i] })]);
    }
}
