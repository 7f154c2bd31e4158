using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage;
using PredictEngine.Storage.Errors;

namespace PredictEngine.ModelRegistry;

public sealed record RegisteredModel(int ModelId, string Name, int Version, string Sha256);

/// <summary>A registered model's description: what sp_describe_model returns.</summary>
public sealed record ModelDescription(RegisteredModel Model, ModelSignature Signature, ModelSettings Settings, string? Description);

/// <summary>
/// The model registry table <c>ml.models</c>, readable with plain SELECT. Registering validates the model
/// by loading it (through the shared session cache, so the first PREDICT finds it loaded) and checks the
/// input map and NULL policy against its signature. Versions increase per name; a name alone means the
/// newest version. Any bytes whose SHA-256 matches a registration get that registration's settings.
/// </summary>
public sealed class ModelCatalog
{
    public const string Table = "ml.models";

    private readonly EmbeddedDatabase _database;
    private readonly ModelSessionCache _sessions;

    public ModelCatalog(EmbeddedDatabase database, ModelSessionCache sessions)
    {
        _database = database;
        _sessions = sessions;
        using var connection = _database.Connect();
        connection.Execute("""
            CREATE SCHEMA IF NOT EXISTS ml;
            CREATE SEQUENCE IF NOT EXISTS ml.model_id_seq;
            CREATE TABLE IF NOT EXISTS ml.models (
              model_id INTEGER PRIMARY KEY DEFAULT nextval('ml.model_id_seq'),
              name VARCHAR NOT NULL,
              version INTEGER NOT NULL,
              model BLOB NOT NULL,
              sha256 VARCHAR NOT NULL,
              inputs VARCHAR NOT NULL,
              outputs VARCHAR NOT NULL,
              input_map VARCHAR,
              null_policy VARCHAR,
              description VARCHAR,
              created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
              created_by VARCHAR NOT NULL,
              UNIQUE (name, version))
            """);
    }

    public RegisteredModel Register(string name, byte[] model, string createdBy, string? description = null, string? inputMapJson = null, string? nullPolicyJson = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(model);
        using var lease = _sessions.Acquire(model);
        var signature = lease.Session.Signature;
        var settings = ModelSettings.Parse(inputMapJson, nullPolicyJson, signature);
        using var connection = _database.Connect();
        using var insert = connection.Prepare("""
            INSERT INTO ml.models (name, version, model, sha256, inputs, outputs, input_map, null_policy, description, created_by)
            SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM ml.models WHERE lower(name) = lower($1)
            RETURNING model_id, version
            """);
        insert.Bind(1, name);
        insert.Bind(2, model);
        insert.Bind(3, lease.Session.Sha256);
        insert.Bind(4, Json(signature.Inputs));
        insert.Bind(5, Json(signature.Outputs));
        BindOrNull(insert, 6, settings.InputMapJson);
        BindOrNull(insert, 7, settings.NullPolicyJson);
        BindOrNull(insert, 8, description);
        insert.Bind(9, createdBy);
        using var reader = insert.ExecuteReader();
        using var row = reader.ReadBatch() ?? throw new EngineException(ErrorNumbers.InternalError, 16, 1, "Registering the model returned no row.");
        return new RegisteredModel(row[0].GetValues<int>()[0], name, row[1].GetValues<int>()[0], lease.Session.Sha256);
    }

    /// <summary>The newest version of <paramref name="name"/>, or the given one; Msg 50112 when absent.</summary>
    public ModelDescription Describe(string name, int? version = null)
    {
        var (model, bytes, inputMap, nullPolicy, description) = Find(name, version);
        using var lease = _sessions.Acquire(bytes);
        return new ModelDescription(model, lease.Session.Signature, ModelSettings.Parse(inputMap, nullPolicy, lease.Session.Signature), description);
    }

    public byte[] LoadBytes(string name, int? version = null) => Find(name, version).Bytes;

    /// <summary>Drops one version, or every version of the name; returns how many were dropped.</summary>
    public int Drop(string name, int? version = null)
    {
        using var connection = _database.Connect();
        using var delete = connection.Prepare("DELETE FROM ml.models WHERE lower(name) = lower($1) AND ($2 IS NULL OR version = $2)");
        delete.Bind(1, name);
        BindOrNull(delete, 2, version);
        var dropped = (int)delete.ExecuteNonQuery();
        return dropped > 0 ? dropped : throw NotFound(name, version);
    }

    /// <summary>The settings registered for these exact bytes (newest registration), however PREDICT obtained them.</summary>
    public ModelSettings SettingsFor(ReadOnlySpan<byte> model, ModelSignature signature)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(model));
        using var connection = _database.Connect();
        using var query = connection.Prepare("SELECT input_map, null_policy FROM ml.models WHERE sha256 = $1 ORDER BY model_id DESC LIMIT 1");
        query.Bind(1, sha);
        using var reader = query.ExecuteReader();
        using var row = reader.ReadBatch();
        return row is null || row.RowCount == 0
            ? ModelSettings.None
            : ModelSettings.Parse(Text(row[0]), Text(row[1]), signature);
    }

    private (RegisteredModel Model, byte[] Bytes, string? InputMap, string? NullPolicy, string? Description) Find(string name, int? version)
    {
        using var connection = _database.Connect();
        using var query = connection.Prepare("""
            SELECT model_id, name, version, sha256, model, input_map, null_policy, description FROM ml.models
            WHERE lower(name) = lower($1) AND ($2 IS NULL OR version = $2) ORDER BY version DESC LIMIT 1
            """);
        query.Bind(1, name);
        BindOrNull(query, 2, version);
        using var reader = query.ExecuteReader();
        using var row = reader.ReadBatch();
        if (row is null || row.RowCount == 0)
        {
            throw NotFound(name, version);
        }

        var model = new RegisteredModel(row[0].GetValues<int>()[0], row[1].GetString(0), row[2].GetValues<int>()[0], row[3].GetString(0));
        return (model, row[4].GetBytes(0).ToArray(), Text(row[5]), Text(row[6]), Text(row[7]));
    }

    private static string? Text(PredictEngine.Storage.Batches.ColumnVector column) => column.IsNull(0) ? null : column.GetString(0);

    private static string Json(IReadOnlyList<ModelNode> nodes) => JsonSerializer.Serialize(nodes.Select(n => new
    {
        name = n.Name,
        type = n.TypeText,
        element_type = OnnxElementTypes.Name(n.IsSequenceOfMaps ? n.MapValueType : n.ElementType),
        shape = n.Dimensions,
        sql_type = TensorTypeRules.ExactSqlType(n.IsSequenceOfMaps ? n.MapValueType : n.ElementType)?.ToString(),
    }));

    private static void BindOrNull(StorageStatement statement, int index, string? value)
    {
        if (value is null)
        {
            statement.BindNull(index);
        }
        else
        {
            statement.Bind(index, value);
        }
    }

    private static void BindOrNull(StorageStatement statement, int index, int? value)
    {
        if (value is null)
        {
            statement.BindNull(index);
        }
        else
        {
            statement.Bind(index, value.Value);
        }
    }

    private static EngineException NotFound(string name, int? version) => new(ErrorNumbers.ModelNotFound, 16, 1,
        version is null
            ? $"Cannot find the model '{name}'. Registered models are listed in {Table} (SELECT name, version FROM {Table})."
            : string.Create(CultureInfo.InvariantCulture, $"Cannot find version {version} of the model '{name}'. Registered versions are listed in {Table}."));
}
