-- sqlcmd: -i {script} -b -V 17 -m 17
SELECT * FROM sq_missing_severity_16
GO
SELECT '-V 17: a level 16 error does not stop -b; -m 17: nor is it printed' AS step
GO
