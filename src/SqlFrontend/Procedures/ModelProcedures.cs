using System.Globalization;
using PredictEngine.ModelRegistry;
using PredictEngine.Storage.Configuration;
using PredictEngine.Storage.Errors;

namespace PredictEngine.SqlFrontend.Procedures;

/// <summary>
/// Who may change the registry and where sp_register_model @path may read. <see cref="ModelDirectories"/> are
/// full paths; a file is allowed only when its full path (symbolic links resolved) lies inside one of them.
/// </summary>
public sealed record ModelProcedureOptions(IReadOnlyList<string> ModelDirectories, IReadOnlyList<string> Administrators)
{
    /// <summary>
    /// From predict.json: <c>modelDirectories</c> (relative entries are taken from the data directory), by default
    /// <c>&lt;data dir&gt;/models</c> plus the working directory's <c>examples/</c> and <c>tests/models/</c>;
    /// administrators are sa plus <c>modelAdministrators</c>.
    /// </summary>
    public static ModelProcedureOptions From(EngineConfig config, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        var root = dataDirectory ?? Directory.GetCurrentDirectory();
        var directories = config.ModelDirectories?.Select(d => Path.GetFullPath(d, root)).ToArray()
            ?? [Path.GetFullPath(Path.Combine(root, "models")), Path.GetFullPath("examples"), Path.GetFullPath(Path.Combine("tests", "models"))];
        return new ModelProcedureOptions(directories, ["sa", .. config.ModelAdministrators]);
    }

    /// <summary>Registering and dropping models changes what every session scores: sa and the listed logins only.</summary>
    public bool MayAdminister(string login) => Administrators.Contains(login, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The model registry procedures: sp_register_model, sp_describe_model, sp_drop_model.</summary>
public static partial class ModelProcedures
{
    public static IReadOnlyList<ISystemProcedure> All(ModelCatalog catalog, ModelProcedureOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return [new RegisterModel(catalog, options), new DescribeModel(catalog), new DropModel(catalog, options)];
    }

    /// <summary>Arguments by name or position, checked against the procedure's parameter list as SQL Server does.</summary>
    private sealed class Arguments
    {
        private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);
        private readonly string _procedure;

        public Arguments(string procedure, IReadOnlyList<ProcedureArgument> arguments, params string[] parameters)
        {
            _procedure = procedure;
            for (var i = 0; i < arguments.Count; i++)
            {
                var name = arguments[i].Name;
                if (name is null)
                {
                    if (i >= parameters.Length)
                    {
                        throw new EngineException(ErrorNumbers.NotAParameter, 16, 1, $"Procedure or function {procedure} has too many arguments specified.");
                    }

                    name = parameters[i];
                }
                else if (!parameters.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new EngineException(ErrorNumbers.NotAParameter, 16, 1, $"{name} is not a parameter for procedure {procedure}.");
                }

                _values[name] = arguments[i].Value;
            }
        }

        public string? Text(string name) => _values.GetValueOrDefault(name) switch
        {
            null => null,
            string s => s,
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };

        public string RequiredText(string name) => Text(name) is { Length: > 0 } text ? text
            : throw new EngineException(ErrorNumbers.ParameterNotSupplied, 16, 4, $"Procedure or function '{_procedure}' expects parameter '{name}', which was not supplied.");

        public byte[]? Bytes(string name) => _values.GetValueOrDefault(name) switch
        {
            null => null,
            byte[] b => b,
            _ => throw new EngineException(ErrorNumbers.ModelInputMismatch, 16, 1, $"{name} of {_procedure} must be varbinary(max): the bytes of an ONNX model (or use @path = N'file.onnx')."),
        };

        public int? Int(string name) => _values.GetValueOrDefault(name) switch
        {
            null => null,
            var v => Convert.ToInt32(v, CultureInfo.InvariantCulture),
        };
    }

    private static void RequireAdministrator(IProcedureContext context, ModelProcedureOptions options, string procedure)
    {
        if (!options.MayAdminister(context.Login))
        {
            throw new EngineException(ErrorNumbers.PermissionDenied, 14, 5, $"The EXECUTE permission was denied on the object '{procedure}', database '{context.Database}', schema 'sys'.");
        }
    }
}
