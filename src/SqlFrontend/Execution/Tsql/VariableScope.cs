using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>A declared variable and its current value (a table variable has a backing temp table instead).</summary>
internal sealed class Variable
{
    public required string Name { get; init; }

    public SqlType? Type { get; init; }

    /// <summary>The type as declared, so assignments convert through the translator's CAST.</summary>
    public DataTypeReference? Declared { get; init; }

    public TableInfo? Table { get; init; }

    public object? Value { get; set; }

    public VariableInfo Info => new(Name, Type, Table);
}

/// <summary>
/// The variables of one batch or dynamic-SQL scope. T-SQL variables are visible from their DECLARE to the end
/// of the batch, whatever block declared them; a child scope (sp_executesql, EXEC('...')) sees none of its
/// parent's. Table variables are temp tables, dropped when the scope ends.
/// </summary>
internal sealed class VariableScope
{
    private readonly Dictionary<string, Variable> _variables = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<Variable> Variables => _variables.Values;

    public Variable? Find(string name) => _variables.GetValueOrDefault(name);

    public Variable Declare(Variable variable, int line)
    {
        if (!_variables.TryAdd(variable.Name, variable))
        {
            throw new EngineException(134, 15, 1,
                $"The variable name '{variable.Name}' has already been declared. Variable names must be unique within a query batch or stored procedure.") { Line = line };
        }

        return variable;
    }

    public static DataTypeReference Reference(SqlType type) => new() { Name = type.ToString() };
}
