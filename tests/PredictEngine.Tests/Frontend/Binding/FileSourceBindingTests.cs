using PredictEngine.SqlFrontend.Files;
using PredictEngine.Storage.Types;
using Xunit;

namespace PredictEngine.Tests.Frontend.Binding;

/// <summary>OPENROWSET(BULK ...) as a FROM source and BULK INSERT, through the files library.</summary>
public sealed class FileSourceBindingTests : IDisposable
{
    private readonly BindingHarness _h = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("binding-files").FullName;

    public FileSourceBindingTests() => _h.FileAccess = new FileAccessPolicy([_directory]);

    public void Dispose()
    {
        _h.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void OpenRowsetIsADerivedTableWithTheFilesColumns()
    {
        var path = Path.Combine(_directory, "people.csv");
        File.WriteAllText(path, "id,name\n1,Ann\n2,Bob\n");
        var sql = $"SELECT r.name FROM OPENROWSET(BULK '{path}', FORMAT = 'CSV', HEADER_ROW = TRUE, PARSER_VERSION = '2.0') AS r WHERE r.id = '2'";
        var (statement, rows, _) = _h.Run(sql);
        Assert.Equal([["Bob"]], rows);
        Assert.Equal(SqlType.VarChar(8000), statement.Columns![0].Type);
    }

    [Fact]
    public void BulkInsertLoadsATable()
    {
        var path = Path.Combine(_directory, "rows.csv");
        File.WriteAllText(path, "1,Ann\n2,Bob\n");
        _h.Run("CREATE TABLE people (id int, name nvarchar(10))");
        _h.Run($"BULK INSERT people FROM '{path}' WITH (FORMAT = 'CSV', FIELDTERMINATOR = ',')");
        Assert.Equal([[1, "Ann"], [2, "Bob"]], _h.Rows("SELECT id, name FROM people ORDER BY id"));
    }

    [Fact]
    public void WithoutAPolicyFilesAreRefused()
    {
        _h.FileAccess = null;
        Assert.Equal(50104, _h.Fails("SELECT * FROM OPENROWSET(BULK '/etc/passwd', SINGLE_CLOB) AS r").Number);
    }
}
