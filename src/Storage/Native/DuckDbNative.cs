using System.Runtime.InteropServices;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Storage.Native;

/// <summary>
/// The one place that binds libduckdb's C API (src/include/duckdb.h, DuckDB 1.5). Entry points are
/// resolved once by name into unmanaged function pointers; each comment gives the C signature.
/// Handles are <c>void*</c>-sized opaque pointers (<c>struct _duckdb_x { void *internal_ptr; } *</c>);
/// <c>idx_t</c> is uint64; <c>bool</c> is one byte; <c>duckdb_state</c> is 0 for success.
/// </summary>
internal static unsafe class DuckDbNative
{
    private static readonly Lock Gate = new();
    private static string? _loadedPath;

    public static string LoadedPath => _loadedPath ?? throw new InvalidOperationException("libduckdb is not loaded.");

    // const char *duckdb_library_version();
    public static delegate* unmanaged<byte*> library_version;

    // duckdb_state duckdb_open_ext(const char *path, duckdb_database *out, duckdb_config config, char **out_error);
    public static delegate* unmanaged<byte*, nint*, nint, byte**, int> open_ext;

    // void duckdb_close(duckdb_database *database);
    public static delegate* unmanaged<nint*, void> close;

    // duckdb_state duckdb_create_config(duckdb_config *out_config);
    public static delegate* unmanaged<nint*, int> create_config;

    // duckdb_state duckdb_set_config(duckdb_config config, const char *name, const char *option);
    public static delegate* unmanaged<nint, byte*, byte*, int> set_config;

    // void duckdb_destroy_config(duckdb_config *config);
    public static delegate* unmanaged<nint*, void> destroy_config;

    // duckdb_state duckdb_connect(duckdb_database database, duckdb_connection *out_connection);
    public static delegate* unmanaged<nint, nint*, int> connect;

    // void duckdb_disconnect(duckdb_connection *connection);
    public static delegate* unmanaged<nint*, void> disconnect;

    // void duckdb_interrupt(duckdb_connection connection);
    public static delegate* unmanaged<nint, void> interrupt;

    // duckdb_query_progress_type duckdb_query_progress(duckdb_connection connection);
    public static delegate* unmanaged<nint, DuckQueryProgress> query_progress;

    // duckdb_state duckdb_query(duckdb_connection connection, const char *query, duckdb_result *out_result);
    public static delegate* unmanaged<nint, byte*, DuckResult*, int> query;

    // void duckdb_destroy_result(duckdb_result *result);
    public static delegate* unmanaged<DuckResult*, void> destroy_result;

    // const char *duckdb_result_error(duckdb_result *result);
    public static delegate* unmanaged<DuckResult*, byte*> result_error;

    // idx_t duckdb_column_count(duckdb_result *result);
    public static delegate* unmanaged<DuckResult*, ulong> column_count;

    // const char *duckdb_column_name(duckdb_result *result, idx_t col);
    public static delegate* unmanaged<DuckResult*, ulong, byte*> column_name;

    // duckdb_logical_type duckdb_column_logical_type(duckdb_result *result, idx_t col);
    public static delegate* unmanaged<DuckResult*, ulong, nint> column_logical_type;

    // idx_t duckdb_rows_changed(duckdb_result *result);
    public static delegate* unmanaged<DuckResult*, ulong> rows_changed;

    // duckdb_data_chunk duckdb_fetch_chunk(duckdb_result result);  (result by value)
    public static delegate* unmanaged<DuckResult, nint> fetch_chunk;

    // duckdb_state duckdb_prepare(duckdb_connection connection, const char *query, duckdb_prepared_statement *out);
    public static delegate* unmanaged<nint, byte*, nint*, int> prepare;

    // void duckdb_destroy_prepare(duckdb_prepared_statement *prepared_statement);
    public static delegate* unmanaged<nint*, void> destroy_prepare;

    // const char *duckdb_prepare_error(duckdb_prepared_statement prepared_statement);
    public static delegate* unmanaged<nint, byte*> prepare_error;

