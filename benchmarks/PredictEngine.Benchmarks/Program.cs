using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/PredictEngine.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PredictEngine.Benchmarks.ShortRunConfig).Assembly).Run(args);
