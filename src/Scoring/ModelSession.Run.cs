using PredictEngine.Scoring.Native;
using PredictEngine.Storage.Errors;

namespace PredictEngine.Scoring;

/// <summary>Running the model: one native Run per batch, cancellable through OrtRunOptions.</summary>
public sealed unsafe partial class ModelSession
{
    /// <summary>
    /// Runs the model on one value per model input (in <see cref="ModelSignature.Inputs"/> order) and
    /// returns the outputs selected by <paramref name="outputIndices"/> (all when null), which the caller disposes.
    /// Cancelling <paramref name="cancellation"/> terminates the run; it fails with Msg 3617.
    /// </summary>
    public OrtValue[] Run(IReadOnlyList<OrtValue> inputs, IReadOnlyList<int>? outputIndices = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != _inputNames.Length)
        {
            throw new EngineException(ErrorNumbers.ModelInputMismatch, 16, 1,
                $"The model takes {_inputNames.Length} input(s) but {inputs.Count} were given. Model signature: {Signature}.");
        }

        var outputCount = outputIndices?.Count ?? _outputNames.Length;
        var inputValues = stackalloc nint[Math.Max(inputs.Count, 1)];
        var inputNames = stackalloc byte*[Math.Max(inputs.Count, 1)];
        var outputNames = stackalloc byte*[Math.Max(outputCount, 1)];
        var outputValues = stackalloc nint[Math.Max(outputCount, 1)];
        for (var i = 0; i < inputs.Count; i++)
        {
            inputValues[i] = inputs[i].Handle;
            inputNames[i] = (byte*)_inputNames[i];
        }

        for (var i = 0; i < outputCount; i++)
        {
            outputNames[i] = (byte*)_outputNames[outputIndices?[i] ?? i];
            outputValues[i] = 0;
        }

        nint runOptions = 0;
        OrtNative.Check(OrtNative.CreateRunOptions(&runOptions), "creating run options");
        using var options = new OrtRunOptionsHandle();
        options.Adopt(runOptions);
        using var registration = cancellation.CanBeCanceled
            ? cancellation.Register(static state => Terminate((OrtRunOptionsHandle)state!), options)
            : default;

        nint status;
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            status = OrtNative.Run(_handle.Value, runOptions, inputNames, inputValues, (nuint)inputs.Count, outputNames, (nuint)outputCount, outputValues);
        }
        finally
        {
            _handle.DangerousRelease();
        }

        if (status != 0)
        {
            if (cancellation.IsCancellationRequested)
            {
                OrtNative.ReleaseStatus(status);
                throw Cancelled();
            }

            throw OrtNative.ToException(status, "running the model");
        }

        // ONNX Runtime checks the terminate flag between nodes only, so a run whose node was already
        // executing (a single TreeEnsemble, say) completes. The statement was still cancelled: say so.
        if (cancellation.IsCancellationRequested)
        {
            for (var i = 0; i < outputCount; i++)
            {
                if (outputValues[i] != 0)
                {
                    OrtNative.ReleaseValue(outputValues[i]);
                }
            }

            throw Cancelled();
        }

        var results = new OrtValue[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            var handle = new OrtValueHandle();
            handle.Adopt(outputValues[i]);
            results[i] = new OrtValue(handle);
        }

        return results;
    }

    private static EngineException Cancelled() =>
        new(ErrorNumbers.Cancelled, 16, 1, "The statement was cancelled while the model was running.");

    private static void Terminate(OrtRunOptionsHandle options)
    {
        var added = false;
        try
        {
            options.DangerousAddRef(ref added);
            var status = OrtNative.RunOptionsSetTerminate(options.Value);
            if (status != 0)
            {
                OrtNative.ReleaseStatus(status);
            }
        }
        catch (ObjectDisposedException)
        {
            // The run finished and released its options first: nothing left to stop.
        }
        finally
        {
            if (added)
            {
                options.DangerousRelease();
            }
        }
    }
}
