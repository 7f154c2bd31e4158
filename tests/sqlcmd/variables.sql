-- sqlcmd: -i {script} -v table=sq_vars value=41 "label=from -v"
CREATE TABLE $(table) (i int)
GO
INSERT INTO $(table) VALUES ($(value))
GO
:setvar value 42
:setvar greeting "hello ""world"""
SELECT i, $(value) AS setvar_value, '$(label)' AS label, '$(greeting)' AS greeting, '$(PREDICT_SQLCMD_ENV)' AS from_environment FROM $(table)
GO
:setvar table sq_vars
-- GO with a count runs the batch that many times
INSERT INTO $(TABLE) VALUES (1)
GO 3
SELECT count(*) AS rows_in_table FROM sq_vars
GO
DROP TABLE sq_vars
GO
