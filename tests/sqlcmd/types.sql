-- sqlcmd: -i {script}
CREATE TABLE sq_types (i int, b bigint, s smallint, d decimal(10,3), r real, f float, dt date, ts datetime, v varchar(5))
GO
INSERT INTO sq_types VALUES (-7, 9000000000, 12, 3.5, 1.5, 0.25, '2024-02-29', '2024-02-29 13:14:15.123', 'abc')
GO
SELECT * FROM sq_types
GO
DROP TABLE sq_types
GO
