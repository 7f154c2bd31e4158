-- sqlcmd: -i {script}
CREATE TABLE sq_basic (id int, name varchar(20), price decimal(6,2), born date)
GO
INSERT INTO sq_basic VALUES (1, 'alpha', 1.5, '2024-01-02'), (2, NULL, NULL, NULL), (3, 'a ''quoted'' name', 12.25, '1999-12-31')
GO
/* a GO inside a block comment is text:
GO
*/
SELECT id, name, price, born FROM sq_basic ORDER BY id;
SELECT 'GO
' AS not_a_separator;
GO
PRINT 'a message, printed as it arrives'
GO
SELECT * FROM sq_no_such_table
GO
select count(*) AS n from sq_basic
go
DROP TABLE sq_basic
GO
