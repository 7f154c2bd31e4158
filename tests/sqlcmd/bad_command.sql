-- sqlcmd: -i {script}
SELECT 'runs' AS step
GO
:no_such_command
SELECT 'never run: an unknown command stops the script' AS step
GO
