using PredictEngine.Storage.Types;

namespace PredictEngine.SqlFrontend.Functions;

public static partial class BuiltinFunctions
{
    /// <summary>The version the server announces in LOGINACK (TdsConnection.ServerVersion), as SERVERPROPERTY reports it.</summary>
    internal const string ProductVersion = "16.0.1000.6";

    internal const string Collation = "SQL_Latin1_General_CP1_CI_AS";

    private static void AddSystem(Dictionary<string, Function> map)
    {
        Add(map, "DB_NAME", 0, 1, (a, c) => a.Count == 0
            ? new TypedSql(Literal(c.Database), SqlType.NVarChar(128))
            : new TypedSql($"(SELECT name FROM sys.databases WHERE database_id = {a[0].Sql})", SqlType.NVarChar(128)));
        Add(map, "DB_ID", 0, 1, (a, c) => new TypedSql(
            $"(SELECT database_id FROM sys.databases WHERE lower(name) = lower({(a.Count == 0 ? Literal(c.Database) : Text(a[0]))}))", SqlType.Int));
        Add(map, "SCHEMA_NAME", 0, 1, (a, _) => a.Count == 0
            ? new TypedSql("'dbo'", SqlType.NVarChar(128))
            : new TypedSql($"(SELECT name FROM sys.schemas WHERE schema_id = {a[0].Sql})", SqlType.NVarChar(128)));
        Add(map, "SCHEMA_ID", 0, 1, (a, _) => new TypedSql(
            $"(SELECT schema_id FROM sys.schemas WHERE lower(name) = lower({(a.Count == 0 ? "'dbo'" : Text(a[0]))}))", SqlType.Int));
        Add(map, "OBJECT_ID", 1, 2, (a, _) => new TypedSql(ObjectId(Text(a[0]), a.Count > 1 ? Text(a[1]) : "NULL"), SqlType.Int));
        Add(map, "OBJECT_NAME", 1, 2, (a, _) => new TypedSql($"(SELECT name FROM sys.objects WHERE object_id = {a[0].Sql})", SqlType.NVarChar(128)));
        Add(map, "OBJECT_SCHEMA_NAME", 1, 2, (a, _) => new TypedSql(
            $"(SELECT s.name FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id WHERE o.object_id = {a[0].Sql})", SqlType.NVarChar(128)));
        Add(map, "COL_NAME", 2, 2, (a, _) => new TypedSql(
            $"(SELECT name FROM sys.columns WHERE object_id = {a[0].Sql} AND column_id = {a[1].Sql})", SqlType.NVarChar(128)));
        Add(map, "COLUMNPROPERTY", 3, 3, (a, _) => new TypedSql(
            $"(SELECT CASE lower({Text(a[2])}) WHEN 'allowsnull' THEN CAST(is_nullable AS INTEGER) WHEN 'isidentity' THEN CAST(is_identity AS INTEGER) "
            + "WHEN 'precision' THEN CAST(precision AS INTEGER) WHEN 'scale' THEN CAST(scale AS INTEGER) WHEN 'columnid' THEN column_id "
            + $"WHEN 'charmaxlen' THEN CAST(max_length AS INTEGER) END FROM sys.columns WHERE object_id = {a[0].Sql} AND lower(name) = lower({Text(a[1])}))",
            SqlType.Int));
        Add(map, "USER_NAME", 0, 1, (_, _) => new TypedSql("'dbo'", SqlType.NVarChar(128)));
        Add(map, "CURRENT_USER", 0, 0, (_, _) => new TypedSql("'dbo'", SqlType.NVarChar(128)));
        Add(map, "SESSION_USER", 0, 0, (_, _) => new TypedSql("'dbo'", SqlType.NVarChar(128)));
        Add(map, "USER", 0, 0, (_, _) => new TypedSql("'dbo'", SqlType.NVarChar(128)));
        Add(map, "SUSER_NAME", 0, 1, (_, c) => new TypedSql(Literal(c.Login), SqlType.NVarChar(128)));
        Add(map, "SUSER_SNAME", 0, 1, (_, c) => new TypedSql(Literal(c.Login), SqlType.NVarChar(128)));
        Add(map, "SYSTEM_USER", 0, 0, (_, c) => new TypedSql(Literal(c.Login), SqlType.NVarChar(128)));
        Add(map, "HOST_NAME", 0, 0, (_, c) => new TypedSql(Literal(c.HostName ?? Environment.MachineName), SqlType.NVarChar(128)));
        Add(map, "APP_NAME", 0, 0, (_, c) => new TypedSql(c.ApplicationName is null ? "CAST(NULL AS VARCHAR)" : Literal(c.ApplicationName), SqlType.NVarChar(128)));
        Add(map, "SERVERPROPERTY", 1, 1, (a, c) => ServerProperty(a[0], c));
        Add(map, "DATABASEPROPERTYEX", 2, 2, (a, _) => new TypedSql(
            $"(SELECT CASE lower({Text(a[1])}) WHEN 'collation' THEN collation_name WHEN 'status' THEN state_desc WHEN 'recovery' THEN recovery_model_desc "
            + "WHEN 'updateability' THEN 'READ_WRITE' WHEN 'useraccess' THEN user_access_desc WHEN 'version' THEN '957' "
            + $"WHEN 'isautoshrink' THEN '0' WHEN 'comparisonstyle' THEN '196609' END FROM sys.databases WHERE lower(name) = lower({Text(a[0])}))",
            SqlType.NVarChar(128)));
    }

