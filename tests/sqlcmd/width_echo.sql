-- sqlcmd: -i {script} -w 30 -y 12 -e
SELECT CAST('a long string that is truncated to the -y width' AS varchar(max)) AS long_text, 123456789 AS a_number_column
GO
