using PredictEngine.SqlFrontend.Execution;
using PredictEngine.SqlFrontend.Tds.Protocol;
using PredictEngine.SqlFrontend.Tds.Tokens;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// RPC requests: sp_executesql, sp_prepare, sp_execute, sp_prepexec and sp_unprepare. Each call's
/// statements end with DONEINPROC, then come RETURNSTATUS (on success), a RETURNVALUE per output
/// parameter and DONEPROC (MORE when another call of the message follows). A failing call reports its
/// error and the next call of the message still runs.
/// </summary>
internal sealed partial class TdsConnection
{
    /// <summary>Prepared batches by handle (sp_prepare, sp_prepexec), per session; RESETCONNECTION clears them.</summary>
    private readonly Dictionary<int, PreparedBatch> _prepared = [];
    private int _lastHandle;

    private sealed record PreparedBatch(string? Declarations, string Text);

    /// <summary>An output parameter's value to return: its position in the call, name, type and value.</summary>
    private readonly record struct Output(int Ordinal, string Name, SqlType Type, object? Value);

    /// <summary>RESETCONNECTION (a pooled connection reused): the session forgets its prepared batches.</summary>
    private void ResetSession() => _prepared.Clear();

    private void RespondToCalls(IReadOnlyList<RpcRequest> calls, CancellationToken cancellation)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var sink = CreateSink(cancellation, inProcedure: true);
            var outputs = new List<Output>();
            try
            {
                Call(calls[i], sink, outputs, cancellation);
            }
            catch (EngineException e)
            {
                sink.Error(e);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Attention: handled below.
            }

            if (cancellation.IsCancellationRequested)
            {
                // The attention ends the response with DONE(ATTN); the calls after this one are dropped.
                sink.Complete(attention: true);
                return;
            }

            var failed = sink.EndProcedure();
            if (!failed)
            {
                ReturnStatusToken.Write(_writer, 0);
            }

            foreach (var output in outputs)
            {
                ReturnValueToken.Write(_writer, output.Ordinal, output.Name, output.Type, output.Value);
            }

