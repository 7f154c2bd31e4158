using PredictEngine.SqlFrontend.Functions;
using PredictEngine.SqlFrontend.Metadata;
using Xunit;
using static PredictEngine.Tests.Frontend.Functions.Args;

namespace PredictEngine.Tests.Frontend.Metadata;

public sealed class CatalogViewTests : IClassFixture<MetadataDatabase>
{
    private static readonly FunctionContext Context = new("predict", "sa", "PREDICT01");

    private readonly MetadataDatabase _db;

    public CatalogViewTests(MetadataDatabase db) => _db = db;

    [Fact]
    public void Sys_tables_lists_user_tables_but_not_temp_tables_or_catalog_views()
    {
        var rows = _db.Query("SELECT s.name, t.name, t.type, t.type_desc FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id ORDER BY 2");

        Assert.Equal([["dbo", "customers", "U", "USER_TABLE"], ["sales", "orders", "U", "USER_TABLE"]], rows);
    }

    [Fact]
    public void Sys_objects_and_views_include_the_view()
    {
        Assert.Equal("V", _db.Scalar("SELECT type FROM sys.objects WHERE name = 'v_customers'"));
        Assert.Equal("v_customers", _db.Scalar("SELECT name FROM sys.views"));
        Assert.Equal("3", _db.Scalar("SELECT count(*) FROM sys.objects"));
    }

