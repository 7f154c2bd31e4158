-- sqlcmd: -i {script}
SELECT 'runs' AS step
GO
SELECT 'not run: :exit without parentheses quits at once' AS step
:EXIT
