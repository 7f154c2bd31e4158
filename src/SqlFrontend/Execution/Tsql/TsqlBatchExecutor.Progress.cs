using System.Globalization;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>
/// Storage calls run on a worker while the session thread waits, so a long statement can report DuckDB's
/// progress (an INFO message every <see cref="ProgressInterval"/>) without the sink leaving the session thread.
/// </summary>
public sealed partial class TsqlBatchExecutor
{
    /// <summary>DuckDB tracks progress only with its progress bar on; printing it stays off.</summary>
    private void EnableProgress()
    {
        try
        {
            _connection.Execute("SET enable_progress_bar = true");
            _connection.Execute("SET enable_progress_bar_print = false");
        }
        catch (EngineException)
        {
            // Progress messages are a convenience; a storage engine without the settings runs without them.
        }
    }

    private T Wait<T>(Func<T> work)
    {
        using var interrupting = _connection.CancelOn(_cancellation);
        var interval = ProgressInterval;
        if (interval <= TimeSpan.Zero)
        {
            return work();
        }

        // A thread of its own, not the pool's: every session thread blocks here while its statement runs, and
        // pool workers taken by blocked sessions would starve the server under many concurrent sessions.
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach | TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var done = (IAsyncResult)task;
        while (!done.AsyncWaitHandle.WaitOne(interval))
        {
            var (percentage, rows) = _connection.QueryProgress();
            if (percentage >= 0)
            {
                _sink.Info(0, 0, 1, ProgressMessage(percentage, rows), 1);
                _sink.Flush();
            }
        }

        // GetResult rethrows the work's own exception (an EngineException), not an AggregateException.
        return task.GetAwaiter().GetResult();
    }

    internal static string ProgressMessage(double percentage, ulong rows) =>
        string.Create(CultureInfo.InvariantCulture, $"Progress: {Math.Floor(percentage):0}% ({rows:N0} rows)");
}
