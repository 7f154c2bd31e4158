using PredictEngine.SqlFrontend.Files;
using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Frontend.Files;

public sealed class FileAccessPolicyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pe-files-").FullName;
    private readonly string _allowed;
    private readonly string _outside;

    public FileAccessPolicyTests()
    {
        _allowed = Directory.CreateDirectory(Path.Combine(_root, "allowed")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        File.WriteAllText(Path.Combine(_allowed, "in.csv"), "1\n");
        File.WriteAllText(Path.Combine(_outside, "secret.csv"), "2\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AllowsAFileUnderAnAllowedDirectory()
    {
        var policy = new FileAccessPolicy([_allowed]);
        Assert.Equal(FileAccessPolicy.RealPath(Path.Combine(_allowed, "in.csv")), policy.Resolve(Path.Combine(_allowed, "in.csv"), 1));
    }

    [Fact]
    public void RefusesAFileOutsideWithAccessDeniedNamingTheKey()
    {
        var policy = new FileAccessPolicy([_allowed]);
        var path = Path.Combine(_outside, "secret.csv");
        var e = Assert.Throws<EngineException>(() => policy.Resolve(path, 7));
        Assert.Equal(4861, e.Number);
        Assert.Equal(16, e.Severity);
        Assert.Equal(7, e.Line);
        Assert.StartsWith($"Cannot bulk load because the file \"{path}\" could not be opened. Operating system error code 5(Access is denied.).", e.Message, StringComparison.Ordinal);
        Assert.Contains("files.allowedDirectories", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesDotDotEscapes()
    {
        var policy = new FileAccessPolicy([_allowed]);
        var e = Assert.Throws<EngineException>(() => policy.Resolve(_allowed + "/../outside/secret.csv", 1));
        Assert.Contains("error code 5(", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesASiblingDirectorySharingThePrefix()
    {
        var sibling = Directory.CreateDirectory(_allowed + "2").FullName;
        File.WriteAllText(Path.Combine(sibling, "x.csv"), "3\n");
        var policy = new FileAccessPolicy([_allowed]);
        Assert.Throws<EngineException>(() => policy.Resolve(Path.Combine(sibling, "x.csv"), 1));
    }

    [Fact]
    public void RefusesASymlinkedFilePointingOutside()
    {
        var link = Path.Combine(_allowed, "link.csv");
        File.CreateSymbolicLink(link, Path.Combine(_outside, "secret.csv"));
        var policy = new FileAccessPolicy([_allowed]);
        var e = Assert.Throws<EngineException>(() => policy.Resolve(link, 1));
        Assert.Contains("error code 5(", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesASymlinkedDirectoryPointingOutside()
    {
        var link = Path.Combine(_allowed, "linkdir");
        Directory.CreateSymbolicLink(link, _outside);
        var policy = new FileAccessPolicy([_allowed]);
        var e = Assert.Throws<EngineException>(() => policy.Resolve(Path.Combine(link, "secret.csv"), 1));
        Assert.Contains("error code 5(", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FollowsASymlinkThatStaysInside()
    {
        Directory.CreateDirectory(Path.Combine(_allowed, "sub"));
        File.WriteAllText(Path.Combine(_allowed, "sub", "real.csv"), "4\n");
        var link = Path.Combine(_allowed, "alias.csv");
        File.CreateSymbolicLink(link, Path.Combine("sub", "real.csv"));
        var policy = new FileAccessPolicy([_allowed]);
        Assert.EndsWith(Path.Combine("sub", "real.csv"), policy.Resolve(link, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAllowedDirectoryGivenThroughASymlinkStillMatches()
    {
        var linkedRoot = Path.Combine(_root, "linked-allowed");
        Directory.CreateSymbolicLink(linkedRoot, _allowed);
        var policy = new FileAccessPolicy([linkedRoot]);
        Assert.NotNull(policy.Resolve(Path.Combine(_allowed, "in.csv"), 1));
        Assert.NotNull(policy.Resolve(Path.Combine(linkedRoot, "in.csv"), 1));
    }

    [Fact]
    public void MissingFileIsCode2AndMissingDirectoryCode3()
    {
        var policy = new FileAccessPolicy([_allowed]);
        var file = Path.Combine(_allowed, "nope.csv");
        var e2 = Assert.Throws<EngineException>(() => policy.Resolve(file, 1));
        Assert.Equal($"Cannot bulk load because the file \"{file}\" could not be opened. Operating system error code 2(The system cannot find the file specified.).", e2.Message);
        var e3 = Assert.Throws<EngineException>(() => policy.Resolve(Path.Combine(_allowed, "nodir", "x.csv"), 1));
        Assert.Contains("Operating system error code 3(The system cannot find the path specified.).", e3.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileOutsideIsAccessDeniedNotNotFound()
    {
        var policy = new FileAccessPolicy([_allowed]);
        var e = Assert.Throws<EngineException>(() => policy.Resolve(Path.Combine(_outside, "nope.csv"), 1));
        Assert.Contains("error code 5(", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsToDataDirectoryAndCurrentDirectory()
    {
        var policy = FileAccessPolicy.FromConfig(new FilesConfig(), _allowed);
        Assert.NotNull(policy.Resolve(Path.Combine(_allowed, "in.csv"), 1));
        Assert.Contains(FileAccessPolicy.RealPath(Directory.GetCurrentDirectory()) + Path.DirectorySeparatorChar, policy.AllowedDirectories);
        Assert.Throws<EngineException>(() => policy.Resolve(Path.Combine(_outside, "secret.csv"), 1));
    }

    [Fact]
    public void ConfiguredListReplacesTheDefaults()
    {
        var policy = FileAccessPolicy.FromConfig(new FilesConfig { AllowedDirectories = [_outside] }, _allowed);
        Assert.NotNull(policy.Resolve(Path.Combine(_outside, "secret.csv"), 1));
        Assert.Throws<EngineException>(() => policy.Resolve(Path.Combine(_allowed, "in.csv"), 1));
    }

    [Fact]
    public void ConfigKeyIsReadFromPredictJson()
    {
        File.WriteAllText(Path.Combine(_root, EngineConfig.FileName), $$"""{ "files": { "allowedDirectories": ["{{_outside}}"] } }""");
        var config = EngineConfig.Load(_root);
        Assert.Equal([_outside], config.Files.AllowedDirectories);
    }
}