    [Fact]
    public void Sys_schemas_maps_main_to_dbo_and_hides_engine_schemas()
    {
        var names = _db.Query("SELECT name, schema_id FROM sys.schemas ORDER BY name").Select(r => r[0]).ToList();

        Assert.Equal(["dbo", "guest", "INFORMATION_SCHEMA", "sales", "sys"], names.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal("1", _db.Scalar("SELECT schema_id FROM sys.schemas WHERE name = 'dbo'"));
    }

    [Fact]
    public void Sys_columns_reports_declared_types()
    {
        var rows = _db.Query(
            "SELECT c.name, c.column_id, c.system_type_id, c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity, c.collation_name "
            + "FROM sys.columns c JOIN sys.tables t ON t.object_id = c.object_id WHERE t.name = 'customers' ORDER BY c.column_id");

        Assert.Equal(
            [
                ["id", "1", "56", "4", "10", "0", "false", "true", null],
                ["name", "2", "231", "100", "0", "0", "true", "false", "SQL_Latin1_General_CP1_CI_AS"],
                ["balance", "3", "106", "9", "10", "2", "true", "false", null],
                ["created", "4", "61", "8", "23", "3", "true", "false", null],
            ],
            rows);
    }

    [Fact]
    public void Columns_without_a_comment_are_typed_from_duckdb()
    {
        var rows = _db.Query(
            "SELECT c.name, ty.name, c.max_length FROM sys.columns c JOIN sys.types ty ON ty.user_type_id = c.user_type_id "
            + "JOIN sys.tables t ON t.object_id = c.object_id WHERE t.name = 'orders' ORDER BY c.column_id");

        Assert.Equal([["id", "bigint", "8"], ["note", "varchar", "-1"], ["code", "char", "3"]], rows);
    }

    [Fact]
    public void Sys_types_uses_sql_server_type_ids()
    {
        Assert.Equal("56", _db.Scalar("SELECT system_type_id FROM sys.types WHERE name = 'int'"));
        Assert.Equal("231", _db.Scalar("SELECT system_type_id FROM sys.types WHERE name = 'nvarchar'"));
        Assert.Equal("42", _db.Scalar("SELECT system_type_id FROM sys.types WHERE name = 'datetime2'"));
        Assert.Equal("256", _db.Scalar("SELECT user_type_id FROM sys.types WHERE name = 'sysname'"));
    }

    [Fact]
    public void Sys_databases_lists_the_session_database()
    {
        Assert.Equal("5", _db.Scalar("SELECT database_id FROM sys.databases WHERE name = 'predict'"));
        Assert.Equal("master", _db.Scalar("SELECT name FROM sys.databases WHERE database_id = 1"));
        Assert.Equal("ONLINE", _db.Scalar("SELECT state_desc FROM sys.databases WHERE name = 'predict'"));
    }

    [Fact]
    public void Information_schema_tables_and_columns()
    {
        Assert.Equal(
            [["predict", "dbo", "customers", "BASE TABLE"], ["predict", "dbo", "v_customers", "VIEW"], ["predict", "sales", "orders", "BASE TABLE"]],
            _db.Query("SELECT * FROM tsql_information_schema.TABLES ORDER BY TABLE_SCHEMA, TABLE_NAME"));

        var columns = _db.Query(
            "SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION "
            + "FROM tsql_information_schema.COLUMNS WHERE TABLE_NAME IN ('customers', 'orders') ORDER BY TABLE_NAME, ORDINAL_POSITION");
        Assert.Equal(
            [
                ["id", "1", null, "NO", "int", null, "10", "0", null],
                ["name", "2", null, "YES", "nvarchar", "50", null, null, null],
                ["balance", "3", "((0))", "YES", "decimal", null, "10", "2", null],
                ["created", "4", null, "YES", "datetime", null, null, null, "3"],
                ["id", "1", null, "YES", "bigint", null, "19", "0", null],
                ["note", "2", null, "YES", "varchar", "-1", null, null, null],
                ["code", "3", null, "YES", "char", "3", null, null, null],
            ],
            columns);
    }

    [Fact]
    public void Information_schema_schemata_and_views()
    {
        Assert.Contains(["sales"], _db.Query("SELECT SCHEMA_NAME FROM tsql_information_schema.SCHEMATA"));
        Assert.Equal("v_customers", _db.Scalar("SELECT TABLE_NAME FROM tsql_information_schema.VIEWS"));
    }

    [Fact]
    public void Installing_again_is_harmless()
    {
        CatalogViews.EnsureInstalled(_db.Connection, "predict");
        CatalogViews.EnsureInstalled(_db.Connection);

        Assert.Equal("2", _db.Scalar("SELECT count(*) FROM sys.tables"));
    }

    [Fact]
    public void Object_functions_resolve_through_the_catalog()
    {
        string? Eval(string name, params TypedSql[] args) => _db.Scalar("SELECT " + BuiltinFunctions.Translate(name, args, Context).Sql);

        var id = Eval("OBJECT_ID", S("dbo.customers"));
        Assert.NotNull(id);
        Assert.Equal(id, Eval("OBJECT_ID", S("[customers]")));
        Assert.Equal(id, Eval("OBJECT_ID", S("customers"), S("U")));
        Assert.Null(Eval("OBJECT_ID", S("customers"), S("V")));
        Assert.NotNull(Eval("OBJECT_ID", S("v_customers"), S("V")));
        Assert.NotNull(Eval("OBJECT_ID", S("tempdb..#scratch")));
        Assert.Null(Eval("OBJECT_ID", S("orders")));
        var orders = Eval("OBJECT_ID", S("sales.orders"))!;
        Assert.Equal("orders", Eval("OBJECT_NAME", I(int.Parse(orders, System.Globalization.CultureInfo.InvariantCulture))));
        var customers = I(int.Parse(id!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("name", Eval("COL_NAME", customers, I(2)));
        Assert.Equal("1", Eval("COLUMNPROPERTY", customers, S("id"), S("IsIdentity")));
        Assert.Equal("0", Eval("COLUMNPROPERTY", customers, S("id"), S("AllowsNull")));
        Assert.Equal("10", Eval("COLUMNPROPERTY", customers, S("balance"), S("Precision")));
        Assert.Equal("sales", Eval("SCHEMA_NAME", I(int.Parse(_db.Scalar("SELECT schema_id FROM sys.schemas WHERE name = 'sales'")!, System.Globalization.CultureInfo.InvariantCulture))));
    }
}
