-- sqlcmd: -i {script}
SELECT 1 AS ran_before
GO
SELECT '$(not_defined_anywhere)' AS never
GO
SELECT 2 AS never_reached
GO
