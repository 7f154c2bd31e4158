using System.Buffers.Binary;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Native;
using PredictEngine.Storage.Types;

namespace PredictEngine.Storage;

/// <summary>
/// A prepared statement with typed parameters, numbered from 1: positional (<c>$1</c>, <c>?</c>) or named
/// (<c>$name</c>, whose number <see cref="ParameterIndex"/> looks up).
/// </summary>
public sealed unsafe class StorageStatement : IDisposable
{
    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;
    private readonly StorageConnection _connection;
    private readonly DuckPreparedHandle _handle;
    private bool _disposed;

    internal StorageStatement(StorageConnection connection, DuckPreparedHandle handle)
    {
        _connection = connection;
        _handle = handle;
    }

    public int ParameterCount
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return (int)DuckDbNative.nparams(_handle.Value);
        }
    }

    public StatementKind Kind
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return KindOf(DuckDbNative.prepared_statement_type(_handle.Value));
        }
    }

    private static StatementKind KindOf(int type) => type switch
    {
        1 or 4 or 17 or 19 => StatementKind.Select, // SELECT, EXPLAIN, PRAGMA, CALL return rows
        2 => StatementKind.Insert,
        3 => StatementKind.Update,
        5 => StatementKind.Delete,
        7 or 14 => StatementKind.Create,
        15 => StatementKind.Drop,
        9 => StatementKind.Alter,
        10 => StatementKind.Transaction,
        _ => StatementKind.Other,
    };

    /// <summary>The number of the named parameter <c>$name</c>, or 0 when the statement has no parameter by that name.</summary>
    public int ParameterIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var text = new Utf8Z(name);
        ulong index = 0;
        fixed (byte* p = &text.Pin)
        {
            return DuckDbNative.bind_parameter_index(_handle.Value, &index, p) == 0 ? (int)index : 0;
        }
    }

    public void BindNull(int index) => Check(DuckDbNative.bind_null(_handle.Value, Position(index)), index);

    public void Bind(int index, bool value) => Check(DuckDbNative.bind_boolean(_handle.Value, Position(index), value ? (byte)1 : (byte)0), index);

    public void Bind(int index, byte value) => Check(DuckDbNative.bind_uint8(_handle.Value, Position(index), value), index);

    public void Bind(int index, short value) => Check(DuckDbNative.bind_int16(_handle.Value, Position(index), value), index);

    public void Bind(int index, int value) => Check(DuckDbNative.bind_int32(_handle.Value, Position(index), value), index);

    public void Bind(int index, long value) => Check(DuckDbNative.bind_int64(_handle.Value, Position(index), value), index);

    public void Bind(int index, float value) => Check(DuckDbNative.bind_float(_handle.Value, Position(index), value), index);

    public void Bind(int index, double value) => Check(DuckDbNative.bind_double(_handle.Value, Position(index), value), index);

    public void Bind(int index, decimal value)
    {
        var scaled = DecimalValues.ToScaledInt128(value, out var scale);
        var native = new DuckDecimal
        {
            Width = 38,
            Scale = scale,
            Value = new DuckHugeInt { Lower = (ulong)scaled, Upper = (long)(scaled >> 64) },
        };
        Check(DuckDbNative.bind_decimal(_handle.Value, Position(index), native), index);
    }

    /// <summary>A decimal(precision, scale) given as its unscaled value (value × 10^scale), up to 38 digits.</summary>
    public void Bind(int index, Int128 unscaled, byte precision, byte scale)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, (byte)38);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        var native = new DuckDecimal
        {
            Width = Math.Max(precision, (byte)1),
            Scale = scale,
            Value = new DuckHugeInt { Lower = (ulong)unscaled, Upper = (long)(unscaled >> 64) },
        };
        Check(DuckDbNative.bind_decimal(_handle.Value, Position(index), native), index);
    }

    public void Bind(int index, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var text = new Utf8Z(value);
        fixed (byte* p = &text.Pin)
        {
            Check(DuckDbNative.bind_varchar_length(_handle.Value, Position(index), p, (ulong)System.Text.Encoding.UTF8.GetByteCount(value)), index);
        }
    }

    public void Bind(int index, ReadOnlySpan<byte> blob)
    {
        fixed (byte* p = blob)
        {
            // A zero-length span pins to null; DuckDB wants a valid pointer even for empty blobs.
            byte empty = 0;
            Check(DuckDbNative.bind_blob(_handle.Value, Position(index), p == null ? &empty : p, (ulong)blob.Length), index);
        }
    }

    public void Bind(int index, DateOnly value) => Check(DuckDbNative.bind_date(_handle.Value, Position(index), value.DayNumber - DateOnly.FromDateTime(UnixEpoch).DayNumber), index);

    public void Bind(int index, TimeOnly value) => Check(DuckDbNative.bind_time(_handle.Value, Position(index), value.Ticks / TimeSpan.TicksPerMicrosecond), index);

    public void Bind(int index, DateTime value) => Check(DuckDbNative.bind_timestamp(_handle.Value, Position(index), MicrosSinceEpoch(value)), index);

    public void Bind(int index, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        var uuid = new DuckHugeInt
        {
            Upper = BinaryPrimitives.ReadInt64BigEndian(bytes),
            Lower = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        };
        using var handle = new DuckValueHandle();
        handle.Adopt(DuckDbNative.create_uuid(uuid), null);
        Check(DuckDbNative.bind_value(_handle.Value, Position(index), handle.Value), index);
    }

    public BatchReader ExecuteReader(int batchRows = StorageConnection.DefaultBatchRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        var result = Execute();
        BatchReader reader;
        try
        {
            reader = new BatchReader(result, batchRows);
        }
        catch
        {
            // A column type without a mapping: release the result now, or it holds the connection open.
            result.Dispose();
            throw;
        }

        _connection.OnReaderOpened(reader);
        return reader;
    }

    /// <summary>Runs the statement to completion; returns the rows it changed.</summary>
    public long ExecuteNonQuery()
    {
        using var result = Execute();
        return (long)DuckDbNative.rows_changed(result.Pointer);
    }

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private DuckResultHandle Execute()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _connection.EnsureNoOpenReader();
        nint pending = 0;
        var state = DuckDbNative.pending_prepared_streaming(_handle.Value, &pending);
        using var pendingHandle = new DuckPendingHandle();
        pendingHandle.Adopt(pending, _handle);
        if (state != 0)
        {
            throw StorageConnection.StorageError(pending == 0 ? DuckDbNative.Str(DuckDbNative.prepare_error(_handle.Value)) : DuckDbNative.Str(DuckDbNative.pending_error(pending)));
        }

        var result = DuckResultHandle.Allocate(_connection.Handle);
        if (DuckDbNative.execute_pending(pending, result.Pointer) != 0)
        {
            var message = DuckDbNative.Str(DuckDbNative.result_error(result.Pointer)) ?? DuckDbNative.Str(DuckDbNative.pending_error(pending));
            result.Dispose();
            throw StorageConnection.StorageError(message);
        }

        return result;
    }

    // Floor division: before 1970 a sub-microsecond remainder must also move toward the past, not toward the epoch
    // (1969-12-31 23:59:59.9999995 is .999999 of that day, not midnight of the next).
    private static long MicrosSinceEpoch(DateTime value)
    {
        var ticks = value.Ticks - UnixEpoch.Ticks;
        var micros = ticks / TimeSpan.TicksPerMicrosecond;
        return ticks % TimeSpan.TicksPerMicrosecond < 0 ? micros - 1 : micros;
    }

    private ulong Position(int index)
    {
        if (index < 1 || index > ParameterCount)
        {
            throw new EngineException(ErrorNumbers.StorageError, 16, 1,
                $"Parameter {index} does not exist; the statement has {ParameterCount} parameter(s), numbered from 1.");
        }

        return (ulong)index;
    }

    private void Check(int state, int index)
    {
        if (state != 0)
        {
            throw new EngineException(ErrorNumbers.ConversionFailed, 16, 1,
                $"Parameter {index} could not be bound: {DuckDbNative.Str(DuckDbNative.prepare_error(_handle.Value)) ?? "the value does not fit the parameter's type"}.");
        }
    }
}
