using System.Diagnostics;
using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>SET options and transaction statements.</summary>
public sealed partial class TsqlBatchExecutor
{
    private void SetOption(SetOptionStatement statement)
    {
        var on = string.Equals(statement.Value, "ON", StringComparison.OrdinalIgnoreCase);
        foreach (var option in statement.Options)
        {
            switch (option)
            {
                case "NOCOUNT":
                    _options.NoCount = on;
                    break;
                case "XACT_ABORT":
                    _options.XactAbort = on;
                    break;
                case "STATISTICS TIME":
                    _options.StatisticsTime = on;
                    break;
                case "FMTONLY":
                    _options.FormatOnly = on;
                    break;
                case "IMPLICIT_TRANSACTIONS" or "SHOWPLAN_ALL" or "SHOWPLAN_TEXT" or "SHOWPLAN_XML" or "PARSEONLY" or "NOEXEC" or "STATISTICS XML" or "STATISTICS PROFILE" when on:
                    throw Unsupported(option, statement.Line);
                case "ROWCOUNT" when statement.Value != "0":
                    throw new EngineException(ErrorNumbers.NotSupported, 16, 1,
                        "SET ROWCOUNT is not supported by PredictEngine; use TOP in the statement instead.") { Line = statement.Line };
                default:
                    // Every other option is accepted: DuckDB already behaves as SQL Server's defaults
                    // (ANSI_NULLS, QUOTED_IDENTIFIER, ...) or the option has no effect here.
                    break;
            }
        }

        _rowCount = 0;
    }

    private static EngineException Unsupported(string option, int line) => new(ErrorNumbers.NotSupported, 16, 1,
        $"SET {option} ON is not supported by PredictEngine.") { Line = line };

    /// <summary>
    /// BEGIN/COMMIT/ROLLBACK TRAN: only the outermost BEGIN and COMMIT reach storage; a nested BEGIN only
    /// counts (@@TRANCOUNT) and ROLLBACK undoes everything, as in SQL Server.
    /// </summary>
    private void Transaction(TransactionStatement statement)
    {
        switch (statement.Kind)
        {
            case TransactionStatementKind.Begin when _transactions.IsOpen:
                _nested++;
                break;
            case TransactionStatementKind.Begin:
                _transactions.Control(new TransactionRequest(TransactionAction.Begin), _sink);
                break;
            case TransactionStatementKind.Commit when _transactions.IsOpen && _nested > 0:
                _nested--;
                break;
            case TransactionStatementKind.Commit:
                _transactions.Control(new TransactionRequest(TransactionAction.Commit), _sink);
                break;
            case TransactionStatementKind.Rollback:
                _nested = 0;
                _transactions.Control(new TransactionRequest(TransactionAction.Rollback), _sink);
                break;
            default:
                _transactions.Control(new TransactionRequest(TransactionAction.Save, statement.Name ?? string.Empty), _sink);
                break;
        }

        _rowCount = 0;
    }

    private int TranCount => _transactions.IsOpen ? 1 + _nested : 0;

    /// <summary>XACT_ABORT: an error rolls the whole transaction back.</summary>
    private void RollbackAll()
    {
        _nested = 0;
        try
        {
            _transactions.Control(new TransactionRequest(TransactionAction.Rollback), _sink);
        }
        catch (EngineException)
        {
            _transactions.Reset();
        }
    }

    /// <summary>SET STATISTICS TIME ON: the CPU and elapsed time of each statement, as SQL Server reports them.</summary>
    private sealed class Statistics
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public static Statistics Start() => new();

        public void Report(IResultSink sink, int line)
        {
            var elapsed = Stopwatch.GetElapsedTime(_started);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpu;
            var message = string.Create(CultureInfo.InvariantCulture,
                $" SQL Server Execution Times:\n   CPU time = {(long)cpu.TotalMilliseconds} ms,  elapsed time = {(long)elapsed.TotalMilliseconds} ms.");
            sink.Info(0, 0, 1, message, line);
        }
    }
}