    // idx_t duckdb_nparams(duckdb_prepared_statement prepared_statement);
    public static delegate* unmanaged<nint, ulong> nparams;

    // duckdb_state duckdb_clear_bindings(duckdb_prepared_statement prepared_statement);
    public static delegate* unmanaged<nint, int> clear_bindings;

    // duckdb_state duckdb_bind_parameter_index(duckdb_prepared_statement, idx_t *param_idx_out, const char *name);
    public static delegate* unmanaged<nint, ulong*, byte*, int> bind_parameter_index;

    // duckdb_state duckdb_bind_boolean(duckdb_prepared_statement, idx_t param_idx, bool val);
    public static delegate* unmanaged<nint, ulong, byte, int> bind_boolean;

    // duckdb_state duckdb_bind_uint8(duckdb_prepared_statement, idx_t param_idx, uint8_t val);
    public static delegate* unmanaged<nint, ulong, byte, int> bind_uint8;

    // duckdb_state duckdb_bind_int16(duckdb_prepared_statement, idx_t param_idx, int16_t val);
    public static delegate* unmanaged<nint, ulong, short, int> bind_int16;

    // duckdb_state duckdb_bind_int32(duckdb_prepared_statement, idx_t param_idx, int32_t val);
    public static delegate* unmanaged<nint, ulong, int, int> bind_int32;

    // duckdb_state duckdb_bind_int64(duckdb_prepared_statement, idx_t param_idx, int64_t val);
    public static delegate* unmanaged<nint, ulong, long, int> bind_int64;

    // duckdb_state duckdb_bind_float(duckdb_prepared_statement, idx_t param_idx, float val);
    public static delegate* unmanaged<nint, ulong, float, int> bind_float;

    // duckdb_state duckdb_bind_double(duckdb_prepared_statement, idx_t param_idx, double val);
    public static delegate* unmanaged<nint, ulong, double, int> bind_double;

    // duckdb_state duckdb_bind_decimal(duckdb_prepared_statement, idx_t param_idx, duckdb_decimal val);
    public static delegate* unmanaged<nint, ulong, DuckDecimal, int> bind_decimal;

    // duckdb_state duckdb_bind_date(duckdb_prepared_statement, idx_t param_idx, duckdb_date val);  (int32 days)
    public static delegate* unmanaged<nint, ulong, int, int> bind_date;

    // duckdb_state duckdb_bind_time(duckdb_prepared_statement, idx_t param_idx, duckdb_time val);  (int64 micros)
    public static delegate* unmanaged<nint, ulong, long, int> bind_time;

    // duckdb_state duckdb_bind_timestamp(duckdb_prepared_statement, idx_t param_idx, duckdb_timestamp val);  (int64 micros)
    public static delegate* unmanaged<nint, ulong, long, int> bind_timestamp;

    // duckdb_state duckdb_bind_varchar_length(duckdb_prepared_statement, idx_t param_idx, const char *val, idx_t length);
    public static delegate* unmanaged<nint, ulong, byte*, ulong, int> bind_varchar_length;

    // duckdb_state duckdb_bind_blob(duckdb_prepared_statement, idx_t param_idx, const void *data, idx_t length);
    public static delegate* unmanaged<nint, ulong, void*, ulong, int> bind_blob;

    // duckdb_state duckdb_bind_null(duckdb_prepared_statement, idx_t param_idx);
    public static delegate* unmanaged<nint, ulong, int> bind_null;

    // duckdb_state duckdb_bind_value(duckdb_prepared_statement, idx_t param_idx, duckdb_value val);
    public static delegate* unmanaged<nint, ulong, nint, int> bind_value;

    // duckdb_value duckdb_create_uuid(duckdb_uhugeint input);
    public static delegate* unmanaged<DuckHugeInt, nint> create_uuid;

    // void duckdb_destroy_value(duckdb_value *value);
    public static delegate* unmanaged<nint*, void> destroy_value;

