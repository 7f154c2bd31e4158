using PredictEngine.Storage.Batches;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring.Operator;

/// <summary>
/// Checks a binding against the model's signature and the batch schema before any row is read.
/// Every refusal names the column, the input and the fix, and shows the model's signature.
/// </summary>
internal static class ScoringPlanner
{
    public static InputPlan[] PlanInputs(ModelSignature signature, ScoringBinding binding, BatchSchema schema)
    {
        foreach (var bound in binding.Inputs)
        {
            if (signature.FindInput(bound.Input) is null)
            {
                throw Mismatch($"The model has no input named '{bound.Input}'.", signature);
            }
        }

        var plans = new InputPlan[signature.Inputs.Count];
        for (var i = 0; i < plans.Length; i++)
        {
            var node = signature.Inputs[i];
            var bindings = binding.Inputs.Where(b => string.Equals(b.Input, node.Name, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (bindings.Length != 1)
            {
                throw Mismatch(bindings.Length == 0
                    ? $"Model input '{node.Name}' ({node.TypeText}) is not fed by any column. DATA has: {Columns(schema)}."
                    : $"Model input '{node.Name}' is bound {bindings.Length} times; bind it once.", signature);
            }

            plans[i] = PlanInput(node, bindings[0], schema, signature);
        }

        return plans;
    }

    public static int[] PlanOutputs(ModelSignature signature, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return [.. Enumerable.Range(0, signature.Outputs.Count)];
        }

        var indices = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var index = signature.Outputs.ToList().FindIndex(o => string.Equals(o.Name, names[i], StringComparison.OrdinalIgnoreCase));
            indices[i] = index >= 0 ? index : throw Mismatch($"The model has no output named '{names[i]}'.", signature);
        }

        return indices;
    }

    private static InputPlan PlanInput(ModelNode node, InputBinding bound, BatchSchema schema, ModelSignature signature)
    {
        if (!node.IsTensor)
        {
            throw Mismatch($"Model input '{node.Name}' is {node.TypeText}; only tensor inputs can be fed from columns.", signature);
        }

        var width = bound.Columns.Count;
        if (width == 0)
        {
            throw Mismatch($"Model input '{node.Name}' is bound to no columns.", signature);
        }

        if (node.Rank is < 1 or > 2)
        {
            throw Mismatch($"Model input '{node.Name}' is {node.TypeText}; columns can feed [N], [N,1] and [N,F] inputs only.", signature);
        }

        if (node.Dimensions[0] > 0)
        {
            throw Mismatch($"Model input '{node.Name}' is {node.TypeText}, with a fixed batch size of {node.Dimensions[0]}; re-export the model with a dynamic first dimension.", signature);
        }

        var expected = node.Rank == 1 ? 1 : node.Dimensions[1];
        if ((expected > 0 && width != expected) || (node.Rank == 1 && width != 1))
        {
            throw Mismatch($"Model input '{node.Name}' is {node.TypeText} and takes {expected} column(s), but {width} were bound ({string.Join(", ", bound.Columns)}).", signature);
        }

        if (node.ElementType == OnnxElementType.String && width != 1)
        {
            throw Mismatch($"Model input '{node.Name}' is {node.TypeText}; string inputs are fed from one column.", signature);
        }

        if (bound.Nulls == NullHandling.NaN && node.ElementType is not (OnnxElementType.Float or OnnxElementType.Double))
        {
            throw Mismatch($"Model input '{node.Name}' is {node.TypeText}; NaN can stand for NULL only in float and double inputs. Use a default value instead.", signature);
        }

        var ordinals = new int[width];
        for (var c = 0; c < width; c++)
        {
            var column = bound.Columns[c];
            ordinals[c] = schema.IndexOf(column);
            if (ordinals[c] < 0)
            {
                throw new EngineException(ErrorNumbers.InvalidColumnName, 16, 1,
                    $"Invalid column name '{column}': model input '{node.Name}' ({node.TypeText}) needs it. DATA has: {Columns(schema)}. Model signature: {signature}.");
            }

            var type = schema[ordinals[c]].Type;
            if (!TensorTypeRules.CanFeed(type.Physical, node.ElementType))
            {
                var exact = TensorTypeRules.ExactSqlType(node.ElementType);
                var fix = exact is null
                    ? $"No SQL Server type converts to {OnnxElementTypes.Name(node.ElementType)} without loss; re-export the model with a wider input type."
                    : $"CAST({column} AS {exact}) in the DATA query to accept the conversion.";
                throw Mismatch($"Column '{column}' is {type} but model input '{node.Name}' is {node.TypeText}: converting SQL {type} to ONNX {OnnxElementTypes.Name(node.ElementType)} is not exact. {fix}", signature);
            }
        }

        return new InputPlan(node, ordinals, [.. bound.Columns], bound);
    }

    private static string Columns(BatchSchema schema) => schema.Count == 0 ? "(no columns)" : schema.ToString();

    private static EngineException Mismatch(string message, ModelSignature signature) =>
        new(ErrorNumbers.ModelInputMismatch, 16, 1, $"{message} Model signature: {signature}.");
}
