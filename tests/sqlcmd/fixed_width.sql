-- sqlcmd: -i {script} -Y 4 -y 12
-- -Y caps char(n)/varchar(n) columns and -y the (max) ones (the DuckDB-dialect stand-in reports every string as nvarchar(max)).
CREATE TABLE sq_fixed (code char(10), note varchar(10))
GO
INSERT INTO sq_fixed VALUES ('abcdefgh', 'ijklmnop')
GO
SELECT code, note FROM sq_fixed
GO
DROP TABLE sq_fixed
GO
