using PredictEngine.SqlFrontend.Procedures;
using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Predict;

/// <summary>sp_register_model, sp_describe_model and sp_drop_model over a real catalog and connection.</summary>
public class ModelProcedureTests
{
    private static readonly ModelProcedureOptions Options = new([TestPaths.Models], ["sa", "mlops"]);

    private static ISystemProcedure Procedure(PredictFixture f, string name) =>
        ModelProcedures.All(f.Catalog, Options).Single(p => p.Name == name);

    private static ProcedureArgument Arg(string name, object? value) => new(name, value, null);

    [Fact]
    public void RegisterFromBytesThenFromPathMakesVersionsAndDescribeShowsTheSignature()
    {
        using var f = new PredictFixture();
        var context = new TestProcedureContext(f.Connection);
        var register = Procedure(f, "sp_register_model");

        Assert.Equal(0, register.Execute(context, [Arg("@name", "iris"), Arg("@model", PredictFixture.Model("zipmap_classifier")), Arg("@description", "iris ZipMap")]));
        Assert.Equal(0, register.Execute(context, [Arg("@name", "iris"), Arg("@path", TestPaths.Model("zipmap_classifier.onnx")), Arg("@input_map", """{"input": ["a", "b", "c", "d"]}""")]));

        var first = Assert.Single(context.ResultSets[0].Rows);
        var second = Assert.Single(context.ResultSets[1].Rows);
        Assert.Equal(["model_id", "name", "version", "sha256"], context.ResultSets[0].Columns!.Select(c => c.Name));
        Assert.Equal(("iris", "1"), (first[1], first[2]));
        Assert.Equal(("iris", "2"), (second[1], second[2]));
        Assert.Equal(first[3], second[3]);
        Assert.Equal(64, first[3]!.Length);

        Procedure(f, "sp_describe_model").Execute(context, [Arg("@name", "iris")]);
        var nodes = context.ResultSets[2].Rows;
        Assert.Contains(nodes, r => r[0] == "input" && r[1] == "input" && r[2] == "float");
        Assert.Contains(nodes, r => r[0] == "output_label" || r[0] == "label");
        Assert.Contains(nodes, r => r[1] == "output" && r[4]!.Contains("nvarchar(max) for JSON", StringComparison.Ordinal));
        var registration = Assert.Single(context.ResultSets[3].Rows);
        Assert.Equal("2", registration[2]);
        Assert.Contains("\"input\"", registration[5], StringComparison.Ordinal);

        Procedure(f, "sp_describe_model").Execute(context, [Arg("@name", "iris"), Arg("@version", 1)]);
        Assert.Equal("iris ZipMap", Assert.Single(context.ResultSets[5].Rows)[4]);
    }

    [Fact]
    public void DropRemovesOneVersionOrAll()
    {
        using var f = new PredictFixture();
        var context = new TestProcedureContext(f.Connection);
        var register = Procedure(f, "sp_register_model");
        var drop = Procedure(f, "sp_drop_model");
        for (var i = 0; i < 3; i++)
        {
            register.Execute(context, [Arg("@name", "lin"), Arg("@model", PredictFixture.Model("linear_percol"))]);
        }

        drop.Execute(context, [Arg("@name", "lin"), Arg("@version", 2)]);
        Assert.Equal("Dropped 1 version(s) of model 'lin'.", context.Messages[^1]);
        drop.Execute(context, [Arg("@name", "LIN")]);
        Assert.Equal("Dropped 2 version(s) of model 'LIN'.", context.Messages[^1]);
        var e = Assert.Throws<EngineException>(() => drop.Execute(context, [Arg("@name", "lin")]));
        Assert.Equal(ErrorNumbers.ModelNotFound, e.Number);
    }

