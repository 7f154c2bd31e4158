-- sqlcmd: -i {script} -t 1 -y 30
SELECT count(*) AS n FROM range(100000000000) a
GO
SELECT 'the session goes on after a timeout' AS step
GO
