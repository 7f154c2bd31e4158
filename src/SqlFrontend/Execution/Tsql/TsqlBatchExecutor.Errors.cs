using System.Globalization;
using PredictEngine.SqlFrontend.Ast;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>An error raised inside TRY, on its way to the CATCH block (never reported to the client).</summary>
internal sealed class CaughtException : Exception
{
    public CaughtException(EngineException error)
        : base(error?.Message, error)
    {
        Error = error!;
    }

    public CaughtException()
        : this(new EngineException())
    {
    }

    public CaughtException(string message)
        : this(new EngineException(message))
    {
    }

    public CaughtException(string message, Exception inner)
        : this(new EngineException(message, inner))
    {
    }

    public EngineException Error { get; }
}

/// <summary>TRY/CATCH, RAISERROR and THROW.</summary>
public sealed partial class TsqlBatchExecutor
{
    private const int UserMessage = 50000;
    private int _tryDepth;
    private int _lastError;

    /// <summary>The error the innermost running CATCH block handles: ERROR_NUMBER() and friends; null outside CATCH.</summary>
    private EngineException? _caught;

    private Flow TryCatch(TryCatchStatement statement)
    {
        EngineException error;
        _tryDepth++;
        try
        {
            return RunList(statement.Try);
        }
        catch (CaughtException caught)
        {
            error = caught.Error;
        }
        finally
        {
            _tryDepth--;
        }

        var outer = _caught;
        _caught = error;
        try
        {
            return RunList(statement.Catch);
        }
        finally
        {
            _caught = outer;
        }
    }

    private void Raiserror(RaiserrorStatement statement)
    {
        var message = Evaluate(statement.Message);
        var severity = (int)Integer(Evaluate(statement.Severity), 16);
        var state = (int)Integer(Evaluate(statement.State), 1);
        var options = new HashSet<string>(statement.Options, StringComparer.OrdinalIgnoreCase);
        var arguments = statement.Arguments.Select(Evaluate).ToList();
        if (severity > 18 && !options.Contains("LOG"))
        {
            throw new EngineException(2754, 16, 1, "Error severity levels greater than 18 can only be specified by members of the sysadmin role, using the WITH LOG option.") { Line = statement.Line };
        }

        severity = Math.Clamp(severity, 0, 25);
        state = state is < 0 or > 255 ? 1 : state;
        int number;
        string text;
        if (message is string template)
        {
            number = UserMessage;
            text = RaiserrorFormat.Format(template, arguments);
        }
        else
        {
            number = (int)Integer(message, UserMessage);
            if (number < 13000 || number == UserMessage)
            {
                throw new EngineException(2732, 16, 1, $"Error number {number} is invalid. The number must be from 13000 through 2147483647 and it cannot be 50000.") { Line = statement.Line };
            }

            // There is no sys.messages to take a text from (sp_addmessage is not supported).
            text = $"Error {number}, severity {severity}, state {state} was raised, but no message with that error number was found in sys.messages. If error is larger than 50000, make sure the user-defined message is added using sp_addmessage.";
            number = 18054;
        }

        if (text.Length > 2047)
        {
            text = text[..2044] + "...";
        }

        if (severity <= 10)
        {
            _sink.Info(number, (byte)severity, (byte)state, text, statement.Line);
            if (options.Contains("NOWAIT"))
            {
                _sink.Flush();
            }

            _lastError = options.Contains("SETERROR") ? number : 0;
            _rowCount = 0;
            return;
        }

        throw new EngineException(number, (byte)severity, (byte)state, text) { Line = statement.Line };
    }

    /// <summary>THROW ends the batch unless a TRY block catches it; a bare THROW rethrows the error the CATCH block handles.</summary>
    private void Throw(ThrowStatement statement)
    {
        EngineException error;
        if (statement.Number is null)
        {
            if (_caught is null)
            {
                throw new EngineException(10704, 15, 1, "To rethrow an error, a THROW statement must be used inside a CATCH block.") { Line = statement.Line };
            }

            error = new EngineException(_caught.Number, _caught.Severity, _caught.State, _caught.Message) { Line = _caught.Line };
        }
        else
        {
            var number = Integer(Evaluate(statement.Number), 0);
            var message = SqlValues.Text(Evaluate(statement.Message!));
            var state = Integer(Evaluate(statement.State!), 1);
            if (number < UserMessage || number > int.MaxValue)
            {
                throw new EngineException(35100, 16, 10, $"Error number {number} in the THROW statement is outside the valid range. Specify an error number in the valid range of 50000 to 2147483647.") { Line = statement.Line };
            }

            if (state is < 0 or > 255)
            {
                throw new EngineException(35101, 16, 10, $"State {state} in the THROW statement is outside the valid range. Specify a state in the valid range of 0 to 255.") { Line = statement.Line };
            }

            error = new EngineException((int)number, 16, (byte)state, message) { Line = statement.Line };
        }

        _lastError = error.Number;
        _transactions.StatementFailed();
        if (_tryDepth > 0)
        {
            throw new CaughtException(error);
        }

        Report(error, error.Line);
        if (_options.XactAbort && _transactions.IsOpen)
        {
            RollbackAll();
        }

        throw new BatchAbortedException();
    }

    private static long Integer(object? value, long fallback) => value switch
    {
        null => fallback,
        string s => long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw new EngineException(245, 16, 1, $"Conversion failed when converting the nvarchar value '{s}' to data type int."),
        _ => (long)Math.Truncate(System.Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
    };
}
