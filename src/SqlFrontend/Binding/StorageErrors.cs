using System.Text.RegularExpressions;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// Maps DuckDB's error texts (raised as <see cref="ErrorNumbers.StorageError"/>) to the SQL Server errors a
/// client expects for the same condition: key violations, NULLs, conversions, overflow, divide by zero,
/// missing and duplicate objects. An error we do not recognise keeps 50100 and DuckDB's text.
/// </summary>
public static partial class StorageErrors
{
    public static EngineException Translate(EngineException storageError, int line)
    {
        ArgumentNullException.ThrowIfNull(storageError);
        if (storageError.Number != ErrorNumbers.StorageError)
        {
            return storageError;
        }

        var text = storageError.Message;
        var mapped = Functions.RuntimeErrors.FromStorageMessage(text) ?? Map(text) ?? new EngineException(ErrorNumbers.StorageError, storageError.Severity, storageError.State, text, storageError);
        mapped.Line = line;
        return mapped;
    }

    private static EngineException? Map(string text)
    {
        if (text.Contains("Divide by zero error encountered.", StringComparison.Ordinal))
        {
            return new EngineException(8134, 16, 1, "Divide by zero error encountered.");
        }

        if (text.Contains("String or binary data would be truncated.", StringComparison.Ordinal))
        {
            return new EngineException(8152, 16, 30, "String or binary data would be truncated.");
        }

        if (DuplicateKey().Match(text) is { Success: true } duplicate)
        {
            var primary = duplicate.Groups["kind"].Value.StartsWith("primary", StringComparison.OrdinalIgnoreCase);
            var value = duplicate.Groups["value"].Value;
            return primary
                ? new EngineException(2627, 14, 1, $"Violation of PRIMARY KEY constraint. Cannot insert duplicate key. The duplicate key value is ({value}).")
                : new EngineException(2601, 14, 1, $"Cannot insert duplicate key row with unique index. The duplicate key value is ({value}).");
        }

        if (NotNull().Match(text) is { Success: true } notNull)
        {
            return new EngineException(ErrorNumbers.NullNotAllowed, 16, 2,
                $"Cannot insert the value NULL into column '{notNull.Groups["column"].Value}', table '{notNull.Groups["table"].Value}'; column does not allow nulls. INSERT fails.");
        }

        if (text.Contains("CHECK constraint failed", StringComparison.OrdinalIgnoreCase) || text.Contains("foreign key constraint", StringComparison.OrdinalIgnoreCase))
        {
            var kind = text.Contains("CHECK", StringComparison.Ordinal) ? "CHECK" : "FOREIGN KEY";
            return new EngineException(547, 16, 0, $"The statement conflicted with the {kind} constraint. {Detail(text)}");
        }

        if (ConvertString().Match(text) is { Success: true } convert)
        {
            var target = TsqlType(convert.Groups["type"].Value);
            var value = convert.Groups["value"].Value;
            return target switch
            {
                "date" or "datetime2" or "time" or "datetime" => new EngineException(241, 16, 1, "Conversion failed when converting date and/or time from character string."),
                "numeric" or "float" or "real" => new EngineException(ErrorNumbers.ConversionFailed, 16, 5, $"Error converting data type varchar to {target}."),
                "uniqueidentifier" => new EngineException(8169, 16, 2, "Conversion failed when converting from a character string to uniqueidentifier."),
                _ => new EngineException(245, 16, 1, $"Conversion failed when converting the varchar value '{value}' to data type {target}."),
            };
        }

        if (OutOfRange().Match(text) is { Success: true } range)
        {
            var target = TsqlType(range.Groups["type"].Value);
            return new EngineException(ErrorNumbers.ArithmeticOverflow, 16, 1,
                target == "numeric" ? "Arithmetic overflow error converting numeric to data type numeric." : $"Arithmetic overflow error converting expression to data type {target}.");
        }

        if (Overflow().Match(text) is { Success: true } overflow)
        {
            return new EngineException(ErrorNumbers.ArithmeticOverflow, 16, 1, $"Arithmetic overflow error converting expression to data type {TsqlType(overflow.Groups["type"].Value)}.");
        }

        if (text.Contains("More than one row returned by a subquery", StringComparison.OrdinalIgnoreCase))
        {
            return new EngineException(512, 16, 1, "Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression.");
        }

        if (GroupBy().Match(text) is { Success: true } group)
        {
            return new EngineException(8120, 16, 1,
                $"Column '{group.Groups["column"].Value}' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.");
        }

        if (CatalogName().Match(text) is { Success: true } catalog)
        {
            var name = catalog.Groups["name"].Value;
            return catalog.Groups["what"].Value.Contains("already", StringComparison.Ordinal)
                ? new EngineException(2714, 16, 6, $"There is already an object named '{name}' in the database.")
                : new EngineException(ErrorNumbers.InvalidObjectName, 16, 1, $"Invalid object name '{name}'.");
        }

        return null;
    }

    private static string Detail(string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? text : text[(colon + 2)..];
    }

    /// <summary>SQL Server's name for a DuckDB type in an error text (INT32, INTEGER, DECIMAL(10,2), DOUBLE...).</summary>
    private static string TsqlType(string duck)
    {
        var open = duck.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? duck : duck[..open]).Trim().ToUpperInvariant();
        return name switch
        {
            "INT8" or "TINYINT" or "UINT8" or "UTINYINT" => "tinyint",
            "INT16" or "SMALLINT" => "smallint",
            "INT32" or "INTEGER" or "INT" => "int",
            "INT64" or "BIGINT" => "bigint",
            "DOUBLE" or "FLOAT8" => "float",
            "FLOAT" or "FLOAT4" => "real",
            "DECIMAL" or "NUMERIC" or "INT128" or "HUGEINT" => "numeric",
            "DATE" => "date",
            "TIME" => "time",
            "TIMESTAMP" or "DATETIME" => "datetime2",
            "BOOL" or "BOOLEAN" => "bit",
            "UUID" => "uniqueidentifier",
            _ => name.ToLowerInvariant(),
        };
    }

    [GeneratedRegex("Duplicate key \"(?:[^:\"]+: )?(?<value>[^\"]*)\" violates (?<kind>primary key|unique) constraint", RegexOptions.IgnoreCase)]
    private static partial Regex DuplicateKey();

    [GeneratedRegex(@"NOT NULL constraint failed: (?<table>[^.\s]+)\.(?<column>\S+)")]
    private static partial Regex NotNull();

    [GeneratedRegex(@"Could not convert string '(?<value>.*?)' to (?<type>[A-Z0-9_]+(?:\(\d+,\s*\d+\))?)", RegexOptions.Singleline)]
    private static partial Regex ConvertString();

    [GeneratedRegex(@"(?:value .*? can't be cast because the value is out of range for the destination type|Failed to cast decimal value \S+ to type) (?<type>[A-Z0-9_]+(?:\(\d+,\s*\d+\))?)")]
    private static partial Regex OutOfRange();

    [GeneratedRegex(@"Overflow in (?:addition|subtraction|multiplication|negation) of (?<type>[A-Z0-9_]+)")]
    private static partial Regex Overflow();

    [GeneratedRegex("column \"(?<column>[^\"]+)\" must appear in the GROUP BY clause or must be part of an aggregate function")]
    private static partial Regex GroupBy();

    [GeneratedRegex("(?:Table|View|Schema|Sequence|Index) with name \"?(?<name>[^\"!]+?)\"? (?<what>does not exist|already exists)")]
    private static partial Regex CatalogName();
}
