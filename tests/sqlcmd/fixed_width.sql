-- sqlcmd: -i {script} -Y 4 -y 12
-- -Y caps char(n)/varchar(n) columns and -y the (max) ones, each by its own width.
CREATE TABLE sq_fixed (code char(10), note varchar(10), memo varchar(max))
GO
INSERT INTO sq_fixed VALUES ('abcdefgh', 'ijklmnop', 'a memo longer than twelve characters')
GO
SELECT code, note, memo FROM sq_fixed
GO
DROP TABLE sq_fixed
GO