    // duckdb_state duckdb_pending_prepared_streaming(duckdb_prepared_statement, duckdb_pending_result *out_result);
    public static delegate* unmanaged<nint, nint*, int> pending_prepared_streaming;

    // duckdb_state duckdb_execute_pending(duckdb_pending_result pending_result, duckdb_result *out_result);
    public static delegate* unmanaged<nint, DuckResult*, int> execute_pending;

    // const char *duckdb_pending_error(duckdb_pending_result pending_result);
    public static delegate* unmanaged<nint, byte*> pending_error;

    // void duckdb_destroy_pending(duckdb_pending_result *pending_result);
    public static delegate* unmanaged<nint*, void> destroy_pending;

    // duckdb_type duckdb_get_type_id(duckdb_logical_type type);
    public static delegate* unmanaged<nint, DuckDbType> get_type_id;

    // uint8_t duckdb_decimal_width(duckdb_logical_type type);
    public static delegate* unmanaged<nint, byte> decimal_width;

    // uint8_t duckdb_decimal_scale(duckdb_logical_type type);
    public static delegate* unmanaged<nint, byte> decimal_scale;

    // duckdb_type duckdb_decimal_internal_type(duckdb_logical_type type);
    public static delegate* unmanaged<nint, DuckDbType> decimal_internal_type;

    // void duckdb_destroy_logical_type(duckdb_logical_type *type);
    public static delegate* unmanaged<nint*, void> destroy_logical_type;

    // duckdb_data_chunk duckdb_create_data_chunk(duckdb_logical_type *types, idx_t column_count);
    public static delegate* unmanaged<nint*, ulong, nint> create_data_chunk;

    // void duckdb_destroy_data_chunk(duckdb_data_chunk *chunk);
    public static delegate* unmanaged<nint*, void> destroy_data_chunk;

    // void duckdb_data_chunk_reset(duckdb_data_chunk chunk);
    public static delegate* unmanaged<nint, void> data_chunk_reset;

    // duckdb_vector duckdb_data_chunk_get_vector(duckdb_data_chunk chunk, idx_t col_idx);
    public static delegate* unmanaged<nint, ulong, nint> data_chunk_get_vector;

    // idx_t duckdb_data_chunk_get_size(duckdb_data_chunk chunk);
    public static delegate* unmanaged<nint, ulong> data_chunk_get_size;

    // void duckdb_data_chunk_set_size(duckdb_data_chunk chunk, idx_t size);
    public static delegate* unmanaged<nint, ulong, void> data_chunk_set_size;

    // idx_t duckdb_vector_size();
    public static delegate* unmanaged<ulong> vector_size;

    // void *duckdb_vector_get_data(duckdb_vector vector);
    public static delegate* unmanaged<nint, void*> vector_get_data;

    // uint64_t *duckdb_vector_get_validity(duckdb_vector vector);  (NULL: all rows valid)
    public static delegate* unmanaged<nint, ulong*> vector_get_validity;

    // void duckdb_vector_ensure_validity_writable(duckdb_vector vector);
    public static delegate* unmanaged<nint, void> vector_ensure_validity_writable;

    // void duckdb_vector_assign_string_element_len(duckdb_vector vector, idx_t index, const char *str, idx_t str_len);
    public static delegate* unmanaged<nint, ulong, byte*, ulong, void> vector_assign_string_element_len;

    // duckdb_state duckdb_appender_create(duckdb_connection, const char *schema, const char *table, duckdb_appender *out);
    public static delegate* unmanaged<nint, byte*, byte*, nint*, int> appender_create;

    // idx_t duckdb_appender_column_count(duckdb_appender appender);
    public static delegate* unmanaged<nint, ulong> appender_column_count;

    // duckdb_logical_type duckdb_appender_column_type(duckdb_appender appender, idx_t col_idx);
    public static delegate* unmanaged<nint, ulong, nint> appender_column_type;

    // const char *duckdb_appender_error(duckdb_appender appender);
    public static delegate* unmanaged<nint, byte*> appender_error;

