using PredictEngine.SqlFrontend.Ast;

namespace PredictEngine.SqlFrontend.Binding;

/// <summary>
/// PREDICT and OPENROWSET(BULK ...) sources: their SQL comes from the predict and files libraries
/// (PredictEngine.SqlFrontend.Predict / .Files); until those are merged the sources are refused by name.
/// </summary>
internal sealed partial class Binder
{
    private static string Predict(PredictTableSource predict, NameScope scope)
    {
        _ = scope;
        throw NotSupported("PREDICT as a table source (the PREDICT planner is not available in this build)", predict.Line);
    }

    private static string OpenRowset(OpenRowsetSource source, NameScope scope)
    {
        _ = scope;
        throw NotSupported("OPENROWSET(BULK ...) (the files library is not available in this build)", source.Line);
    }
}
