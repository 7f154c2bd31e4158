using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Native;
using PredictEngine.Storage.Types;

namespace PredictEngine.Storage.Functions;

/// <summary>
/// The managed side of a registered scalar function: DuckDB holds a GCHandle to it as the function's extra
/// info and calls <see cref="Invoke"/> per chunk. Arguments come in through the same importers a result
/// reader uses; result columns go out through the appender's exporters into the STRUCT's child vectors.
/// </summary>
internal sealed unsafe class RegisteredScalarFunction
{
    // What this process registered in each open database, so a caller can find the live definition by name.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Collections.Concurrent.ConcurrentDictionary<string, ScalarFunctionDefinition>> Registered = [];
    private readonly ScalarFunctionDefinition _definition;
    private readonly ColumnImporter[] _importers;
    private readonly ColumnExporter[] _exporters;

    private RegisteredScalarFunction(ScalarFunctionDefinition definition, ColumnImporter[] importers, ColumnExporter[] exporters)
    {
        _definition = definition;
        _importers = importers;
        _exporters = exporters;
    }

    /// <summary>Registers in the connection's database (DuckDB's system catalog: every connection sees it). False when the name exists.</summary>
    public static bool Register(DuckConnectionHandle connection, ScalarFunctionDefinition definition)
    {
        var parameters = definition.Parameters.Fields.Select(f => LogicalType(f.Type)).ToArray();
        var fields = definition.Result.Fields.Select(f => LogicalType(f.Type)).ToArray();
        nint result = 0;
        nint function = 0;
        var handle = default(GCHandle);
        var handedOver = false;
        try
        {
            var importers = new ColumnImporter[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var id = DuckDbNative.get_type_id(parameters[i]);
                var storage = id == DuckDbType.Decimal ? DuckDbNative.decimal_internal_type(parameters[i]) : DuckDbType.Invalid;
                importers[i] = new ColumnImporter(id, storage, definition.Parameters[i].Type);
            }

            var exporters = fields.Select(ColumnExporter.For).ToArray();
            result = StructType(fields, definition.Result);
            function = DuckDbNative.create_scalar_function();
            using (var name = new Utf8Z(definition.Name))
            {
                fixed (byte* p = &name.Pin)
                {
                    DuckDbNative.scalar_function_set_name(function, p);
                }
            }

            foreach (var parameter in parameters)
            {
                DuckDbNative.scalar_function_add_parameter(function, parameter);
            }

            DuckDbNative.scalar_function_set_return_type(function, result);
            DuckDbNative.scalar_function_set_special_handling(function);
            DuckDbNative.scalar_function_set_volatile(function);
            DuckDbNative.scalar_function_set_function(function, &Invoke);
            handle = GCHandle.Alloc(new RegisteredScalarFunction(definition, importers, exporters));
            DuckDbNative.scalar_function_set_extra_info(function, (void*)GCHandle.ToIntPtr(handle), &Release);

            // From here DuckDB owns the handle: destroying the function object (below, or with the database
            // once registered) calls Release, which frees it and disposes the owner.
            handedOver = true;
            var added = false;
            connection.DangerousAddRef(ref added);
            try
            {
                var registered = DuckDbNative.register_scalar_function(connection.Value, function) == 0;
                if (registered)
                {
                    Registered.GetOrCreateValue(connection.Parent ?? (object)connection)[definition.Name] = definition;
                }

                return registered;
            }
            finally
            {
                if (added)
                {
                    connection.DangerousRelease();
                }
            }
        }
        catch
        {
            // Failed before DuckDB took the owner: nothing else will dispose it.
            if (!handedOver)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }

                definition.Owner?.Dispose();
            }

