namespace PredictEngine.SqlFrontend.Ast;

/// <summary>
/// The root of the T-SQL syntax tree. Nodes are immutable classes with init-only properties rather than
/// positional records, so a property can be added without touching every place that builds a node.
/// <see cref="Line"/> is the 1-based line of the node's first token in its batch: SQL Server reports
/// errors by the line of the statement that raised them.
/// </summary>
public abstract class SqlNode
{
    public int Line { get; init; } = 1;
}

/// <summary>A name of one to four parts: [server.][database.][schema.]object, each part unescaped.</summary>
public sealed class ObjectName : SqlNode
{
    public required IReadOnlyList<string> Parts { get; init; }

    public string Name => Parts[^1];

    public string? Schema => Parts.Count >= 2 ? Parts[^2] : null;

    public string? Database => Parts.Count >= 3 ? Parts[^3] : null;

    public string? Server => Parts.Count >= 4 ? Parts[^4] : null;

    /// <summary>A #temp table (or ##global temp table).</summary>
    public bool IsTemporary => Name.StartsWith('#');

    public override string ToString() => string.Join('.', Parts);
}

/// <summary>A data type as written: <c>decimal(10, 2)</c>, <c>nvarchar(max)</c>, <c>int</c>; parse it with SqlTypeName.</summary>
public sealed class DataTypeReference : SqlNode
{
    public required string Name { get; init; }

    /// <summary>The arguments as written ("10", "2", "max"); empty when none.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public override string ToString() => Arguments.Count == 0 ? Name : $"{Name}({string.Join(", ", Arguments)})";
}

/// <summary>One batch: what a client sends in one SQL batch request or what sqlcmd sends between GOs.</summary>
public sealed class SqlBatch : SqlNode
{
    public required IReadOnlyList<Statement> Statements { get; init; }
}
