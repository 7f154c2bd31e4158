namespace PredictEngine.Storage.Errors;

/// <summary>
/// Message numbers we raise. Where SQL Server has a message for the same condition we use its number
/// so client code that switches on SqlException.Number keeps working; our own conditions sit in the
/// 50100-50999 block that SQL Server leaves to applications.
/// </summary>
public static class ErrorNumbers
{
    /// <summary>Conversion failed (SQL Server 245/8114 family); used for value conversions.</summary>
    public const int ConversionFailed = 8114;

    /// <summary>Arithmetic overflow error converting expression to data type (SQL Server 8115).</summary>
    public const int ArithmeticOverflow = 8115;

    /// <summary>Invalid object name (SQL Server 208).</summary>
    public const int InvalidObjectName = 208;

    /// <summary>Invalid column name (SQL Server 207).</summary>
    public const int InvalidColumnName = 207;

    /// <summary>Column name or number of supplied values does not match table definition (SQL Server 213).</summary>
    public const int ColumnCountMismatch = 213;

    /// <summary>Cannot insert the value NULL into column (SQL Server 515).</summary>
    public const int NullNotAllowed = 515;

    /// <summary>The PREDICT family: SQL Server reports model failures as 39xxx; 39004 is its generic runtime error.</summary>
    public const int ModelRuntimeError = 39004;

    /// <summary>SQL Server's "model could not be loaded / is not valid" for native scoring.</summary>
    public const int InvalidModel = 39051;

    /// <summary>A model input cannot be fed from the given column (type or shape).</summary>
    public const int ModelInputMismatch = 39096;

    /// <summary>NULLs reached a model input whose policy rejects them.</summary>
    public const int ModelInputNull = 50110;

    /// <summary>A model registration's input map or NULL policy does not fit the model.</summary>
    public const int InvalidModelSettings = 50111;

    /// <summary>No registered model has that name (and version).</summary>
    public const int ModelNotFound = 50112;

    /// <summary>SQL Server's "Procedure or function '%s' expects parameter '%s', which was not supplied."</summary>
    public const int ParameterNotSupplied = 201;

    /// <summary>SQL Server's "%s is not a parameter for procedure %s."</summary>
    public const int NotAParameter = 8145;

    /// <summary>PREDICT named a RUNTIME other than ONNX.</summary>
    public const int UnsupportedPredictRuntime = 50113;

    /// <summary>sp_register_model @path names a file outside the allowed model directories.</summary>
    public const int ModelPathNotAllowed = 50114;

    /// <summary>SQL Server's "The EXECUTE permission was denied on the object ..." (Msg 229, level 14).</summary>
    public const int PermissionDenied = 229;

    /// <summary>The storage engine reported an error we pass on with its text.</summary>
    public const int StorageError = 50100;

    /// <summary>A native library could not be loaded or lacks a required entry point.</summary>
    public const int NativeLibraryUnavailable = 50101;

    /// <summary>An execution provider that was asked for by name could not be enabled.</summary>
    public const int ExecutionProviderUnavailable = 50102;

    /// <summary>A statement was issued while the connection still streams another result (SQL Server without MARS: 16 / "busy with results").</summary>
    public const int ConnectionBusy = 50103;

    /// <summary>The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION (SQL Server 3902).</summary>
    public const int CommitWithoutBegin = 3902;

    /// <summary>The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION (SQL Server 3903).</summary>
    public const int RollbackWithoutBegin = 3903;

    /// <summary>The current transaction cannot be committed (SQL Server 3930): a statement in it failed.</summary>
    public const int UncommittableTransaction = 3930;

    /// <summary>Bulk load data arrived without a preceding INSERT BULK statement (SQL Server 4022 reports the reverse).</summary>
    public const int BulkLoadOutOfSequence = 4022;

    /// <summary>Invalid column type from bcp client for colid N (SQL Server 4816): the bulk data does not fit the table column.</summary>
    public const int BulkLoadInvalidColumn = 4816;

    /// <summary>Cannot bulk load because the file could not be opened (SQL Server 4861): missing, or outside the allowed directories.</summary>
    public const int BulkLoadFileOpen = 4861;

    /// <summary>Bulk load data conversion error for row R, column C (SQL Server 4864).</summary>
    public const int BulkLoadConversion = 4864;

    /// <summary>Bulk load data conversion error (truncation) for row R, column C (SQL Server 4863).</summary>
    public const int BulkLoadTruncation = 4863;

    /// <summary>Bulk load: an unexpected end of file was encountered in the data file (SQL Server 4832): a row has too few fields.</summary>
    public const int BulkLoadUnexpectedEndOfFile = 4832;

    /// <summary>The column is too long in the data file for row R, column C (SQL Server 4866): a row has too many fields.</summary>
    public const int BulkLoadColumnTooLong = 4866;

    /// <summary>Incorrect syntax near X (SQL Server 102); raised for an option BULK INSERT / OPENROWSET(BULK) does not have.</summary>
    public const int BulkLoadUnknownOption = 102;

    /// <summary>'alias' has more columns than were specified in the column list (SQL Server 8158).</summary>
    public const int MoreColumnsThanAliases = 8158;

    /// <summary>'alias' has fewer columns than were specified in the column list (SQL Server 8159).</summary>
    public const int FewerColumnsThanAliases = 8159;

    /// <summary>A BULK INSERT / OPENROWSET(BULK) option with a value or combination the engine cannot honour.</summary>
    public const int BulkLoadInvalidOption = 50130;

    /// <summary>A SQL Server feature the engine does not implement (savepoints, distributed transactions...).</summary>
    public const int NotSupported = 50104;

    /// <summary>The statement was cancelled by the client (attention) or by shutdown.</summary>
    public const int Cancelled = 3617;

    /// <summary>A T-SQL statement the parser recognises but the engine does not run (CREATE PROCEDURE, triggers...).</summary>
    public const int UnsupportedStatement = 50120;

    /// <summary>An engine invariant did not hold; a bug, reported rather than crashing the process.</summary>
    public const int InternalError = 50199;

    /// <summary>Incorrect syntax near 'x' (SQL Server 102): the generic parse error.</summary>
    public const int IncorrectSyntax = 102;

    /// <summary>Incorrect syntax near the keyword 'x' (SQL Server 156): a parse error at a reserved keyword.</summary>
    public const int IncorrectSyntaxNearKeyword = 156;

    /// <summary>'CREATE VIEW' must be the first statement in a query batch (SQL Server 111).</summary>
    public const int MustBeFirstInBatch = 111;

    /// <summary>An expression of non-boolean type specified in a context where a condition is expected (SQL Server 4145).</summary>
    public const int NonBooleanCondition = 4145;

    /// <summary>An object or column name is missing or empty: [] or "" as a name or alias (SQL Server 1038).</summary>
    public const int EmptyName = 1038;

    /// <summary>The identifier that starts with '...' is too long; names are at most 128 characters (SQL Server 103).</summary>
    public const int NameTooLong = 103;

    /// <summary>Some part of your SQL statement is nested too deeply (SQL Server 191).</summary>
    public const int NestedTooDeeply = 191;
}