    // duckdb_state duckdb_append_data_chunk(duckdb_appender appender, duckdb_data_chunk chunk);
    public static delegate* unmanaged<nint, nint, int> append_data_chunk;

    // duckdb_state duckdb_appender_flush(duckdb_appender appender);
    public static delegate* unmanaged<nint, int> appender_flush;

    // duckdb_state duckdb_appender_close(duckdb_appender appender);
    public static delegate* unmanaged<nint, int> appender_close;

    // duckdb_state duckdb_appender_destroy(duckdb_appender *appender);
    public static delegate* unmanaged<nint*, int> appender_destroy;

    // idx_t duckdb_extract_statements(duckdb_connection connection, const char *query, duckdb_extracted_statements *out);
    public static delegate* unmanaged<nint, byte*, nint*, ulong> extract_statements;

    // duckdb_state duckdb_prepare_extracted_statement(duckdb_connection, duckdb_extracted_statements, idx_t index, duckdb_prepared_statement *out);
    public static delegate* unmanaged<nint, nint, ulong, nint*, int> prepare_extracted_statement;

    // const char *duckdb_extract_statements_error(duckdb_extracted_statements extracted_statements);
    public static delegate* unmanaged<nint, byte*> extract_statements_error;

    // void duckdb_destroy_extracted(duckdb_extracted_statements *extracted_statements);
    public static delegate* unmanaged<nint*, void> destroy_extracted;

    // duckdb_statement_type duckdb_prepared_statement_type(duckdb_prepared_statement statement);
    public static delegate* unmanaged<nint, int> prepared_statement_type;

    // --- Scalar functions (PREDICT runs inside DuckDB's pipeline as one) ---

    // duckdb_scalar_function duckdb_create_scalar_function();
    public static delegate* unmanaged<nint> create_scalar_function;

    // void duckdb_destroy_scalar_function(duckdb_scalar_function *scalar_function);
    public static delegate* unmanaged<nint*, void> destroy_scalar_function;

    // void duckdb_scalar_function_set_name(duckdb_scalar_function scalar_function, const char *name);
    public static delegate* unmanaged<nint, byte*, void> scalar_function_set_name;

    // void duckdb_scalar_function_add_parameter(duckdb_scalar_function scalar_function, duckdb_logical_type type);
    public static delegate* unmanaged<nint, nint, void> scalar_function_add_parameter;

    // void duckdb_scalar_function_set_return_type(duckdb_scalar_function scalar_function, duckdb_logical_type type);
    public static delegate* unmanaged<nint, nint, void> scalar_function_set_return_type;

    // void duckdb_scalar_function_set_function(duckdb_scalar_function, void (*)(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output));
    public static delegate* unmanaged<nint, delegate* unmanaged<nint, nint, nint, void>, void> scalar_function_set_function;

    // void duckdb_scalar_function_set_extra_info(duckdb_scalar_function, void *extra_info, void (*destroy)(void *));
    public static delegate* unmanaged<nint, void*, delegate* unmanaged<void*, void>, void> scalar_function_set_extra_info;

    // void duckdb_scalar_function_set_special_handling(duckdb_scalar_function scalar_function);  (NULL inputs reach the function)
    public static delegate* unmanaged<nint, void> scalar_function_set_special_handling;

    // void duckdb_scalar_function_set_volatile(duckdb_scalar_function scalar_function);
    public static delegate* unmanaged<nint, void> scalar_function_set_volatile;

    // duckdb_state duckdb_register_scalar_function(duckdb_connection con, duckdb_scalar_function scalar_function);
    public static delegate* unmanaged<nint, nint, int> register_scalar_function;

    // void *duckdb_scalar_function_get_extra_info(duckdb_function_info info);
    public static delegate* unmanaged<nint, void*> scalar_function_get_extra_info;

    // void duckdb_scalar_function_set_error(duckdb_function_info info, const char *error);
    public static delegate* unmanaged<nint, byte*, void> scalar_function_set_error;

