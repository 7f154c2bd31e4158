using PredictEngine.SqlFrontend.Ast;
using PredictEngine.SqlFrontend.Procedures;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>
/// The system procedures EXEC can call, by name (case-insensitively). A name may carry a <c>dbo.</c>/<c>sys.</c>
/// schema and the current database or master as its database part. Thread-safe: sessions look procedures up
/// while hosts may still add theirs.
/// </summary>
public sealed class ProcedureRegistry
{
    private readonly Dictionary<string, ISystemProcedure> _procedures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public ProcedureRegistry()
    {
    }

    public ProcedureRegistry(IEnumerable<ISystemProcedure> procedures)
    {
        ArgumentNullException.ThrowIfNull(procedures);
        foreach (var procedure in procedures)
        {
            Add(procedure);
        }
    }

    /// <summary>Adds a procedure; one with the same name replaces the earlier one.</summary>
    public void Add(ISystemProcedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        lock (_gate)
        {
            _procedures[procedure.Name] = procedure;
        }
    }

    public void AddRange(IEnumerable<ISystemProcedure> procedures)
    {
        ArgumentNullException.ThrowIfNull(procedures);
        foreach (var procedure in procedures)
        {
            Add(procedure);
        }
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _procedures.Keys];
            }
        }
    }

    public ISystemProcedure? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _procedures.GetValueOrDefault(name);
        }
    }

    /// <summary>The procedure an EXEC names: schema dbo or sys (or none), database the current one or master.</summary>
    public ISystemProcedure? Find(ObjectName name, string database)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Server is not null)
        {
            return null;
        }

        if (name.Database is { Length: > 0 } db
            && !string.Equals(db, database, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(db, "master", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (name.Schema is { Length: > 0 } schema
            && !string.Equals(schema, "dbo", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(schema, "sys", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Find(name.Name);
    }
}
