using System.Globalization;
using PredictEngine.Harness;

// dotnet run -c Release --project benchmarks/PredictEngine.Harness -- tds-vs-postgres [rows]
// dotnet run -c Release --project benchmarks/PredictEngine.Harness -- predict [rows]
// dotnet run -c Release --project benchmarks/PredictEngine.Harness -- predict-tds [rows]
var scenario = args.Length > 0 ? args[0] : "tds-vs-postgres";
var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
switch (scenario)
{
    case "tds-vs-postgres":
        await TdsStreamingScenario.RunAsync(rows);
        return 0;
    case "predict":
        PredictScenario.Run(rows);
        return 0;
    case "predict-tds":
        await PredictTdsScenario.RunAsync(rows);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: tds-vs-postgres [rows], predict [rows], predict-tds [rows].");
        return 2;
}
