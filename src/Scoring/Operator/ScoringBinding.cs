namespace PredictEngine.Scoring.Operator;

/// <summary>What to feed when a column holds NULL: refuse (default, naming the column and count), NaN, or a fixed value.</summary>
public enum NullHandling
{
    Reject,
    NaN,
    Default,
}

/// <summary>
/// Feeds one model input from batch columns: one column for a <c>[N]</c>, <c>[N,1]</c> or <c>[-1,1]</c>
/// input, F columns (in this order) for a <c>[N,F]</c> input.
/// </summary>
public sealed record InputBinding(string Input, IReadOnlyList<string> Columns, NullHandling Nulls = NullHandling.Reject, double DefaultValue = 0)
{
    public static InputBinding Column(string input, string column) => new(input, [column]);

    public static InputBinding Matrix(string input, IReadOnlyList<string> columns) => new(input, columns);
}

/// <summary>
/// Which columns feed which model inputs, and which outputs to compute (all when <see cref="Outputs"/> is null).
/// Every model input must be bound exactly once.
/// </summary>
public sealed record ScoringBinding(IReadOnlyList<InputBinding> Inputs, IReadOnlyList<string>? Outputs = null)
{
    /// <summary>
    /// Binds each model input to the batch column of the same name (case-insensitive), Microsoft's rule
    /// for PREDICT: every input must be <c>[N]</c> or <c>[N,1]</c>. Use explicit bindings for <c>[N,F]</c> inputs.
    /// </summary>
    public static ScoringBinding ByName(ModelSignature signature, IReadOnlyList<string>? outputs = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new ScoringBinding(signature.Inputs.Select(i => InputBinding.Column(i.Name, i.Name)).ToArray(), outputs);
    }
}
