"""Runs one T-SQL batch through pymssql and prints every result set as JSON: column names and rows of
canonical value strings (the C# side of ClientParityTests prints SqlClient's results the same way).

Usage: parity_client.py HOST PORT PASSWORD < batch.sql
"""
import datetime
import decimal
import json
import sys
import uuid

import pymssql

host, port, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
batch = sys.stdin.read()


def canonical(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return "0x" + value.hex().upper()
    if isinstance(value, (int, decimal.Decimal, str, uuid.UUID)):
        return str(value)
    raise TypeError(f"unexpected {type(value).__name__}: {value!r}")


connection = pymssql.connect(server=host, port=port, user="sa", password=password, database="predict", login_timeout=15, timeout=60, autocommit=True)
cursor = connection.cursor()
cursor.execute(batch)
sets = []
while True:
    if cursor.description is not None:
        columns = [d[0] for d in cursor.description]
        sets.append({"columns": columns, "rows": [[canonical(v) for v in row] for row in cursor.fetchall()]})
    if not cursor.nextset():
        break
connection.close()
print(json.dumps(sets, ensure_ascii=False))
