using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.SqlClient;
using PredictEngine.Tests.Scoring;
using PredictEngine.Tests.Tds;
using Xunit;

namespace PredictEngine.Tests.Predict;

/// <summary>
/// The in-process TDS server (default executor: the T-SQL session) with every golden input of tests/models
/// loaded through SqlClient as <c>dbo.&lt;model&gt;</c> (id int, then one <c>real</c> per CSV column: the inputs are
/// float32 values), and the matrix-input models but the tree classifier registered with their input maps
/// (the classifier's test registers it itself, to see the map arrive).
/// </summary>
public sealed class PredictClientFixture : TdsServerFixture
{
    public static readonly string[] Golden = ["linear_percol", "tree_regressor", "tree_classifier", "mlp_regressor", "zipmap_classifier"];

    public PredictClientFixture()
    {
        using var connection = Open();
        foreach (var model in Golden)
        {
            PredictClient.LoadGolden(connection, model, model);
        }

        foreach (var model in new[] { "tree_regressor", "mlp_regressor", "zipmap_classifier" })
        {
            PredictClient.Register(connection, model, model, PredictClient.InputMap(model));
        }
    }
}

/// <summary>SqlClient helpers shared by the PREDICT client tests.</summary>
internal static class PredictClient
{
    public static byte[] Model(string name) => File.ReadAllBytes(TestPaths.Model(name + ".onnx"));

    /// <summary>A varbinary(max) parameter, the way an application sends model bytes.</summary>
    public static SqlParameter Binary(string name, byte[] value) => new(name, SqlDbType.VarBinary, -1) { Value = value };

    public static SqlCommand Command(SqlConnection connection, string sql, byte[]? model = null)
    {
        var command = new SqlCommand(sql, connection) { CommandTimeout = 300 };
        if (model is not null)
        {
            command.Parameters.Add(Binary("@m", model));
        }

        return command;
    }

    /// <summary>Every row of the first result set, column name to value (DBNull as null).</summary>
    public static List<Dictionary<string, object?>> Query(SqlConnection connection, string sql, byte[]? model = null)
    {
        using var command = Command(connection, sql, model);
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static object? Scalar(SqlConnection connection, string sql, byte[]? model = null)
    {
        using var command = Command(connection, sql, model);
        return command.ExecuteScalar();
    }

    public static int Execute(SqlConnection connection, string sql, byte[]? model = null)
    {
        using var command = Command(connection, sql, model);
        return command.ExecuteNonQuery();
    }

    /// <summary>The error a batch fails with, as the client sees it.</summary>
    public static SqlException Fails(SqlConnection connection, string sql, byte[]? model = null) =>
        Assert.Throws<SqlException>(() => Query(connection, sql, model));

    /// <summary>
    /// <c>CREATE TABLE</c> and one multi-row <c>INSERT</c> of <paramref name="model"/>'s golden inputs. The CSV
    /// writes float32 values as their shortest double repr, so a decimal literal stored in <c>real</c> is the exact
    /// float the generator fed scikit-learn.
    /// </summary>
    public static GoldenCsv LoadGolden(SqlConnection connection, string table, string model)
    {
        var csv = GoldenCsv.Load(model + ".inputs.csv");
        var sql = new StringBuilder($"CREATE TABLE dbo.{table} (id int NOT NULL PRIMARY KEY, ");
        sql.AppendJoin(", ", csv.Columns.Select(c => $"{c} real NULL")).Append(");\nINSERT INTO dbo.").Append(table).Append(" VALUES\n");
        var columns = csv.Columns.Select(csv.Column).ToArray();
        for (var r = 0; r < csv.RowCount; r++)
        {
            sql.Append(r > 0 ? ",\n(" : "(").Append(r.ToString(CultureInfo.InvariantCulture));
            foreach (var column in columns)
            {
                sql.Append(", ").Append(column[r]);
            }

            sql.Append(')');
        }

        Assert.Equal(csv.RowCount, Execute(connection, sql.ToString()));
        return csv;
    }

    /// <summary>The input map that fills a single [N,F] input named "input" from the CSV's columns in order.</summary>
    public static string InputMap(string model) =>
        JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { ["input"] = GoldenCsv.Load(model + ".inputs.csv").Columns });

    /// <summary><c>EXEC sp_register_model</c> with the bytes as @m; returns its (model_id, name, version, sha256) row.</summary>
    public static Dictionary<string, object?> Register(SqlConnection connection, string name, string model, string? inputMap)
    {
        var sql = inputMap is null
            ? $"EXEC sp_register_model @name = N'{name}', @model = @m"
            : $"EXEC sp_register_model @name = N'{name}', @model = @m, @input_map = N'{inputMap.Replace("'", "''", StringComparison.Ordinal)}'";
        return Assert.Single(Query(connection, sql, Model(model)));
    }

    /// <summary>
    /// Each of <paramref name="columns"/> (default: every expected column) of every row against the golden
    /// output of the row's <c>id</c>: strings and integer labels exactly, floating point within the golden tolerance.
    /// </summary>
    public static void AssertGolden(string model, IReadOnlyList<Dictionary<string, object?>> rows, int expectedRows = 50, params string[] columns)
    {
        var expected = GoldenCsv.Load(model + ".expected.csv");
        Assert.Equal(expectedRows, rows.Count);
        foreach (var name in columns.Length > 0 ? columns : [.. expected.Columns])
        {
            var values = expected.Column(name);
            foreach (var row in rows)
            {
                var id = Convert.ToInt32(row["id"], CultureInfo.InvariantCulture);
                var where = $"{model} {name} id {id}";
                switch (row[name])
                {
                    case string s:
                        Assert.Equal(values[id], s);
                        break;
                    case float or double or decimal:
                        Scoring.Golden.AssertClose(double.Parse(values[id], CultureInfo.InvariantCulture), Convert.ToDouble(row[name], CultureInfo.InvariantCulture), where);
                        break;
                    case null:
                        Assert.Fail($"{where}: NULL");
                        break;
                    default:
                        Assert.Equal(long.Parse(values[id], CultureInfo.InvariantCulture), Convert.ToInt64(row[name], CultureInfo.InvariantCulture));
                        break;
                }
            }
        }
    }

    public static double[] Expected(string model, string column) => GoldenCsv.Load(model + ".expected.csv").Doubles(column);
}
