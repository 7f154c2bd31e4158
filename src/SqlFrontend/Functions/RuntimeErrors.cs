using System.Globalization;
using System.Text.RegularExpressions;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Functions;

/// <summary>
/// Errors that only show up while DuckDB evaluates a translated expression (a string that is not a number,
/// a date out of range) are raised with DuckDB's error() carrying a tag, so the session can report them with
/// SQL Server's number, severity and state instead of as a storage error.
/// </summary>
public static partial class RuntimeErrors
{
    /// <summary>DuckDB SQL that raises the tagged error; <paramref name="messageSql"/> is a VARCHAR expression.</summary>
    public static string Raise(int number, int severity, int state, string messageSql) =>
        string.Create(CultureInfo.InvariantCulture, $"error('[tsql {number} {severity} {state}] ' || {messageSql})");

    /// <summary>The engine error a DuckDB error message carries, or null when it is not one of ours.</summary>
    public static EngineException? FromStorageMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Tag().Match(message);
        if (!match.Success)
        {
            return null;
        }

        return new EngineException(
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            byte.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            byte.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture),
            match.Groups[4].Value.TrimEnd());
    }

    [GeneratedRegex(@"\[tsql (\d+) (\d+) (\d+)\] (.*)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
