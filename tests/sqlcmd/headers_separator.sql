-- sqlcmd: -i {script} -h 2 -s |
CREATE TABLE sq_headers (id int, name varchar(10))
GO
INSERT INTO sq_headers VALUES (1, 'one'), (2, 'two'), (3, 'three')
GO
SELECT id, name FROM sq_headers ORDER BY id
GO
DROP TABLE sq_headers
GO