    // duckdb_logical_type duckdb_create_logical_type(duckdb_type type);
    public static delegate* unmanaged<DuckDbType, nint> create_logical_type;

    // duckdb_logical_type duckdb_create_decimal_type(uint8_t width, uint8_t scale);
    public static delegate* unmanaged<byte, byte, nint> create_decimal_type;

    // duckdb_logical_type duckdb_create_struct_type(duckdb_logical_type *member_types, const char **member_names, idx_t member_count);
    public static delegate* unmanaged<nint*, byte**, ulong, nint> create_struct_type;

    // duckdb_vector duckdb_struct_vector_get_child(duckdb_vector vector, idx_t index);
    public static delegate* unmanaged<nint, ulong, nint> struct_vector_get_child;

    // idx_t duckdb_data_chunk_get_column_count(duckdb_data_chunk chunk);
    public static delegate* unmanaged<nint, ulong> data_chunk_get_column_count;

    // void duckdb_free(void *ptr);
    public static delegate* unmanaged<void*, void> free;

    /// <summary>Loads the library once per process; later calls must name the same file.</summary>
    public static void EnsureLoaded(string path)
    {
        lock (Gate)
        {
            if (_loadedPath is not null)
            {
                if (!string.Equals(_loadedPath, path, StringComparison.Ordinal))
                {
                    throw new EngineException(ErrorNumbers.NativeLibraryUnavailable, 16, 1,
                        $"libduckdb is already loaded from '{_loadedPath}'; one process uses one DuckDB library (asked for '{path}').");
                }

                return;
            }

            nint lib;
            try
            {
                lib = NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new EngineException(ErrorNumbers.NativeLibraryUnavailable, 16, 1,
                    $"Cannot load the DuckDB library '{path}': {e.Message} Run the build (it installs native/ with npm ci) or set PREDICT_DUCKDB_LIBRARY.", e);
            }

            Bind(lib);
            _loadedPath = path;
        }
    }

