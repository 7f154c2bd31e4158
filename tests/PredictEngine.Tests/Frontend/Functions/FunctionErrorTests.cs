using Xunit;
using PredictEngine.SqlFrontend.Functions;
using PredictEngine.Storage.Errors;
using static PredictEngine.Tests.Frontend.Functions.Args;

namespace PredictEngine.Tests.Frontend.Functions;

public sealed class FunctionErrorTests : IClassFixture<FunctionDatabase>
{
    private static readonly FunctionContext Context = new("predict", "sa", "PREDICT01");

    private readonly FunctionDatabase _db;

    public FunctionErrorTests(FunctionDatabase db) => _db = db;

    [Fact]
    public void Unknown_function_is_msg_195()
    {
        var error = Assert.Throws<EngineException>(() => BuiltinFunctions.Translate("NO_SUCH_FN", [I(1)], Context));

        Assert.Equal(195, error.Number);
        Assert.Equal("'NO_SUCH_FN' is not a recognized built-in function name.", error.Message);
    }

    [Fact]
    public void Wrong_argument_count_is_msg_174()
    {
        var error = Assert.Throws<EngineException>(() => BuiltinFunctions.Translate("LEN", [S("a"), S("b")], Context));

        Assert.Equal(174, error.Number);
        Assert.Equal("The len function requires 1 argument(s).", error.Message);
    }

    [Fact]
    public void Argument_range_is_msg_189()
    {
        var error = Assert.Throws<EngineException>(() => BuiltinFunctions.Translate("CONCAT", [S("a")], Context));

        Assert.Equal(189, error.Number);
        Assert.Equal("The concat function requires 2 to 254 arguments.", error.Message);
    }

    [Fact]
    public void String_argument_to_abs_is_msg_8116()
    {
        var error = Assert.Throws<EngineException>(() => BuiltinFunctions.Translate("ABS", [S("x")], Context));

        Assert.Equal(8116, error.Number);
        Assert.Equal("Argument data type varchar is invalid for argument 1 of abs function.", error.Message);
    }

    [Fact]
    public void Unknown_datepart_is_msg_155()
    {
        var error = Assert.Throws<EngineException>(() => BuiltinFunctions.Translate("DATEADD", [Part("fortnight"), I(1), Date("2020-01-01")], Context));

        Assert.Equal(155, error.Number);
        Assert.Equal("'fortnight' is not a recognized datepart option.", error.Message);
    }

    [Fact]
    public void Name_classification()
    {
        Assert.True(BuiltinFunctions.IsScalarFunction("len"));
        Assert.False(BuiltinFunctions.IsScalarFunction("string_split"));
        Assert.True(BuiltinFunctions.IsDatePartArgument("datediff", 0));
        Assert.False(BuiltinFunctions.IsDatePartArgument("datediff", 1));
        Assert.False(BuiltinFunctions.IsDatePartArgument("year", 0));
        Assert.True(BuiltinFunctions.IsNiladic("CURRENT_TIMESTAMP"));
        Assert.True(BuiltinFunctions.IsNiladic("system_user"));
        Assert.False(BuiltinFunctions.IsNiladic("GETDATE"));
    }

    [Theory]
    [InlineData("GETDATE", "datetime")]
    [InlineData("CURRENT_TIMESTAMP", "datetime")]
    [InlineData("GETUTCDATE", "datetime")]
    [InlineData("SYSDATETIME", "datetime2(7)")]
    [InlineData("SYSUTCDATETIME", "datetime2(7)")]
    public void Clock_functions_read_the_current_time(string name, string type)
    {
        var result = BuiltinFunctions.Translate(name, [], Context);
        var value = DateTime.Parse(_db.Scalar(result.Sql)!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(type, result.Type?.ToString());
        var reference = name.Contains("UTC", StringComparison.Ordinal) ? DateTime.UtcNow : DateTime.Now;
        Assert.InRange((value - reference).Duration().TotalMinutes, 0, 5);
    }

    [Fact]
    public void Newid_and_rand_differ_per_call()
    {
        var id = BuiltinFunctions.Translate("NEWID", [], Context);
        var rand = BuiltinFunctions.Translate("RAND", [], Context);

        Assert.Equal("uniqueidentifier", id.Type?.ToString());
        Assert.NotEqual(_db.Scalar(id.Sql), _db.Scalar(id.Sql));
        Assert.Equal("float", rand.Type?.ToString());
        Assert.InRange(double.Parse(_db.Scalar(rand.Sql)!, System.Globalization.CultureInfo.InvariantCulture), 0, 1);
    }
}
