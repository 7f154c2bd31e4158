using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>Small builders for syntax trees, so binder tests read close to the T-SQL they stand for.</summary>
internal static class Ast
{
    public static ColumnReference Col(params string[] parts) => new() { Parts = parts };

    public static LiteralExpression Int(long value) => new() { Kind = LiteralKind.Integer, Value = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static LiteralExpression Dec(string value) => new() { Kind = LiteralKind.Decimal, Value = value };

    public static LiteralExpression Str(string value) => new() { Kind = LiteralKind.String, Value = value };

    public static LiteralExpression NStr(string value) => new() { Kind = LiteralKind.NationalString, Value = value };

    public static LiteralExpression Null => new() { Kind = LiteralKind.Null };

    public static LiteralExpression Default => new() { Kind = LiteralKind.Default };

    public static VariableReference Var(string name) => new() { Name = name };

    public static BinaryExpression Bin(BinaryOperator op, Expression left, Expression right) => new() { Operator = op, Left = left, Right = right };

    public static BinaryExpression Eq(Expression left, Expression right) => Bin(BinaryOperator.Equal, left, right);

    public static FunctionCall Fn(string name, params Expression[] args) => new() { Name = Name(name), Arguments = args };

    public static ObjectName Name(params string[] parts) => new() { Parts = parts };

    public static DataTypeReference Type(string name, params string[] args) => new() { Name = name, Arguments = args };

    public static SelectColumn Item(Expression expression, string? alias = null) => new() { Expression = expression, Alias = alias };

    public static SelectStar Star(params string[] qualifier) => new() { Qualifier = qualifier };

    public static NamedTableSource Table(string name, string? alias = null) => new() { Name = Name(name.Split('.')), Alias = alias };

    public static OrderByItem Asc(Expression e) => new() { Expression = e };

    public static OrderByItem Desc(Expression e) => new() { Expression = e, Descending = true };

    public static SelectStatement Select(QueryExpression query, params CommonTableExpression[] with) => new() { Query = query, With = with };

    /// <summary>SELECT items [FROM from] [WHERE where] [ORDER BY order].</summary>
    public static SelectStatement Select(IReadOnlyList<SelectItem> items, TableSource? from = null, Expression? where = null, IReadOnlyList<OrderByItem>? order = null) =>
        new() { Query = Spec(items, from, where, order) };

    public static QuerySpecification Spec(IReadOnlyList<SelectItem> items, TableSource? from = null, Expression? where = null, IReadOnlyList<OrderByItem>? order = null) =>
        new() { SelectItems = items, From = from is null ? [] : [from], Where = where, OrderBy = order ?? [] };

    public static SelectStatement Values(params Expression[] values) => Select(values.Select(v => (SelectItem)Item(v)).ToArray());

    public static ColumnDefinition Column(string name, DataTypeReference type, bool? nullable = null) => new() { Name = name, DataType = type, Nullable = nullable };

    public static CreateTableStatement Create(string name, params ColumnDefinition[] columns) => new() { Name = Name(name.Split('.')), Columns = columns };

    public static InsertStatement Insert(string table, IReadOnlyList<string> columns, params Expression[][] rows) =>
        new() { Target = new DmlTarget { Table = Name(table.Split('.')) }, Columns = columns, Source = new ValuesInsertSource { Rows = rows } };

    public static Expression[] Row(params Expression[] values) => values;
}
