-- sqlcmd: -i {script} -v tmp={tmp}
SELECT 'on stdout' AS step
GO
:out $(tmp)/out.txt
SELECT 'in the :out file' AS step
GO
PRINT 'messages follow :out too'
GO
:error $(tmp)/error.txt
SELECT * FROM sq_missing_error_file
GO
:out stdout
:error stdout
SELECT 'back on stdout' AS step
GO