            throw;
        }
        finally
        {
            if (function != 0)
            {
                DuckDbNative.destroy_scalar_function(&function);
            }

            Destroy(result);
            foreach (var type in parameters.Concat(fields))
            {
                Destroy(type);
            }
        }
    }

    /// <summary>The definition registered under <paramref name="name"/> in the connection's database by this process, or null.</summary>
    public static ScalarFunctionDefinition? Find(DuckConnectionHandle connection, string name) =>
        Registered.TryGetValue(connection.Parent ?? (object)connection, out var functions) ? functions.GetValueOrDefault(name) : null;

    private static nint LogicalType(SqlType type) => type.Id switch
    {
        SqlTypeId.Decimal => DuckDbNative.create_decimal_type((byte)type.Precision, (byte)type.Scale),
        _ => DuckDbNative.create_logical_type(type.Id switch
        {
            SqlTypeId.Bit => DuckDbType.Boolean,
            SqlTypeId.TinyInt => DuckDbType.UTinyInt,
            SqlTypeId.SmallInt => DuckDbType.SmallInt,
            SqlTypeId.Int => DuckDbType.Integer,
            SqlTypeId.BigInt => DuckDbType.BigInt,
            SqlTypeId.Real => DuckDbType.Float,
            SqlTypeId.Float => DuckDbType.Double,
            SqlTypeId.VarBinary => DuckDbType.Blob,
            SqlTypeId.Date => DuckDbType.Date,
            SqlTypeId.Time => DuckDbType.Time,
            SqlTypeId.DateTime or SqlTypeId.DateTime2 => DuckDbType.Timestamp,
            SqlTypeId.UniqueIdentifier => DuckDbType.Uuid,
            _ => DuckDbType.Varchar,
        }),
    };

    private static nint StructType(nint[] fields, BatchSchema result)
    {
        var handles = result.Fields.Select(f => GCHandle.Alloc(System.Text.Encoding.UTF8.GetBytes(f.Name + "\0"), GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = stackalloc byte*[Math.Max(fields.Length, 1)];
            for (var i = 0; i < fields.Length; i++)
            {
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            fixed (nint* types = fields)
            {
                return DuckDbNative.create_struct_type(types, pointers, (ulong)fields.Length);
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    private static void Destroy(nint type)
    {
        if (type != 0)
        {
            DuckDbNative.destroy_logical_type(&type);
        }
    }

    [UnmanagedCallersOnly]
    private static void Invoke(nint info, nint input, nint output)
    {
        try
        {
            var self = (RegisteredScalarFunction)GCHandle.FromIntPtr((nint)DuckDbNative.scalar_function_get_extra_info(info)).Target!;
            self.Run(input, output);
        }
#pragma warning disable CA1031 // No exception may unwind into native code: every one becomes the query's error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var error = e as EngineException ?? new EngineException(ErrorNumbers.InternalError, 16, 1, $"A scalar function failed: {e.Message}", e);
            using var text = new Utf8Z(ScalarFunctionErrors.Park(error));
            fixed (byte* p = &text.Pin)
            {
                DuckDbNative.scalar_function_set_error(info, p);
            }
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(void* extra)
    {
        var handle = GCHandle.FromIntPtr((nint)extra);
        var self = (RegisteredScalarFunction?)handle.Target;
        handle.Free();
        self?._definition.Owner?.Dispose();
    }

    private void Run(nint input, nint output)
    {
        var rows = (int)DuckDbNative.data_chunk_get_size(input);
        var columns = new ColumnVector[_importers.Length];
        try
        {
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = ColumnVector.Allocate(_importers[c].Target, Math.Max(rows, 1));
                _importers[c].Import(DuckDbNative.data_chunk_get_vector(input, (ulong)c), 0, rows, columns[c], 0);
                if (!columns[c].Type.IsVariableWidth)
                {
                    columns[c].SetLength(rows);
                }
            }
        }
        catch
        {
            foreach (var column in columns)
            {
                column?.Dispose();
            }

            throw;
        }

        using var arguments = new ColumnBatch(_definition.Parameters, columns, rows);
        var results = _definition.Body(arguments);
        try
        {
            if (results.Length != _exporters.Length)
            {
                throw new EngineException(ErrorNumbers.InternalError, 16, 1, $"Function {_definition.Name} returned {results.Length} columns for a STRUCT of {_exporters.Length} fields.");
            }

            for (var f = 0; f < results.Length; f++)
            {
                _exporters[f].CheckSource(_definition.Result[f], _definition.Name);
                _exporters[f].Export(results[f], 0, rows, DuckDbNative.struct_vector_get_child(output, (ulong)f));
            }
        }
        finally
        {
            foreach (var vector in results)
            {
                vector.Dispose();
            }
        }
    }
}
