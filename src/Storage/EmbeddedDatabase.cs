using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Native;

namespace PredictEngine.Storage;

/// <summary>
/// The embedded store: one DuckDB database, either a file in the data directory or in memory.
/// Thread-safe; open one connection per session.
/// </summary>
public sealed unsafe class EmbeddedDatabase : IDisposable
{
    public const string DatabaseFileName = "predict.duckdb";

    // Two DuckDB instances on one file in one process would each believe they own it.
    private static readonly HashSet<string> OpenFiles = new(StringComparer.Ordinal);

    private readonly DuckDatabaseHandle _handle;

    // The handle stays open while connections hold it, so IsClosed cannot tell that Dispose was called.
    private volatile bool _disposed;

    private EmbeddedDatabase(DuckDatabaseHandle handle, string? path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The database file, or null in memory.</summary>
    public string? Path { get; }

    /// <summary>The loaded libduckdb's version, e.g. "v1.5.6".</summary>
    public static string LibraryVersion
    {
        get
        {
            EnsureLibrary(null);
            return DuckDbNative.Str(DuckDbNative.library_version()) ?? "unknown";
        }
    }

    public static string LibraryPath
    {
        get
        {
            EnsureLibrary(null);
            return DuckDbNative.LoadedPath;
        }
    }

    public static void EnsureLibrary(string? configuredPath) => DuckDbNative.EnsureLoaded(NativeLibraryLocator.DuckDb(configuredPath));

    public static EmbeddedDatabase OpenInMemory(string? libraryPath = null) => Open(null, libraryPath);

    /// <summary>Opens (creating if needed) <c>predict.duckdb</c> in <paramref name="dataDirectory"/>.</summary>
    public static EmbeddedDatabase OpenDataDirectory(string dataDirectory, string? libraryPath = null)
    {
        Directory.CreateDirectory(dataDirectory);
        return Open(System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), DatabaseFileName), libraryPath);
    }

    private static EmbeddedDatabase Open(string? file, string? libraryPath)
    {
        EnsureLibrary(libraryPath);
        if (file is not null)
        {
            lock (OpenFiles)
            {
                if (!OpenFiles.Add(file))
                {
                    throw new EngineException(ErrorNumbers.StorageError, 16, 1,
                        $"The database '{file}' is already open in this process; share that EmbeddedDatabase (one per data directory) instead of opening it twice.");
                }
            }
        }

        try
        {
            return OpenNative(file);
        }
        catch
        {
            Forget(file);
            throw;
        }
    }

    private static void Forget(string? file)
    {
        if (file is not null)
        {
            lock (OpenFiles)
            {
                OpenFiles.Remove(file);
            }
        }
    }

    private static EmbeddedDatabase OpenNative(string? file)
    {
        var handle = new DuckDatabaseHandle();
        nint database = 0;
        byte* error = null;
        int state;
        using (var path = new Utf8Z(file ?? ":memory:"))
        {
            fixed (byte* p = &path.Pin)
            {
                state = DuckDbNative.open_ext(p, &database, 0, &error);
            }
        }

        if (state != 0)
        {
            var message = DuckDbNative.Str(error) ?? "unknown error";
            DuckDbNative.free(error);
            if (database != 0)
            {
                DuckDbNative.close(&database);
            }

            handle.Dispose();
            throw new EngineException(ErrorNumbers.StorageError, 16, 1,
                $"Cannot open the database '{file ?? ":memory:"}': {message} Check that the data directory is writable and not used by another process.");
        }

        handle.Adopt(database, null);
        return new EmbeddedDatabase(handle, file);
    }

    public StorageConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        nint connection = 0;
        if (DuckDbNative.connect(_handle.Value, &connection) != 0)
        {
            throw new EngineException(ErrorNumbers.StorageError, 16, 1, "The storage engine refused a new connection.");
        }

        var handle = new DuckConnectionHandle();
        handle.Adopt(connection, _handle);
        return new StorageConnection(handle, this);
    }

    /// <summary>Closes the database once its connections are closed (they keep it alive until then).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            Forget(Path);
        }

        _disposed = true;
        _handle.Dispose();
    }
}
