using System.Data;
using PredictEngine.SqlFrontend.Types;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Execution;

/// <summary>
/// A parameter of a parameterized batch (sp_executesql and its prepared forms): its name with the @,
/// its declared type, and its value as a CLR object (null = NULL; see ParameterValueReader for the CLR
/// type of each SQL type: SqlDecimal for decimals, DateOnly, TimeOnly, DateTime, Guid, string, byte[]...).
/// </summary>
public sealed record BatchParameter(string Name, SqlType Type, object? Value, ParameterDirection Direction = ParameterDirection.Input)
{
    /// <summary>Whether an executor set <see cref="ReturnedValue"/> (executors that cannot assign variables never do).</summary>
    public bool HasReturnedValue { get; private set; }

    /// <summary>An output parameter's value when the batch ended, for the RETURNVALUE token.</summary>
    public object? ReturnedValue { get; private set; }

    /// <summary>Called by the executor at the end of the batch for each output parameter.</summary>
    public void SetReturnedValue(object? value)
    {
        ReturnedValue = value;
        HasReturnedValue = true;
    }
}

/// <summary>A value as the client supplied it: by name (with the @) or, with an empty name, by position.</summary>
public readonly record struct SuppliedValue(string Name, object? Value, bool IsDefault = false);

/// <summary>
/// The @params argument of sp_executesql / sp_prepare: <c>@x int, @y nvarchar(10) OUTPUT</c>. Parsing
/// it and matching the supplied values against it are T-SQL rules, so they live here, not in the protocol.
/// </summary>
public static class ParameterDeclarations
{
    /// <summary>Parses a declaration list; a syntax error is Msg 102, an unknown type Msg 2715.</summary>
    public static IReadOnlyList<(string Name, SqlType Type, bool Output)> Parse(string? declarations)
    {
        var result = new List<(string, SqlType, bool)>();
        if (string.IsNullOrWhiteSpace(declarations))
        {
            return result;
        }

        foreach (var item in SplitTopLevel(declarations))
        {
            var text = item.Trim();
            if (text.Length < 2 || text[0] != '@')
            {
                throw Syntax(text.Length == 0 ? "," : text);
            }

            var end = 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var name = text[..end];
            var rest = text[end..].Trim();
            var output = false;
            foreach (var keyword in new[] { "OUTPUT", "OUT" })
            {
                if (rest.EndsWith(keyword, StringComparison.OrdinalIgnoreCase) && rest.Length > keyword.Length && char.IsWhiteSpace(rest[^(keyword.Length + 1)]))
                {
                    output = true;
                    rest = rest[..^keyword.Length].TrimEnd();
                    break;
                }
            }

            if (rest.StartsWith("AS ", StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[3..].Trim();
            }

            if (rest.Length == 0)
            {
                throw Syntax(name);
            }

            if (result.Exists(p => string.Equals(p.Item1, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new EngineException(134, 15, 1, $"The variable name '{name}' has already been declared. Variable names must be unique within a query batch or stored procedure.");
            }

            result.Add((name, ParseType(rest), output));
        }

        return result;
    }

    /// <summary>
    /// Matches supplied values to the declarations (named ones by name, unnamed ones by position) as
    /// sp_executesql does: a declared parameter without a value (or sent as "default") is Msg 8178, a
    /// value for an undeclared name Msg 8145.
    /// </summary>
    public static IReadOnlyList<BatchParameter> Bind(string? declarations, string statement, IReadOnlyList<SuppliedValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var declared = Parse(declarations);
        var bound = new object?[declared.Count];
        var supplied = new bool[declared.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var index = value.Name.Length == 0 ? i : IndexOf(declared, value.Name);
            if (index < 0 || index >= declared.Count)
            {
                throw new EngineException(8145, 16, 1, value.Name.Length == 0
                    ? $"Procedure or function sp_executesql has too many arguments specified."
                    : $"{value.Name} is not a parameter for procedure sp_executesql.");
            }

            bound[index] = value.Value;
            supplied[index] = !value.IsDefault;
        }

        var parameters = new List<BatchParameter>(declared.Count);
        for (var i = 0; i < declared.Count; i++)
        {
            var (name, type, output) = declared[i];
            if (!supplied[i])
            {
                var query = $"({declarations}){statement}";
                throw new EngineException(8178, 16, 1, $"The parameterized query '{(query.Length > 100 ? query[..100] : query)}' expects the parameter '{name}', which was not supplied.");
            }

            parameters.Add(new BatchParameter(name, type, bound[i], output ? ParameterDirection.InputOutput : ParameterDirection.Input));
        }

        return parameters;
    }

    /// <summary>
    /// A declared type. Clients also declare types the engine stores as another (SqlClient writes
    /// <c>money</c>, <c>datetimeoffset(7)</c>, <c>ntext</c>...): they are taken as the type their values
    /// arrive as, the rest as <see cref="SqlTypeName"/> parses them.
    /// </summary>
    public static SqlType ParseType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? text : text[..open]).Trim().Trim('[', ']').ToLowerInvariant();
        return name switch
        {
            "money" => SqlType.Decimal(19, 4),
            "smallmoney" => SqlType.Decimal(10, 4),
            "smalldatetime" => SqlType.DateTime,
            "datetimeoffset" => SqlTypeName.Parse("datetime2" + (open < 0 ? string.Empty : text[open..])),
            "text" => SqlType.VarChar(SqlType.MaxLength),
            "ntext" => SqlType.NVarChar(SqlType.MaxLength),
            "image" => SqlType.VarBinary(SqlType.MaxLength),
            "sysname" => SqlType.NVarChar(128),
            _ => SqlTypeName.Parse(text),
        };
    }

    private static int IndexOf(IReadOnlyList<(string Name, SqlType Type, bool Output)> declared, string name)
    {
        for (var i = 0; i < declared.Count; i++)
        {
            if (string.Equals(declared[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits on commas outside parentheses: <c>@d decimal(10, 2), @s nvarchar(5)</c>.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static EngineException Syntax(string near) => new(102, 15, 1, $"Incorrect syntax near '{near}'.");
}
