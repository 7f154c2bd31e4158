using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Tds.Protocol;

/// <summary>The well-known procedures a client may call by number (ProcIDSwitch 0xFFFF + ProcID).</summary>
public enum RpcProcId : ushort
{
    /// <summary>Called by name (<see cref="RpcRequest.ProcName"/>) and not one of the procedures below.</summary>
    None = 0,
    Cursor = 1,
    CursorOpen = 2,
    CursorPrepare = 3,
    CursorExecute = 4,
    CursorPrepExec = 5,
    CursorUnprepare = 6,
    CursorFetch = 7,
    CursorOption = 8,
    CursorClose = 9,
    ExecuteSql = 10,
    Prepare = 11,
    Execute = 12,
    PrepExec = 13,
    PrepExecRpc = 14,
    Unprepare = 15,
}

/// <summary>A parameter's StatusFlags: 0x01 fByRefValue (OUTPUT), 0x02 fDefaultValue, 0x08 fEncrypted.</summary>
[Flags]
public enum RpcParameterStatus : byte
{
    None = 0,
    ByReference = 0x01,
    DefaultValue = 0x02,
    Encrypted = 0x08,
}

/// <summary>One parameter as sent: its name (may be empty), status, the engine type of its TYPE_INFO and its value.</summary>
public sealed record RpcParameter(string Name, RpcParameterStatus Status, SqlType Type, object? Value)
{
    public bool IsOutput => (Status & RpcParameterStatus.ByReference) != 0;

    /// <summary>The client asked for the parameter's default (SqlClient does so for a parameter whose Value is null).</summary>
    public bool IsDefault => (Status & RpcParameterStatus.DefaultValue) != 0;
}

/// <summary>
/// One RPC of an RPC request (MS-TDS 2.2.6.6): a procedure by name or ProcID, option flags, parameters.
/// A message may hold several, separated by a batch flag (0xFF; 0x80 before TDS 7.2).
/// </summary>
public sealed record RpcRequest(string? ProcName, RpcProcId ProcId, ushort Options, IReadOnlyList<RpcParameter> Parameters)
{
    /// <summary>SQL Server's limit on parameters in one request (error 8003 beyond it).</summary>
    public const int MaxParameters = 2100;

    private const ushort ProcIdSwitch = 0xFFFF;
    private const byte BatchFlag = 0xFF;
    private const byte BatchFlag71 = 0x80;
    private const byte NoExecFlag = 0xFE;
    private const uint Tds72 = 0x72090002;

    /// <summary>The procedure this call runs: its ProcID, or the well-known procedure its name spells (sp_executesql, sys.sp_prepare...).</summary>
    public RpcProcId Procedure => ProcId != RpcProcId.None ? ProcId : ByName(ProcName);

    public string DisplayName => ProcName ?? ProcId switch
    {
        RpcProcId.Cursor => "sp_cursor",
        RpcProcId.CursorOpen => "sp_cursoropen",
        RpcProcId.CursorPrepare => "sp_cursorprepare",
        RpcProcId.CursorExecute => "sp_cursorexecute",
        RpcProcId.CursorPrepExec => "sp_cursorprepexec",
        RpcProcId.CursorUnprepare => "sp_cursorunprepare",
        RpcProcId.CursorFetch => "sp_cursorfetch",
        RpcProcId.CursorOption => "sp_cursoroption",
        RpcProcId.CursorClose => "sp_cursorclose",
        RpcProcId.ExecuteSql => "sp_executesql",
        RpcProcId.Prepare => "sp_prepare",
        RpcProcId.Execute => "sp_execute",
        RpcProcId.PrepExec => "sp_prepexec",
        RpcProcId.PrepExecRpc => "sp_prepexecrpc",
        RpcProcId.Unprepare => "sp_unprepare",
        _ => $"procedure id {(int)ProcId}",
    };

