-- sqlcmd: -i {script}
SELECT 'discarded by :reset' AS step
:reset
SELECT 'kept' AS step
GO
SELECT 'discarded by :quit' AS step
:quit
SELECT 'never printed' AS step
GO
