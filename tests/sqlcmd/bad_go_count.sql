-- sqlcmd: -i {script} -y 30
SELECT 'not run: GO with a bad count is a syntax error' AS step
GO x
