using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.Storage.Errors;
using Xunit;

namespace PredictEngine.Tests.Registry;

public class ModelSessionCacheTests
{
    private static readonly SessionSettings Cpu = new() { Provider = ExecutionProviderKind.Cpu };
    private static readonly byte[] Linear = File.ReadAllBytes(TestPaths.Model("linear_percol.onnx"));
    private static readonly byte[] Forest = File.ReadAllBytes(TestPaths.Model("tree_regressor.onnx"));
    private static readonly byte[] Mlp = File.ReadAllBytes(TestPaths.Model("mlp_regressor.onnx"));

    [Fact]
    public void SameBytesShareOneSession()
    {
        using var cache = new ModelSessionCache(Cpu);
        using var first = cache.Acquire(Linear);
        using var second = cache.Acquire(Linear.ToArray());
        Assert.Same(first.Session, second.Session);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void EvictsLeastRecentlyUsedButKeepsLeasedSessionsAlive()
    {
        using var cache = new ModelSessionCache(Cpu, maxModels: 2);
        var linear = cache.Acquire(Linear);
        cache.Acquire(Forest).Dispose();
        cache.Acquire(Linear).Dispose(); // Linear is now the most recently used.
        cache.Acquire(Mlp).Dispose();    // Evicts Forest, the least recently used.
        Assert.Equal(2, cache.Count);

        using (var again = cache.Acquire(Linear))
        {
            Assert.Same(linear.Session, again.Session);
        }

        using (var forest = cache.Acquire(Forest))
        {
            // Reloaded: a new session, the evicted one is gone.
            Assert.Equal(2, cache.Count);
            Assert.Equal(forest.Session.Sha256, ModelSession.Load(Forest, Cpu).Sha256);
        }

        // Linear was evicted by Forest's reload while still leased: it must keep working.
        cache.Acquire(Mlp).Dispose();
        Assert.Equal("score", linear.Session.Signature.Outputs[0].Name);
        linear.Dispose();
    }

    [Fact]
    public void BoundedByBytes()
    {
        using var cache = new ModelSessionCache(Cpu, maxModels: 10, maxBytes: Forest.Length + 10);
        cache.Acquire(Forest).Dispose();
        cache.Acquire(Linear).Dispose();
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void BadModelIsNotCached()
    {
        using var cache = new ModelSessionCache(Cpu);
        Assert.Throws<EngineException>(() => cache.Acquire(File.ReadAllBytes(TestPaths.Model("not_onnx.bin"))));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ConcurrentAcquiresLoadOnce()
    {
        using var cache = new ModelSessionCache(Cpu);
        var sessions = new ModelSession[8];
        var leases = new ModelLease[8];
        Parallel.For(0, 8, i =>
        {
            leases[i] = cache.Acquire(Forest);
            sessions[i] = leases[i].Session;
        });
        Assert.Equal(1, cache.Count);
        Assert.All(sessions, s => Assert.Same(cache.Acquire(Forest).Session, s));
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }
}
