-- sqlcmd: -i {script} -b
SELECT 'before the error' AS step
GO
SELECT * FROM sq_missing_for_b
GO
SELECT 'never printed: -b stops after the failing batch' AS step
GO
