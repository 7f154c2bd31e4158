-- sqlcmd: -i {script}
SELECT 'not run: GO with a bad count is a syntax error' AS step
GO x