    /// <summary>
    /// OBJECT_ID('[db.][schema.]name'[, type]): temp tables ('#t', 'tempdb..#t') are found among DuckDB's
    /// temporary tables, everything else through sys.objects.
    /// </summary>
    private static string ObjectId(string name, string type)
    {
        var last = $"tsql_unquote(string_split({name}, '.')[-1])";
        var schema = $"coalesce(nullif(tsql_unquote(string_split({name}, '.')[-2]), ''), 'dbo')";
        var typeFilter = $"({type} IS NULL OR rtrim(o.type) = upper(rtrim({type})))";
        return $"(CASE WHEN {last} LIKE '#%' THEN (SELECT CAST(t.table_oid AS INTEGER) FROM duckdb_tables() t WHERE t.temporary AND lower(t.table_name) = lower({last}) LIMIT 1) "
            + $"ELSE (SELECT o.object_id FROM sys.objects o JOIN sys.schemas s ON s.schema_id = o.schema_id "
            + $"WHERE lower(o.name) = lower({last}) AND lower(s.name) = lower({schema}) AND {typeFilter} LIMIT 1) END)";
    }

    private static TypedSql ServerProperty(TypedSql property, FunctionContext context)
    {
        var values = new (string Name, string Value, bool IsInt)[]
        {
            ("productversion", ProductVersion, false),
            ("productlevel", "RTM", false),
            ("edition", "Developer Edition (64-bit)", false),
            ("engineedition", "3", true),
            ("editionid", "-2145844317", true),
            ("servername", context.ServerName, false),
            ("machinename", Environment.MachineName, false),
            ("collation", Collation, false),
            ("isintegratedsecurityonly", "0", true),
            ("productmajorversion", "16", false),
            ("productminorversion", "0", false),
            ("productbuild", "1000", false),
            ("isclustered", "0", true),
            ("isfulltextinstalled", "0", true),
            ("ishadrenabled", "0", true),
            ("issingleuser", "0", true),
            ("lcid", "1033", true),
            ("sqlcharset", "1", true),
            ("sqlsortorder", "52", true),
        };
        if (ConstantString(property) is { } name)
        {
            var match = values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
            return match.Name is null
                ? new TypedSql("CAST(NULL AS VARCHAR)", SqlType.NVarChar(128))
                : match.IsInt ? new TypedSql(match.Value, SqlType.Int) : new TypedSql(Literal(match.Value), SqlType.NVarChar(128));
        }

        var cases = string.Concat(values.Select(v => $" WHEN {Literal(v.Name)} THEN {Literal(v.Value)}"));
        return new TypedSql($"CASE lower({Text(property)}){cases} END", SqlType.NVarChar(128));
    }
}
