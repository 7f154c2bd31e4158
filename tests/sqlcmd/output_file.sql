-- sqlcmd: -i {script} -o {tmp}/o.txt -y 30
SELECT 'everything goes to -o' AS step
GO