            var status = (i + 1 < calls.Count ? DoneStatus.More : DoneStatus.Final) | (failed ? DoneStatus.Error : DoneStatus.Final);
            DoneToken.Write(_writer, status, DoneCommand.Execute, 0, DoneToken.DoneProc);
        }
    }

    private void Call(RpcRequest call, TdsResultSink sink, List<Output> outputs, CancellationToken cancellation)
    {
        switch (call.Procedure)
        {
            case RpcProcId.ExecuteSql:
                // sp_executesql @stmt [, @params [, values...]]
                var statement = Text(call, 0, "@stmt", required: true)!;
                Execute(statement, Text(call, 1, "@params", required: false), call, first: 2, sink, outputs, cancellation);
                break;
            case RpcProcId.Prepare:
                // sp_prepare @handle OUTPUT, @params, @stmt [, @options]
                var prepared = Register(call, outputs);
                ParameterDeclarations.Parse(prepared.Declarations); // Declaration errors surface now, as SQL Server compiles on sp_prepare.
                break;
            case RpcProcId.PrepExec:
                // sp_prepexec @handle OUTPUT, @params, @stmt [, values...]: the handle is returned even if the run fails.
                var batch = Register(call, outputs);
                Execute(batch.Text, batch.Declarations, call, first: 3, sink, outputs, cancellation);
                break;
            case RpcProcId.Execute:
                // sp_execute @handle [, values...]
                var known = _prepared.GetValueOrDefault(Handle(call));
                if (known is null)
                {
                    throw UnknownHandle(Handle(call));
                }

                Execute(known.Text, known.Declarations, call, first: 1, sink, outputs, cancellation);
                break;
            case RpcProcId.Unprepare:
                if (!_prepared.Remove(Handle(call)))
                {
                    throw UnknownHandle(Handle(call));
                }

                break;
            case RpcProcId.None:
                throw new EngineException(2812, 16, 62, $"Could not find stored procedure '{call.DisplayName}'.");
            default:
                throw new EngineException(ErrorNumbers.InternalError, 16, 1, $"{call.DisplayName} is not supported: server-side cursors (sp_cursor*) and sp_prepexecrpc are not implemented.");
        }
    }

    /// <summary>Runs a parameterized batch; on success each output parameter's value is returned.</summary>
    private void Execute(string text, string? declarations, RpcRequest call, int first, TdsResultSink sink, List<Output> outputs, CancellationToken cancellation)
    {
        var values = new List<SuppliedValue>();
        for (var p = first; p < call.Parameters.Count; p++)
        {
            var parameter = call.Parameters[p];
            values.Add(new SuppliedValue(parameter.Name, parameter.Value, parameter.IsDefault));
        }

        var bound = ParameterDeclarations.Bind(declarations, text, values);
        _executor!.ExecuteBatch(text, bound, sink, cancellation);
        if (sink.Failed)
        {
            return;
        }

        for (var p = first; p < call.Parameters.Count; p++)
        {
            var parameter = call.Parameters[p];
            if (parameter.IsOutput)
            {
                // The T-SQL executor leaves what the batch assigned in the bound parameter; the pass-through
                // one cannot assign, so its output parameters come back with the value they went in with.
                var declared = parameter.Name.Length == 0 ? p - first : IndexOf(bound, parameter.Name);
                var value = declared >= 0 && declared < bound.Count && bound[declared].HasReturnedValue ? bound[declared].ReturnedValue : parameter.Value;
                outputs.Add(new Output(p, parameter.Name, parameter.Type, value));
            }
        }
    }

    private static int IndexOf(IReadOnlyList<BatchParameter> bound, string name)
    {
        for (var i = 0; i < bound.Count; i++)
        {
            if (string.Equals(bound[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>sp_prepare / sp_prepexec: @handle OUTPUT, @params (may be absent from sp_prepare), @stmt.</summary>
    private PreparedBatch Register(RpcRequest call, List<Output> outputs)
    {
        if (call.Parameters.Count < 2 || call.Parameters[0].Type.Id != SqlTypeId.Int)
        {
            throw new EngineException(201, 16, 4, $"Procedure or function '{call.DisplayName}' expects parameter '@handle', which was not supplied.");
        }

        var withoutDeclarations = call.Procedure == RpcProcId.Prepare && call.Parameters.Count == 2;
        var batch = withoutDeclarations
            ? new PreparedBatch(null, Text(call, 1, "@stmt", required: true)!)
            : new PreparedBatch(Text(call, 1, "@params", required: false), Text(call, 2, "@stmt", required: true)!);
        var handle = ++_lastHandle;
        _prepared[handle] = batch;
        outputs.Add(new Output(0, call.Parameters[0].Name, SqlType.Int, handle));
        return batch;
    }

    private static int Handle(RpcRequest call) => call.Parameters.Count > 0 && call.Parameters[0].Value is int handle
        ? handle
        : throw new EngineException(201, 16, 4, $"Procedure or function '{call.DisplayName}' expects parameter '@handle', which was not supplied.");

    private static EngineException UnknownHandle(int handle) => new(8179, 16, 2, $"Could not find prepared statement with handle {handle}.");

    /// <summary>A string argument (@stmt, @params): nvarchar, nchar or ntext, as SQL Server requires; NULL or absent is null.</summary>
    private static string? Text(RpcRequest call, int index, string name, bool required)
    {
        var parameter = index < call.Parameters.Count ? call.Parameters[index] : null;
        if (parameter?.Value is string text)
        {
            return text;
        }

        if (parameter?.Value is not null || (parameter is not null && !parameter.Type.IsString))
        {
            throw new EngineException(214, 16, 2, $"Procedure expects parameter '{name}' of type 'ntext/nchar/nvarchar'.");
        }

        return required
            ? throw new EngineException(201, 16, 4, $"Procedure or function '{call.DisplayName}' expects parameter '{name}', which was not supplied.")
            : null;
    }
}
