using PredictEngine.SqlFrontend.Metadata;
using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Metadata;

public sealed class SystemProcedureTests : IClassFixture<MetadataDatabase>
{
    private readonly MetadataDatabase _db;

    public SystemProcedureTests(MetadataDatabase db) => _db = db;

    private TestProcedureContext Run(string name, params ProcedureArgument[] arguments)
    {
        var context = new TestProcedureContext(_db.Connection);
        var procedure = SystemProcedures.All.Single(p => p.Name == name);
        Assert.Equal(0, procedure.Execute(context, arguments));
        return context;
    }

    private static string Join(string?[] row) => string.Join("|", row.Select(v => v ?? "NULL"));

    private static ProcedureArgument Arg(string? value, string? name = null) => new(name, value, null);

    [Fact]
    public void All_lists_the_catalog_procedures() =>
        Assert.Equal(["sp_columns", "sp_databases", "sp_help", "sp_helptext", "sp_tables"], SystemProcedures.All.Select(p => p.Name).Order());

    [Fact]
    public void Sp_help_without_arguments_lists_objects()
    {
        var sets = Run("sp_help").Recorded.ResultSets;

        Assert.Equal(["Name", "Owner", "Object_type"], sets[0].Columns);
        Assert.Equal([["customers", "dbo", "user table"], ["orders", "sales", "user table"], ["v_customers", "dbo", "view"]], sets[0].Rows);
    }

    [Fact]
    public void Sp_help_describes_a_table()
    {
        var sets = Run("sp_help", Arg("dbo.customers")).Recorded.ResultSets;

        Assert.Equal(5, sets.Count);
        Assert.Equal("customers|dbo|user table", Join(sets[0].Rows.Single()[..3]));
        Assert.Equal(["Column_name", "Type", "Computed", "Length", "Prec", "Scale", "Nullable", "TrimTrailingBlanks", "FixedLenNullInSource", "Collation"], sets[1].Columns);
        Assert.Equal("name|nvarchar|no|100|||yes|(n/a)|(n/a)|SQL_Latin1_General_CP1_CI_AS", Join(sets[1].Rows[1]));
        Assert.Equal("balance|decimal|no|9|   10|    2|yes|(n/a)|(n/a)|NULL", Join(sets[1].Rows[2]));
        Assert.Equal("id|100|5|0", Join(sets[2].Rows.Single()));
        Assert.Equal("PRIMARY", sets[4].Rows.Single()[0]);
    }

    [Fact]
    public void Sp_help_of_a_missing_object_is_msg_15009()
    {
        var error = Assert.Throws<EngineException>(() => Run("sp_help", Arg("nope")));

        Assert.Equal(15009, error.Number);
        Assert.Equal("The object 'nope' does not exist in database 'predict' or is invalid for this operation.", error.Message);
    }

    [Fact]
    public void Sp_tables_filters_by_pattern_and_type()
    {
        var all = Run("sp_tables").Recorded.ResultSets.Single();
        Assert.Equal(["TABLE_QUALIFIER", "TABLE_OWNER", "TABLE_NAME", "TABLE_TYPE", "REMARKS"], all.Columns);
        Assert.Equal([["predict", "dbo", "customers", "TABLE", null], ["predict", "sales", "orders", "TABLE", null], ["predict", "dbo", "v_customers", "VIEW", null]], all.Rows);

        var named = Run("sp_tables", Arg("cust%", "@table_name")).Recorded.ResultSets.Single();
        Assert.Equal("customers", named.Rows.Single()[2]);

        var views = Run("sp_tables", Arg("'VIEW'", "@table_type")).Recorded.ResultSets.Single();
        Assert.Equal("v_customers", views.Rows.Single()[2]);
    }

    [Fact]
    public void Sp_columns_reports_odbc_descriptions()
    {
        var set = Run("sp_columns", Arg("customers")).Recorded.ResultSets.Single();
        string? Cell(int row, string column) => set.Rows[row][set.Columns.ToList().IndexOf(column)];

        Assert.Equal(4, set.Rows.Count);
        Assert.Equal("int identity", Cell(0, "TYPE_NAME"));
        Assert.Equal("4", Cell(0, "DATA_TYPE"));
        Assert.Equal("0", Cell(0, "NULLABLE"));
        Assert.Equal("-9", Cell(1, "DATA_TYPE"));
        Assert.Equal("50", Cell(1, "PRECISION"));
        Assert.Equal("100", Cell(1, "LENGTH"));
        Assert.Equal("2", Cell(2, "SCALE"));
        Assert.Equal("11", Cell(3, "DATA_TYPE"));
        Assert.Equal("YES", Cell(3, "IS_NULLABLE"));
        Assert.Equal("4", Cell(3, "ORDINAL_POSITION"));
    }

    [Fact]
    public void Sp_columns_requires_a_table_name()
    {
        var error = Assert.Throws<EngineException>(() => Run("sp_columns"));

        Assert.Equal(201, error.Number);
    }

    [Fact]
    public void Sp_helptext_returns_the_view_definition()
    {
        var set = Run("sp_helptext", Arg("v_customers")).Recorded.ResultSets.Single();

        Assert.Equal(["Text"], set.Columns);
        Assert.Contains("customers", string.Concat(set.Rows.Select(r => r[0])), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sp_databases_lists_the_database()
    {
        var set = Run("sp_databases").Recorded.ResultSets.Single();

        Assert.Equal(["DATABASE_NAME", "DATABASE_SIZE", "REMARKS"], set.Columns);
        Assert.Equal("predict", set.Rows.Single()[0]);
    }
}
