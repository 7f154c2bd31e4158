-- sqlcmd: -i {script} -t 1
CREATE TABLE sq_timeout (i int)
GO
INSERT INTO sq_timeout VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)
GO
-- 10^12 rows: far longer than -t 1 allows
SELECT COUNT_BIG(*) AS n FROM sq_timeout a, sq_timeout b, sq_timeout c, sq_timeout d, sq_timeout e, sq_timeout f,
    sq_timeout g, sq_timeout h, sq_timeout i, sq_timeout j, sq_timeout k, sq_timeout l
GO
SELECT 'the session goes on after a timeout' AS step
GO
DROP TABLE sq_timeout
GO
