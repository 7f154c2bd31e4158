-- sqlcmd: -Q "SELECT 'from -Q' AS q" -d predict -y 30
SELECT 'standard input is not read with -Q' AS never
GO
