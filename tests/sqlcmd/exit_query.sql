-- sqlcmd: -i {script}
SELECT 'runs' AS step
GO
SELECT 'runs too: :exit(query) runs the pending batch first' AS step
:exit(SELECT 7 AS code)
SELECT 'never printed' AS step
GO
