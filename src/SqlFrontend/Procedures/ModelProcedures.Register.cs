using PredictEngine.ModelRegistry;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Errors;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Procedures;

public static partial class ModelProcedures
{
    /// <summary>
    /// sp_register_model @name, @model = varbinary | @path = N'file', [@description], [@input_map], [@null_policy]:
    /// loads the model to validate it, stores it as the next version of the name, returns (model_id, name, version, sha256).
    /// </summary>
    private sealed class RegisterModel(ModelCatalog catalog, ModelProcedureOptions options) : ISystemProcedure
    {
        public string Name => "sp_register_model";

        public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
        {
            ArgumentNullException.ThrowIfNull(context);
            var args = new Arguments(Name, arguments, "@name", "@model", "@description", "@input_map", "@null_policy", "@path");
            RequireAdministrator(context, options, Name);
            var name = args.RequiredText("@name");
            var bytes = args.Bytes("@model");
            var path = args.Text("@path");
            if (bytes is not null && path is not null)
            {
                throw new EngineException(ErrorNumbers.NotAParameter, 16, 1, "sp_register_model takes @model or @path, not both.");
            }

            bytes ??= path is not null ? ReadAllowed(path) : null;
            if (bytes is null)
            {
                throw new EngineException(ErrorNumbers.ParameterNotSupplied, 16, 4, "Procedure or function 'sp_register_model' expects parameter '@model' (varbinary(max)) or '@path' (a file under an allowed model directory), which was not supplied.");
            }

            var model = catalog.Register(name, bytes, context.Login, args.Text("@description"), args.Text("@input_map"), args.Text("@null_policy"));
            context.SendQuery(
                "SELECT $1::INTEGER AS model_id, $2::VARCHAR AS name, $3::INTEGER AS version, $4::VARCHAR AS sha256",
                [new ResultColumn("model_id", SqlType.Int), new ResultColumn("name", SqlType.NVarChar(128)), new ResultColumn("version", SqlType.Int), new ResultColumn("sha256", SqlType.NVarChar(64))],
                model.ModelId, model.Name, model.Version, model.Sha256);
            return 0;
        }

        private byte[] ReadAllowed(string path)
        {
            var full = Path.GetFullPath(path);
            var resolved = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
            var allowed = options.ModelDirectories.Any(d => Inside(full, d) && Inside(resolved, d));
            if (!allowed)
            {
                throw new EngineException(ErrorNumbers.ModelPathNotAllowed, 16, 1,
                    $"sp_register_model cannot read '{path}': models are read only from the allowed model directories ({string.Join(", ", options.ModelDirectories)}). Copy the file there, add its directory to modelDirectories in predict.json, or pass the bytes with @model.");
            }

            if (!File.Exists(full))
            {
                throw new EngineException(ErrorNumbers.ModelPathNotAllowed, 16, 1, $"sp_register_model cannot read '{path}': the file does not exist.");
            }

            return File.ReadAllBytes(full);
        }

        private static bool Inside(string file, string directory)
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
            return file.StartsWith(root, StringComparison.Ordinal);
        }
    }
}
