using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Configuration;

public sealed class EngineConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("predict-config-").FullName;

    [Fact]
    public void DefaultsWithoutAFile()
    {
        var config = EngineConfig.Load(_directory);
        Assert.Equal("auto", config.ExecutionProvider);
        Assert.Equal(65536, config.BatchRows);
        Assert.Null(config.Server.SaPassword);
        Assert.Equal(30, config.Server.LoginTimeoutSeconds);
    }

    [Fact]
    public void ReadsEveryKeyIncludingTheServerSection()
    {
        File.WriteAllText(Path.Combine(_directory, EngineConfig.FileName), """
            {
              // comments and trailing commas are allowed
              "ortLibrary": "/opt/ort/libonnxruntime.so",
              "executionProvider": "cuda",
              "batchRows": 1000,
              "server": { "saPassword": "S3cret!", "requireEncryption": true, "maxConnections": 5, "idleTimeoutSeconds": 60, },
            }
            """);
        var config = EngineConfig.Load(_directory);
        Assert.Equal("/opt/ort/libonnxruntime.so", config.OrtLibrary);
        Assert.Equal("cuda", config.ExecutionProvider);
        Assert.Equal(1000, config.BatchRows);
        Assert.Equal("S3cret!", config.Server.SaPassword);
        Assert.True(config.Server.RequireEncryption);
        Assert.Equal(5, config.Server.MaxConnections);
        Assert.Equal(60, config.Server.IdleTimeoutSeconds);
    }

    [Fact]
    public void UnknownKeysAreErrorsNotSilence()
    {
        File.WriteAllText(Path.Combine(_directory, EngineConfig.FileName), """{ "batchRow": 10 }""");
        var error = Assert.Throws<EngineException>(() => EngineConfig.Load(_directory));
        Assert.Contains("batchRow", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
