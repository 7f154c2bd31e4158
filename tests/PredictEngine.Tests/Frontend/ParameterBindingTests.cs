using System.Data;
using PredictEngine.SqlFrontend.Execution;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend;

/// <summary>sp_executesql's @params declarations, matching supplied values to them, and the @name → $name rewrite of the stand-in executor.</summary>
public class ParameterBindingTests
{
    [Fact]
    public void DeclarationsParseWithTypesAndOutputFlags()
    {
        var declared = ParameterDeclarations.Parse("@x int, @Y nvarchar(10) OUTPUT,@d decimal(10, 2) out, @m money, @o datetimeoffset(3), @n ntext");
        Assert.Equal(
            [
                ("@x", SqlType.Int, false),
                ("@Y", SqlType.NVarChar(10), true),
                ("@d", SqlType.Decimal(10, 2), true),
                ("@m", SqlType.Decimal(19, 4), false),
                ("@o", SqlType.DateTime2(3), false),
                ("@n", SqlType.NVarChar(SqlType.MaxLength), false),
            ],
            declared);
        Assert.Empty(ParameterDeclarations.Parse(null));
        Assert.Empty(ParameterDeclarations.Parse("  "));
    }

    [Theory]
    [InlineData("x int", 102)]
    [InlineData("@x", 102)]
    [InlineData("@x int,", 102)]
    [InlineData("@x geography", 2715)]
    [InlineData("@x int, @X bigint", 134)]
    public void BadDeclarationsAreSqlServerErrors(string declarations, int number) =>
        Assert.Equal(number, Assert.Throws<EngineException>(() => ParameterDeclarations.Parse(declarations)).Number);

    [Fact]
    public void ValuesBindByNameOrPosition()
    {
        var bound = ParameterDeclarations.Bind("@a int, @b nvarchar(5) OUTPUT", "SELECT @a, @b", [new("@B", "x"), new("@a", 1)]);
        Assert.Equal([new BatchParameter("@a", SqlType.Int, 1), new BatchParameter("@b", SqlType.NVarChar(5), "x", ParameterDirection.InputOutput)], bound);

        var positional = ParameterDeclarations.Bind("@a int, @b int", "SELECT @a, @b", [new(string.Empty, 1), new(string.Empty, null)]);
        Assert.Equal([1, null], positional.Select(p => p.Value));
    }

    [Fact]
    public void AMissingOrDefaultedValueIs8178()
    {
        var missing = Assert.Throws<EngineException>(() => ParameterDeclarations.Bind("@a int, @b int", "SELECT @a + @b", [new("@a", 1)]));
        Assert.Equal(8178, missing.Number);
        Assert.Equal("The parameterized query '(@a int, @b int)SELECT @a + @b' expects the parameter '@b', which was not supplied.", missing.Message);

        var defaulted = Assert.Throws<EngineException>(() => ParameterDeclarations.Bind("@a int", "SELECT @a", [new("@a", null, IsDefault: true)]));
        Assert.Equal(8178, defaulted.Number);
    }

    [Fact]
    public void AValueForAnUndeclaredNameIs8145()
    {
        Assert.Equal(8145, Assert.Throws<EngineException>(() => ParameterDeclarations.Bind("@a int", "SELECT @a", [new("@a", 1), new("@zz", 2)])).Number);
        Assert.Equal(8145, Assert.Throws<EngineException>(() => ParameterDeclarations.Bind(null, "SELECT 1", [new(string.Empty, 2)])).Number);
    }

    [Fact]
    public void ReferencesOutsideLiteralsCommentsAndQuotedNamesAreRewritten()
    {
        BatchParameter[] parameters = [new("@id", SqlType.Int, 1), new("@Name", SqlType.NVarChar(5), "x"), new("@unused", SqlType.Int, 2)];
        var rewritten = ParameterRewriter.Rewrite(
            "SELECT @ID, @name||'@id', \"@id\", @@ROWCOUNT -- @id\nFROM t /* @id /* nested @id */ @id */ WHERE x = @id::INT AND y = 'it''s @id'",
            parameters);
        Assert.Equal(
            "SELECT $id, $name||'@id', \"@id\", @@ROWCOUNT -- @id\nFROM t /* @id /* nested @id */ @id */ WHERE x = $id::INT AND y = 'it''s @id'",
            rewritten.Text);
        Assert.Equal([("id", parameters[0]), ("name", parameters[1])], rewritten.Bindings);
    }

    [Fact]
    public void NamesDuckDbCannotSpellGetGeneratedOnes()
    {
        BatchParameter[] parameters = [new("@p2", SqlType.Int, 1), new("@#tmp", SqlType.Int, 2), new("@été", SqlType.Int, 3)];
        var rewritten = ParameterRewriter.Rewrite("SELECT @p2, @#tmp, @été", parameters);
        Assert.Equal("SELECT $p2, $p2_, $p3", rewritten.Text);
    }

    [Fact]
    public void AnUndeclaredReferenceIs137()
    {
        var error = Assert.Throws<EngineException>(() => ParameterRewriter.Rewrite("SELECT @x + @y", [new("@x", SqlType.Int, 1)]));
        Assert.Equal(137, error.Number);
        Assert.Equal("Must declare the scalar variable \"@y\".", error.Message);
    }
}