    /// <summary>
    /// Parses every RPC of a message's payload after ALL_HEADERS. Truncated or inconsistent data is a
    /// <see cref="TdsProtocolException"/>; well-formed requests we cannot take (unknown types, too many
    /// parameters, encrypted parameters) are an <see cref="EngineException"/> that the server reports
    /// while keeping the session, as the message's bounds are known either way.
    /// </summary>
    public static IReadOnlyList<RpcRequest> ParseMessage(ReadOnlySpan<byte> payload, uint tdsVersion)
    {
        var reader = new TdsSpanReader(payload);
        var separator = tdsVersion >= Tds72 ? BatchFlag : BatchFlag71;
        var requests = new List<RpcRequest>();
        var total = 0;
        do
        {
            var request = ParseOne(ref reader, separator, ref total);
            requests.Add(request);
            if (reader.AtEnd)
            {
                break;
            }

            // ParseOne stops at a batch flag: another RPC follows it (a flag at the very end is tolerated).
            reader.Skip(1, "a batch flag");
        }
        while (!reader.AtEnd);

        return requests;
    }

    private static RpcRequest ParseOne(ref TdsSpanReader reader, byte separator, ref int total)
    {
        var nameLength = reader.ReadUInt16("the procedure name length");
        string? name = null;
        var procId = RpcProcId.None;
        if (nameLength == ProcIdSwitch)
        {
            procId = (RpcProcId)reader.ReadUInt16("the procedure id");
            if (procId == RpcProcId.None)
            {
                throw new EngineException(8001, 16, 1, "The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. The RPC name is invalid.");
            }
        }
        else
        {
            name = reader.ReadUtf16(nameLength, "the procedure name");
        }

        var options = reader.ReadUInt16("the RPC option flags");
        var parameters = new List<RpcParameter>();
        while (!reader.AtEnd)
        {
            var next = reader.Peek("a parameter");
            if (next == separator)
            {
                break;
            }

            if (next == NoExecFlag && separator == BatchFlag)
            {
                throw new EngineException(8001, 16, 1, "The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. NoExecFlag (0xFE) batches are not supported.");
            }

            if (++total > MaxParameters)
            {
                throw new EngineException(8003, 16, 1, $"The incoming request has too many parameters. The server supports a maximum of {MaxParameters} parameters. Reduce the number of parameters and resend the request.");
            }

            parameters.Add(ReadParameter(ref reader, parameters.Count + 1));
        }

        return new RpcRequest(name, procId, options, parameters);
    }

    private static RpcParameter ReadParameter(ref TdsSpanReader reader, int ordinal)
    {
        var name = reader.ReadBVarChar("a parameter name");
        var status = (RpcParameterStatus)reader.ReadByte("a parameter's status flags");
        if ((status & RpcParameterStatus.Encrypted) != 0)
        {
            throw new EngineException(8009, 16, 1, $"The incoming tabular data stream (TDS) remote procedure call (RPC) protocol stream is incorrect. Parameter {ordinal} (\"{name}\") is encrypted; Always Encrypted is not supported.");
        }

        var type = TypeInfoReader.Read(ref reader, ordinal, name);
        var value = ParameterValueReader.Read(ref reader, type, ordinal, name);
        return new RpcParameter(name, status, type.Type, value);
    }

    private static RpcProcId ByName(string? name)
    {
        if (name is null)
        {
            return RpcProcId.None;
        }

        // The last part of a multi-part name, unbracketed: sp_executesql, sys.sp_executesql, [master]..[sp_executesql].
        var last = name[(name.LastIndexOf('.') + 1)..].Trim().Trim('[', ']');
        return last.ToLowerInvariant() switch
        {
            "sp_executesql" => RpcProcId.ExecuteSql,
            "sp_prepare" => RpcProcId.Prepare,
            "sp_execute" => RpcProcId.Execute,
            "sp_prepexec" => RpcProcId.PrepExec,
            "sp_unprepare" => RpcProcId.Unprepare,
            _ => RpcProcId.None,
        };
    }
}
