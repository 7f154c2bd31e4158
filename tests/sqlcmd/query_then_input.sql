-- sqlcmd: -q "SELECT 'from -q' AS q" -d predict
SELECT 'then standard input' AS step
GO
SELECT 'the end of input is a final GO' AS step
