using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Storage.Functions;

/// <summary>
/// A function body's error crosses DuckDB only as text, which would lose its number and severity. The
/// exception is parked here under a ticket and the text carries the ticket, so the statement's caller
/// gets the original <see cref="EngineException"/> back (see StorageConnection.StorageError).
/// </summary>
internal static partial class ScalarFunctionErrors
{
    // Tickets that are never redeemed (a second worker thread failing in the same query) must not pile up.
    private const int MaxParked = 256;
    private static readonly ConcurrentDictionary<long, EngineException> Parked = new();
    private static long _next;

    public static string Park(EngineException error)
    {
        if (Parked.Count >= MaxParked)
        {
            Parked.Clear();
        }

        var ticket = Interlocked.Increment(ref _next);
        Parked[ticket] = error;
        return string.Create(CultureInfo.InvariantCulture, $"[engine error #{ticket}] {error.Message}");
    }

    public static EngineException? Redeem(string message)
    {
        var match = TicketPattern().Match(message);
        return match.Success && Parked.TryRemove(long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), out var error) ? error : null;
    }

    [GeneratedRegex(@"\[engine error #(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex TicketPattern();
}
