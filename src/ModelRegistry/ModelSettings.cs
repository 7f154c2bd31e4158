using System.Globalization;
using System.Text.Json;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Errors;

namespace PredictEngine.ModelRegistry;

/// <summary>What NULL becomes for one model input: refused (default), NaN, or a value.</summary>
public sealed record NullPolicy(NullHandling Handling, double Value = 0);

/// <summary>
/// A registered model's settings, stored as JSON beside it: the input map (<c>{"input": ["c1","c2"]}</c>:
/// which columns fill an <c>[N,F]</c> input, in order) and the NULL policy per input
/// (<c>{"input": "nan"}</c> or <c>{"input": 0}</c>). Both are checked against the model's signature
/// when the model is registered, so PREDICT never meets a map that cannot work.
/// </summary>
public sealed record ModelSettings(IReadOnlyDictionary<string, IReadOnlyList<string>> InputMap, IReadOnlyDictionary<string, NullPolicy> NullPolicies)
{
    public static ModelSettings None { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, NullPolicy>());

    public static ModelSettings Parse(string? inputMapJson, string? nullPolicyJson, ModelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (input, value) in Objects(inputMapJson, "@input_map", """{"input": ["column1", "column2"]}"""))
        {
            var node = Input(signature, input, "@input_map");
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0 || value.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(c.GetString())))
            {
                throw Invalid("@input_map", $"the value for '{input}' must be a non-empty array of column names", signature);
            }

            var columns = value.EnumerateArray().Select(c => c.GetString()!).ToArray();
            var width = node.Rank == 2 ? node.Dimensions[1] : 1;
            if (width > 0 && columns.Length != width)
            {
                throw Invalid("@input_map", $"input '{node.Name}' is {node.TypeText} and takes {width} column(s), but the map lists {columns.Length}", signature);
            }

            map[node.Name] = columns;
        }

        var policies = new Dictionary<string, NullPolicy>(StringComparer.OrdinalIgnoreCase);
        foreach (var (input, value) in Objects(nullPolicyJson, "@null_policy", """{"input": "nan"} or {"input": 0}"""))
        {
            var node = Input(signature, input, "@null_policy");
            NullPolicy policy = value.ValueKind switch
            {
                JsonValueKind.String when string.Equals(value.GetString(), "nan", StringComparison.OrdinalIgnoreCase) => new(NullHandling.NaN),
                JsonValueKind.String when string.Equals(value.GetString(), "error", StringComparison.OrdinalIgnoreCase) => new(NullHandling.Reject),
                JsonValueKind.Number => new(NullHandling.Default, value.GetDouble()),
                _ => throw Invalid("@null_policy", $"the value for '{input}' must be \"nan\", \"error\" or a number", signature),
            };
            if (policy.Handling == NullHandling.NaN && node.ElementType is not (OnnxElementType.Float or OnnxElementType.Double))
            {
                throw Invalid("@null_policy", $"input '{node.Name}' is {node.TypeText}; NaN exists only for float and double inputs, use a number", signature);
            }

            policies[node.Name] = policy;
        }

        return new ModelSettings(map, policies);
    }

    public string? InputMapJson => InputMap.Count == 0 ? null : JsonSerializer.Serialize(InputMap);

    public string? NullPolicyJson => NullPolicies.Count == 0 ? null : "{" + string.Join(",", NullPolicies.Select(p =>
        $"{JsonSerializer.Serialize(p.Key)}:{(p.Value.Handling switch { NullHandling.NaN => "\"nan\"", NullHandling.Reject => "\"error\"", _ => p.Value.Value.ToString("R", CultureInfo.InvariantCulture) })}")) + "}";

    private static IEnumerable<(string Name, JsonElement Value)> Objects(string? json, string parameter, string example)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EngineException(ErrorNumbers.InvalidModelSettings, 16, 1, $"{parameter} must be a JSON object such as {example}.");
            }

            return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.Clone()))];
        }
        catch (JsonException e)
        {
            throw new EngineException(ErrorNumbers.InvalidModelSettings, 16, 1, $"{parameter} is not valid JSON ({e.Message}); write it like {example}.");
        }
    }

    private static ModelNode Input(ModelSignature signature, string name, string parameter) =>
        signature.FindInput(name) ?? throw Invalid(parameter, $"the model has no input named '{name}'", signature);

    private static EngineException Invalid(string parameter, string why, ModelSignature signature) =>
        new(ErrorNumbers.InvalidModelSettings, 16, 1, $"{parameter} does not fit the model: {why}. Model signature: {signature}.");
}
