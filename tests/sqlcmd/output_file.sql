-- sqlcmd: -i {script} -o {tmp}/o.txt
SELECT 'everything goes to -o' AS step
GO