    private static void Bind(nint lib)
    {
        nint F(string name) => NativeLibrary.TryGetExport(lib, "duckdb_" + name, out var p)
            ? p
            : throw new EngineException(ErrorNumbers.NativeLibraryUnavailable, 16, 1, $"The DuckDB library lacks duckdb_{name}; it is older than 1.5.");

        library_version = (delegate* unmanaged<byte*>)F("library_version");
        open_ext = (delegate* unmanaged<byte*, nint*, nint, byte**, int>)F("open_ext");
        close = (delegate* unmanaged<nint*, void>)F("close");
        create_config = (delegate* unmanaged<nint*, int>)F("create_config");
        set_config = (delegate* unmanaged<nint, byte*, byte*, int>)F("set_config");
        destroy_config = (delegate* unmanaged<nint*, void>)F("destroy_config");
        connect = (delegate* unmanaged<nint, nint*, int>)F("connect");
        disconnect = (delegate* unmanaged<nint*, void>)F("disconnect");
        interrupt = (delegate* unmanaged<nint, void>)F("interrupt");
        query_progress = (delegate* unmanaged<nint, DuckQueryProgress>)F("query_progress");
        query = (delegate* unmanaged<nint, byte*, DuckResult*, int>)F("query");
        destroy_result = (delegate* unmanaged<DuckResult*, void>)F("destroy_result");
        result_error = (delegate* unmanaged<DuckResult*, byte*>)F("result_error");
        column_count = (delegate* unmanaged<DuckResult*, ulong>)F("column_count");
        column_name = (delegate* unmanaged<DuckResult*, ulong, byte*>)F("column_name");
        column_logical_type = (delegate* unmanaged<DuckResult*, ulong, nint>)F("column_logical_type");
        rows_changed = (delegate* unmanaged<DuckResult*, ulong>)F("rows_changed");
        fetch_chunk = (delegate* unmanaged<DuckResult, nint>)F("fetch_chunk");
        prepare = (delegate* unmanaged<nint, byte*, nint*, int>)F("prepare");
        destroy_prepare = (delegate* unmanaged<nint*, void>)F("destroy_prepare");
        prepare_error = (delegate* unmanaged<nint, byte*>)F("prepare_error");
        nparams = (delegate* unmanaged<nint, ulong>)F("nparams");
        clear_bindings = (delegate* unmanaged<nint, int>)F("clear_bindings");
        bind_parameter_index = (delegate* unmanaged<nint, ulong*, byte*, int>)F("bind_parameter_index");
        bind_boolean = (delegate* unmanaged<nint, ulong, byte, int>)F("bind_boolean");
        bind_uint8 = (delegate* unmanaged<nint, ulong, byte, int>)F("bind_uint8");
        bind_int16 = (delegate* unmanaged<nint, ulong, short, int>)F("bind_int16");
        bind_int32 = (delegate* unmanaged<nint, ulong, int, int>)F("bind_int32");
        bind_int64 = (delegate* unmanaged<nint, ulong, long, int>)F("bind_int64");
        bind_float = (delegate* unmanaged<nint, ulong, float, int>)F("bind_float");
        bind_double = (delegate* unmanaged<nint, ulong, double, int>)F("bind_double");
        bind_decimal = (delegate* unmanaged<nint, ulong, DuckDecimal, int>)F("bind_decimal");
        bind_date = (delegate* unmanaged<nint, ulong, int, int>)F("bind_date");
        bind_time = (delegate* unmanaged<nint, ulong, long, int>)F("bind_time");
        bind_timestamp = (delegate* unmanaged<nint, ulong, long, int>)F("bind_timestamp");
        bind_varchar_length = (delegate* unmanaged<nint, ulong, byte*, ulong, int>)F("bind_varchar_length");
        bind_blob = (delegate* unmanaged<nint, ulong, void*, ulong, int>)F("bind_blob");
        bind_null = (delegate* unmanaged<nint, ulong, int>)F("bind_null");
        bind_value = (delegate* unmanaged<nint, ulong, nint, int>)F("bind_value");
        create_uuid = (delegate* unmanaged<DuckHugeInt, nint>)F("create_uuid");
        destroy_value = (delegate* unmanaged<nint*, void>)F("destroy_value");
        pending_prepared_streaming = (delegate* unmanaged<nint, nint*, int>)F("pending_prepared_streaming");
        execute_pending = (delegate* unmanaged<nint, DuckResult*, int>)F("execute_pending");
        pending_error = (delegate* unmanaged<nint, byte*>)F("pending_error");
        destroy_pending = (delegate* unmanaged<nint*, void>)F("destroy_pending");
        get_type_id = (delegate* unmanaged<nint, DuckDbType>)F("get_type_id");
        decimal_width = (delegate* unmanaged<nint, byte>)F("decimal_width");
        decimal_scale = (delegate* unmanaged<nint, byte>)F("decimal_scale");
        decimal_internal_type = (delegate* unmanaged<nint, DuckDbType>)F("decimal_internal_type");
        destroy_logical_type = (delegate* unmanaged<nint*, void>)F("destroy_logical_type");
        create_data_chunk = (delegate* unmanaged<nint*, ulong, nint>)F("create_data_chunk");
        destroy_data_chunk = (delegate* unmanaged<nint*, void>)F("destroy_data_chunk");
        data_chunk_reset = (delegate* unmanaged<nint, void>)F("data_chunk_reset");
        data_chunk_get_vector = (delegate* unmanaged<nint, ulong, nint>)F("data_chunk_get_vector");
        data_chunk_get_size = (delegate* unmanaged<nint, ulong>)F("data_chunk_get_size");
        data_chunk_set_size = (delegate* unmanaged<nint, ulong, void>)F("data_chunk_set_size");
        vector_size = (delegate* unmanaged<ulong>)F("vector_size");
        vector_get_data = (delegate* unmanaged<nint, void*>)F("vector_get_data");
        vector_get_validity = (delegate* unmanaged<nint, ulong*>)F("vector_get_validity");
        vector_ensure_validity_writable = (delegate* unmanaged<nint, void>)F("vector_ensure_validity_writable");
        vector_assign_string_element_len = (delegate* unmanaged<nint, ulong, byte*, ulong, void>)F("vector_assign_string_element_len");
        appender_create = (delegate* unmanaged<nint, byte*, byte*, nint*, int>)F("appender_create");
        appender_column_count = (delegate* unmanaged<nint, ulong>)F("appender_column_count");
        appender_column_type = (delegate* unmanaged<nint, ulong, nint>)F("appender_column_type");
        appender_error = (delegate* unmanaged<nint, byte*>)F("appender_error");
        append_data_chunk = (delegate* unmanaged<nint, nint, int>)F("append_data_chunk");
        appender_flush = (delegate* unmanaged<nint, int>)F("appender_flush");
        appender_close = (delegate* unmanaged<nint, int>)F("appender_close");
        appender_destroy = (delegate* unmanaged<nint*, int>)F("appender_destroy");
        extract_statements = (delegate* unmanaged<nint, byte*, nint*, ulong>)F("extract_statements");
        prepare_extracted_statement = (delegate* unmanaged<nint, nint, ulong, nint*, int>)F("prepare_extracted_statement");
        extract_statements_error = (delegate* unmanaged<nint, byte*>)F("extract_statements_error");
        destroy_extracted = (delegate* unmanaged<nint*, void>)F("destroy_extracted");
        prepared_statement_type = (delegate* unmanaged<nint, int>)F("prepared_statement_type");
        free = (delegate* unmanaged<void*, void>)F("free");
        create_scalar_function = (delegate* unmanaged<nint>)F("create_scalar_function");
        destroy_scalar_function = (delegate* unmanaged<nint*, void>)F("destroy_scalar_function");
        scalar_function_set_name = (delegate* unmanaged<nint, byte*, void>)F("scalar_function_set_name");
        scalar_function_add_parameter = (delegate* unmanaged<nint, nint, void>)F("scalar_function_add_parameter");
        scalar_function_set_return_type = (delegate* unmanaged<nint, nint, void>)F("scalar_function_set_return_type");
        scalar_function_set_function = (delegate* unmanaged<nint, delegate* unmanaged<nint, nint, nint, void>, void>)F("scalar_function_set_function");
        scalar_function_set_extra_info = (delegate* unmanaged<nint, void*, delegate* unmanaged<void*, void>, void>)F("scalar_function_set_extra_info");
        scalar_function_set_special_handling = (delegate* unmanaged<nint, void>)F("scalar_function_set_special_handling");
        scalar_function_set_volatile = (delegate* unmanaged<nint, void>)F("scalar_function_set_volatile");
        register_scalar_function = (delegate* unmanaged<nint, nint, int>)F("register_scalar_function");
        scalar_function_get_extra_info = (delegate* unmanaged<nint, void*>)F("scalar_function_get_extra_info");
        scalar_function_set_error = (delegate* unmanaged<nint, byte*, void>)F("scalar_function_set_error");
        create_logical_type = (delegate* unmanaged<DuckDbType, nint>)F("create_logical_type");
        create_decimal_type = (delegate* unmanaged<byte, byte, nint>)F("create_decimal_type");
        create_struct_type = (delegate* unmanaged<nint*, byte**, ulong, nint>)F("create_struct_type");
        struct_vector_get_child = (delegate* unmanaged<nint, ulong, nint>)F("struct_vector_get_child");
        data_chunk_get_column_count = (delegate* unmanaged<nint, ulong>)F("data_chunk_get_column_count");
    }

    /// <summary>Reads a NUL-terminated UTF-8 string the library owns (never freed here).</summary>
    public static string? Str(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);
}

/// <summary>duckdb_query_progress_type: { double percentage; uint64_t rows_processed; uint64_t total_rows_to_process; }.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckQueryProgress
{
    public double Percentage;
    public ulong RowsProcessed;
    public ulong TotalRowsToProcess;
}
