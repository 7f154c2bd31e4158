-- sqlcmd: -i {script} -b
:on error ignore
SELECT * FROM sq_missing_ignored
GO
SELECT 'ignore goes on' AS step
GO
:ON ERROR EXIT
SELECT * FROM sq_missing_exit
GO
SELECT 'never printed' AS step
GO
