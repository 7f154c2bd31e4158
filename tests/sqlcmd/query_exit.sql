-- sqlcmd: -Q "SELECT 'from -Q' AS q" -d predict
SELECT 'standard input is not read with -Q' AS never
GO
