using System.Globalization;
using PredictEngine.ModelRegistry;
using PredictEngine.Scoring;
using PredictEngine.Scoring.Operator;
using PredictEngine.SqlFrontend.Binding;
using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Procedures;

public static partial class ModelProcedures
{
    /// <summary>
    /// sp_describe_model @name [, @version]: one result set of the model's inputs and outputs (name, direction,
    /// element type, shape, the SQL type to declare), then one row of the registration with its stored settings.
    /// </summary>
    private sealed class DescribeModel(ModelCatalog catalog) : ISystemProcedure
    {
        public string Name => "sp_describe_model";

        public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
        {
            ArgumentNullException.ThrowIfNull(context);
            var args = new Arguments(Name, arguments, "@name", "@version");
            var description = catalog.Describe(args.RequiredText("@name"), args.Int("@version"));
            var nodes = description.Signature.Inputs.Select(n => (Node: n, Direction: "input"))
                .Concat(description.Signature.Outputs.Select(n => (Node: n, Direction: "output"))).ToArray();
            var values = new List<object?>();
            var rows = new List<string>();
            foreach (var (node, direction) in nodes)
            {
                var element = node.IsSequenceOfMaps ? node.MapValueType : node.ElementType;
                var first = values.Count + 1;
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"(${first}::VARCHAR, ${first + 1}::VARCHAR, ${first + 2}::VARCHAR, ${first + 3}::VARCHAR, ${first + 4}::VARCHAR)"));
                values.AddRange([node.Name, direction, OnnxElementTypes.Name(element), node.TypeText, SqlTypeFor(node, direction, element)]);
            }

            context.SendQuery(
                $"SELECT * FROM (VALUES {string.Join(", ", rows)}) AS v(name, direction, element_type, shape, sql_type)",
                [Text("name", 128), Text("direction", 6), Text("element_type", 16), Text("shape", 64), Text("sql_type", 64)],
                [.. values]);
            var model = description.Model;
            context.SendQuery(
                "SELECT $1::INTEGER, $2::VARCHAR, $3::INTEGER, $4::VARCHAR, $5::VARCHAR, $6::VARCHAR, $7::VARCHAR",
                [new ResultColumn("model_id", SqlType.Int), Text("name", 128), new ResultColumn("version", SqlType.Int), Text("sha256", 64),
                 Text("description", SqlType.MaxLength), Text("input_map", SqlType.MaxLength), Text("null_policy", SqlType.MaxLength)],
                model.ModelId, model.Name, model.Version, model.Sha256, description.Description, description.Settings.InputMapJson, description.Settings.NullPolicyJson);
            return 0;
        }

        private static ResultColumn Text(string name, int length) => new(name, SqlType.NVarChar(length));

        // What to declare: the exact type for an input column; for a multi-valued output, how WITH can take it.
        private static string? SqlTypeFor(ModelNode node, string direction, OnnxElementType element)
        {
            var exact = (direction == "input" ? TensorTypeRules.ExactSqlType(element) : TensorTypeRules.OutputSqlType(element))?.ToString();
            var multi = node.IsSequenceOfMaps || (node.Rank == 2 && node.Dimensions[1] != 1);
            return multi && exact is not null
                ? direction == "input"
                    ? $"{exact} per column (map columns with @input_map)"
                    : $"{exact} per {node.Name}_<k> column, or nvarchar(max) for JSON"
                : exact;
        }
    }

    /// <summary>sp_drop_model @name [, @version]: drops one version or all of them.</summary>
    private sealed class DropModel(ModelCatalog catalog, ModelProcedureOptions options) : ISystemProcedure
    {
        public string Name => "sp_drop_model";

        public int Execute(IProcedureContext context, IReadOnlyList<ProcedureArgument> arguments)
        {
            ArgumentNullException.ThrowIfNull(context);
            var args = new Arguments(Name, arguments, "@name", "@version");
            RequireAdministrator(context, options, Name);
            var name = args.RequiredText("@name");
            var dropped = catalog.Drop(name, args.Int("@version"));
            context.Sink.Info(0, 0, 1, string.Create(CultureInfo.InvariantCulture, $"Dropped {dropped} version(s) of model '{name}'."), 1);
            return 0;
        }
    }
}
