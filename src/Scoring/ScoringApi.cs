namespace PredictEngine.Scoring;

/// <summary>Facts about the binding that hosts print.</summary>
public static class ScoringApi
{
    /// <summary>The OrtApi version the binding asks for: the lowest that has every function it calls.</summary>
    public static uint RequestedApiVersion => Native.OrtNative.RequestedApiVersion;
}
