using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Predict;

/// <summary>A column of PREDICT's WITH clause.</summary>
public sealed record WithColumn(string Name, SqlType Type);

/// <summary>How a WITH column is filled from the operator's output columns.</summary>
public sealed record OutputColumn(WithColumn Column, ModelNode Output, string? SourceColumn, bool AsJson);

/// <summary>The bound PREDICT: which columns feed which inputs, which outputs fill which WITH columns.</summary>
public sealed record PredictBinding(ScoringBinding Binding, IReadOnlyList<OutputColumn> Outputs);

/// <summary>
/// Binds PREDICT's DATA columns and WITH clause to a model, by Microsoft's rules and beyond them:
/// inputs by name (case-insensitive) for <c>[N]</c>/<c>[N,1]</c> inputs, the registered input map for
/// <c>[N,F]</c> inputs; outputs by name, <c>name_k</c> for <c>[N,K]</c>, <c>name_key</c> for ZipMap, and an
/// <c>nvarchar(max)</c> column named like a multi-valued output receives it as JSON. Every refusal shows
/// the model's signature (Microsoft's Msg 39096 shows an empty one).
/// </summary>
public static class PredictBinder
{
    public static PredictBinding Bind(ModelSignature signature, BatchSchema data, IReadOnlyList<WithColumn> with, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(with);
        ArgumentNullException.ThrowIfNull(settings);
        var inputs = signature.Inputs.Select(input => BindInput(input, data, settings, signature)).ToArray();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var outputs = with.Select(column => BindOutput(column, signature)).ToArray();
        foreach (var output in outputs)
        {
            if (!used.Add(output.Column.Name))
            {
                throw Error($"The WITH clause names '{output.Column.Name}' twice.", signature);
            }
        }

        var needed = outputs.Select(o => o.Output.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return new PredictBinding(new ScoringBinding(inputs, needed), outputs);
    }

    private static InputBinding BindInput(ModelNode input, BatchSchema data, ModelSettings settings, ModelSignature signature)
    {
        var policy = settings.NullPolicies.GetValueOrDefault(input.Name) ?? new NullPolicy(NullHandling.Reject);
        if (settings.InputMap.TryGetValue(input.Name, out var mapped))
        {
            return new InputBinding(input.Name, mapped, policy.Handling, policy.Value);
        }

        var width = input.Rank == 2 ? input.Dimensions[1] : 1;
        if (input.Rank > 2 || width != 1)
        {
            throw Error($"Model input '{input.Name}' is {input.TypeText}: it takes {(width > 0 ? width.ToString(System.Globalization.CultureInfo.InvariantCulture) : "several")} columns, which no single DATA column can fill. Register the model with an input map, e.g. EXEC sp_register_model @name = N'...', @model = ..., @input_map = N'{{\"{input.Name}\": [\"col1\", \"col2\", ...]}}'.", signature);
        }

        if (data.IndexOf(input.Name) < 0)
        {
            throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1,
                $"Invalid column name '{input.Name}': PREDICT feeds model input '{input.Name}' ({input.TypeText}) from the DATA column of the same name. DATA has: {data}. Rename the column in DATA (SELECT x AS {input.Name} ...) or register an input map. Model signature: {signature}.");
        }

        return new InputBinding(input.Name, [input.Name], policy.Handling, policy.Value);
    }

    private static OutputColumn BindOutput(WithColumn column, ModelSignature signature)
    {
        if (signature.FindOutput(column.Name) is { } exact)
        {
            var multi = exact.IsSequenceOfMaps || (exact.Rank == 2 && exact.Dimensions[1] != 1);
            if (multi)
            {
                return column.Type.IsString && column.Type.Length == SqlType.MaxLength
                    ? new OutputColumn(column, exact, null, AsJson: true)
                    : throw Error($"WITH column '{column.Name}' {column.Type}: output '{exact.Name}' is {exact.TypeText}, several values per row. Declare it nvarchar(max) to receive them as JSON, or name one value ({exact.Name}_0, {exact.Name}_<key>).", signature);
            }

            CheckType(column, exact, signature);
            return new OutputColumn(column, exact, exact.Name, AsJson: false);
        }

        foreach (var output in signature.Outputs)
        {
            var prefix = output.Name + "_";
            if (column.Name.Length > prefix.Length && column.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (output.IsSequenceOfMaps || (output.Rank == 2 && output.IsTensor)))
            {
                if (output.IsTensor && !IndexFits(column.Name[prefix.Length..], output.Dimensions[1]))
                {
                    throw Error($"WITH column '{column.Name}' points past output '{output.Name}' ({output.TypeText}).", signature);
                }

                CheckType(column, output, signature);
                return new OutputColumn(column, output, column.Name, AsJson: false);
            }
        }

        throw Error($"WITH column '{column.Name}' matches no model output. Name a WITH column after an output ({string.Join(", ", signature.Outputs.Select(o => o.Name))}), or <output>_<k> for one value of a multi-valued output.", signature);
    }

    private static bool IndexFits(string suffix, long width) =>
        int.TryParse(suffix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) && (width < 0 || k < width);

    private static void CheckType(WithColumn column, ModelNode output, ModelSignature signature)
    {
        var element = output.IsSequenceOfMaps ? output.MapValueType : output.ElementType;
        var produced = TensorTypeRules.OutputSqlType(element);
        if (produced is null || !OutputConversions.CanConvert(produced.Value, column.Type))
        {
            var exact = produced is null ? "no SQL Server type" : produced.Value.ToString();
            throw Error($"WITH column '{column.Name}' is {column.Type} but output '{output.Name}' is {OnnxElementTypes.Name(element)}: converting it would lose information. Declare the column as {exact}.", signature);
        }
    }

    private static EngineException Error(string message, ModelSignature signature) =>
        new(ErrorNumbers.ModelInputMismatch, 16, 1, $"{message} Model signature: {signature}.");
}
