using System.Collections.Frozen;
using System.Globalization;
using PredictEngine.SqlFrontend.Parsing;

namespace PredictEngine.SqlFrontend.Ast;

/// <summary>
/// Prints any syntax node as canonical T-SQL on one line: keywords and one-part (built-in) function names
/// upper-case, system type names lower-case, identifiers bare when regular and not reserved, otherwise
/// [bracketed]; one space around binary operators, ", " between list items, no trailing semicolon.
/// Parsing the output gives the same tree back, which is what the round-trip tests check.
/// </summary>
public static partial class SqlFormatter
{
    private static readonly FrozenSet<string> SystemTypes = new[]
    {
        "bigint", "int", "smallint", "tinyint", "bit", "decimal", "numeric", "money", "smallmoney", "float", "real", "date",
        "time", "datetime", "datetime2", "datetimeoffset", "smalldatetime", "char", "varchar", "nchar", "nvarchar", "text",
        "ntext", "binary", "varbinary", "image", "uniqueidentifier", "xml", "sql_variant", "rowversion", "timestamp",
        "hierarchyid", "geometry", "geography", "sysname", "double precision",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static string Format(SqlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node switch
        {
            SqlBatch batch => string.Join(";\n", batch.Statements.Select(Statement)),
            Statement statement => Statement(statement),
            Expression expression => Expression(expression),
            QueryExpression query => Query(query),
            TableSource source => TableSource(source),
            ObjectName name => Name(name),
            DataTypeReference type => DataType(type),
            SelectItem item => SelectItem(item),
            OrderByItem item => OrderByItem(item),
            CommonTableExpression cte => With([cte]).TrimEnd(),
            ColumnDefinition column => ColumnDefinition(column),
            TableConstraint constraint => TableConstraint(constraint),
            ColumnSpec spec => ColumnSpec(spec),
            BulkOption option => BulkOption(option),
            WindowSpecification window => Window(window),
            WhenClause w => $"WHEN {Expression(w.When)} THEN {Expression(w.Then)}",
            TopClause top => Top(top).TrimEnd(),
            SetClause set => SetClause(set),
            ExecuteArgument argument => ExecuteArgument(argument),
            VariableDeclaration declaration => VariableDeclaration(declaration),
            DmlTarget target => DmlTarget(target),
            _ => throw new ArgumentException($"Cannot format a {node.GetType().Name}.", nameof(node)),
        };
    }

    /// <summary>A regular identifier (letter, _ or # first; letters, digits, _ @ $ # after) that is not reserved prints bare.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return name;
        }

        return IsRegular(name) && !ReservedWords.IsReserved(name) ? name : "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }

    private static bool IsRegular(string name)
    {
        if (!(char.IsLetter(name[0]) || name[0] is '_' or '#'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '@' or '$' or '#'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Parts(IEnumerable<string> parts) => string.Join('.', parts.Select(Identifier));

    private static string Name(ObjectName name) => Parts(name.Parts);

    private static string IdentifierList(IEnumerable<string> names) => "(" + string.Join(", ", names.Select(Identifier)) + ")";

    /// <summary>Built-in functions are one-part names, printed upper-case; schema-qualified ones keep their spelling.</summary>
    private static string FunctionName(ObjectName name)
    {
        if (name.Parts.Count == 1 && IsRegular(name.Name)
            && (!ReservedWords.IsReserved(name.Name) || Parser.ReservedFunctions.Contains(name.Name) || Parser.NiladicFunctions.Contains(name.Name)))
        {
            return name.Name.ToUpperInvariant();
        }

        return Name(name);
    }

    private static string DataType(DataTypeReference type)
    {
        var name = SystemTypes.Contains(type.Name) ? type.Name.ToLowerInvariant() : Parts(type.Name.Split('.'));
        if (type.Arguments.Count == 0)
        {
            return name;
        }

        var arguments = type.Arguments.Select(a => a.Equals("max", StringComparison.OrdinalIgnoreCase) ? "max" : a);
        return $"{name}({string.Join(", ", arguments)})";
    }

    private static string String(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Literal(LiteralExpression literal) => literal.Kind switch
    {
        LiteralKind.Null => "NULL",
        LiteralKind.Integer or LiteralKind.Decimal or LiteralKind.Float => literal.Value,
        LiteralKind.Money => "$" + literal.Value,
        LiteralKind.String => String(literal.Value),
        LiteralKind.NationalString => "N" + String(literal.Value),
        LiteralKind.Binary => "0x" + literal.Value,
        LiteralKind.Default => "DEFAULT",
        _ => throw new ArgumentException($"Unknown literal kind {literal.Kind}.", nameof(literal)),
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Operator(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.BitwiseXor => "^",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.Greater => ">",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.NotLess => "!<",
        BinaryOperator.NotGreater => "!>",
        BinaryOperator.And => "AND",
        BinaryOperator.Or => "OR",
        _ => throw new ArgumentException($"Unknown operator {op}.", nameof(op)),
    };

    /// <summary>"+=" for a compound assignment, "=" for a plain one.</summary>
    private static string Assign(BinaryOperator? compound) => compound is { } op ? Operator(op) + "=" : "=";
}
