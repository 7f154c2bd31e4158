-- sqlcmd: -i {script} -W -h -1 -s ,
SELECT 1 AS id, 'padded?' AS name, CAST(2.5 AS decimal(4,1)) AS d
GO
SELECT 2 AS id, 'no headers' AS name, NULL AS d
GO
