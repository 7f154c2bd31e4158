using System.Security.Cryptography;
using PredictEngine.Scoring;

namespace PredictEngine.ModelRegistry;

/// <summary>
/// Loaded models shared by every session, keyed by the SHA-256 of their bytes, so a model is loaded
/// once however many queries score it. Bounded by a count and by the total model bytes; the least
/// recently used entry is evicted first. An evicted session stays alive until the last query that
/// holds a lease on it returns the lease, so eviction never pulls a model from under a running scan.
/// </summary>
public sealed class ModelSessionCache : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly SessionSettings _settings;
    private long _bytes;
    private bool _disposed;

    public ModelSessionCache(SessionSettings settings, int maxModels = 32, long maxBytes = 2L << 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxModels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _settings = settings;
        MaxModels = maxModels;
        MaxBytes = maxBytes;
    }

    public int MaxModels { get; }

    /// <summary>The ORT settings every cached session is loaded with.</summary>
    public SessionSettings Settings => _settings;

    public long MaxBytes { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Loads (or finds) the model and leases its session; dispose the lease when the query is done.</summary>
    public ModelLease Acquire(ReadOnlySpan<byte> model)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(model));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit.Node);
                _recency.AddFirst(hit.Node);
                return hit.Lease();
            }
        }

        // Load outside the lock: a big model must not stall sessions scoring other models.
        var session = ModelSession.Load(model, _settings);
        lock (_gate)
        {
            if (_disposed)
            {
                session.Dispose();
                ObjectDisposedException.ThrowIf(true, this);
            }

            if (_entries.TryGetValue(key, out var raced))
            {
                session.Dispose();
                return raced.Lease();
            }

            var entry = new Entry(session, model.Length);
            entry.Node = _recency.AddFirst(entry);
            _entries.Add(key, entry);
            _bytes += entry.Bytes;
            var lease = entry.Lease();
            Evict();
            return lease;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var entry in _entries.Values)
            {
                entry.Release();
            }

            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    private void Evict()
    {
        while ((_entries.Count > MaxModels || _bytes > MaxBytes) && _recency.Count > 1)
        {
            var victim = _recency.Last!.Value;
            _recency.RemoveLast();
            _entries.Remove(victim.Session.Sha256);
            _bytes -= victim.Bytes;
            victim.Release();
        }
    }

    /// <summary>A cached session with a count of holders: the cache's own reference plus one per lease.</summary>
    internal sealed class Entry
    {
        private int _holders = 1;

        public Entry(ModelSession session, long bytes)
        {
            Session = session;
            Bytes = bytes;
        }

        public ModelSession Session { get; }

        public long Bytes { get; }

        public LinkedListNode<Entry> Node { get; set; } = null!;

        public ModelLease Lease()
        {
            Interlocked.Increment(ref _holders);
            return new ModelLease(this);
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _holders) == 0)
            {
                Session.Dispose();
            }
        }
    }
}

/// <summary>A query's hold on a cached session.</summary>
public sealed class ModelLease : IDisposable
{
    private ModelSessionCache.Entry? _entry;

    internal ModelLease(ModelSessionCache.Entry entry)
    {
        _entry = entry;
        Session = entry.Session;
    }

    public ModelSession Session { get; }

    public void Dispose() => Interlocked.Exchange(ref _entry, null)?.Release();
}