    [Fact]
    public void OnlyAdministratorsMayRegisterOrDrop()
    {
        using var f = new PredictFixture();
        var guest = new TestProcedureContext(f.Connection, "analyst");
        var e = Assert.Throws<EngineException>(() => Procedure(f, "sp_register_model").Execute(guest, [Arg("@name", "m"), Arg("@model", PredictFixture.Model("linear_percol"))]));
        Assert.Equal(229, e.Number);
        Assert.Equal(14, e.Severity);
        Assert.StartsWith("The EXECUTE permission was denied on the object 'sp_register_model'", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<EngineException>(() => Procedure(f, "sp_drop_model").Execute(guest, [Arg("@name", "m")]));
        Assert.Equal(229, e.Number);

        Procedure(f, "sp_register_model").Execute(new TestProcedureContext(f.Connection, "MLOps"), [Arg("@name", "m"), Arg("@model", PredictFixture.Model("linear_percol"))]);
        var reader = new TestProcedureContext(f.Connection, "analyst");
        Procedure(f, "sp_describe_model").Execute(reader, [Arg("@name", "m")]);
        Assert.Equal(11, reader.ResultSets[0].Rows.Count); // ten inputs, one output
    }

    [Fact]
    public void PathsOutsideTheAllowedDirectoriesAreRefused()
    {
        using var f = new PredictFixture();
        var context = new TestProcedureContext(f.Connection);
        var outside = Path.Combine(Path.GetTempPath(), "outside-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.Copy(TestPaths.Model("linear_percol.onnx"), outside);
        try
        {
            foreach (var path in new[] { outside, Path.Combine(TestPaths.Models, "..", "..", "README.md"), "/etc/passwd" })
            {
                var e = Assert.Throws<EngineException>(() => Procedure(f, "sp_register_model").Execute(context, [Arg("@name", "m"), Arg("@path", path)]));
                Assert.Equal(ErrorNumbers.ModelPathNotAllowed, e.Number);
                Assert.Contains("allowed model directories", e.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Theory]
    [InlineData("not_onnx.bin")]
    [InlineData("truncated.onnx")]
    public void CorruptModelsAreRefused(string file)
    {
        using var f = new PredictFixture();
        var e = Assert.Throws<EngineException>(() => Procedure(f, "sp_register_model").Execute(new TestProcedureContext(f.Connection), [Arg("@name", "bad"), Arg("@path", TestPaths.Model(file))]));
        Assert.Equal(ErrorNumbers.InvalidModel, e.Number);
    }

    [Fact]
    public void ArgumentErrorsUseSqlServerNumbers()
    {
        using var f = new PredictFixture();
        var context = new TestProcedureContext(f.Connection);
        var register = Procedure(f, "sp_register_model");
        Assert.Equal(ErrorNumbers.ParameterNotSupplied, Assert.Throws<EngineException>(() => register.Execute(context, [Arg("@model", PredictFixture.Model("linear_percol"))])).Number);
        Assert.Equal(ErrorNumbers.ParameterNotSupplied, Assert.Throws<EngineException>(() => register.Execute(context, [Arg("@name", "m")])).Number);
        var e = Assert.Throws<EngineException>(() => register.Execute(context, [Arg("@name", "m"), Arg("@modle", PredictFixture.Model("linear_percol"))]));
        Assert.Equal("@modle is not a parameter for procedure sp_register_model.", e.Message);
        e = Assert.Throws<EngineException>(() => register.Execute(context, [Arg("@name", "m"), Arg("@model", PredictFixture.Model("linear_percol")), Arg("@input_map", "{\"nope\": [\"a\"]}")]));
        Assert.Equal(ErrorNumbers.InvalidModelSettings, e.Number);
    }

    [Fact]
    public void DefaultOptionsAllowTheDataDirectoryModelsFolderAndSaOnly()
    {
        var options = ModelProcedureOptions.From(new EngineConfig(), "/data/predict");
        Assert.Contains("/data/predict/models", options.ModelDirectories);
        Assert.True(options.MayAdminister("SA"));
        Assert.False(options.MayAdminister("guest"));
        var configured = ModelProcedureOptions.From(new EngineConfig { ModelDirectories = ["m", "/abs"], ModelAdministrators = ["ops"] }, "/data");
        Assert.Equal(["/data/m", "/abs"], configured.ModelDirectories);
        Assert.True(configured.MayAdminister("ops"));
    }
}
