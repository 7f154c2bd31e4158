"""pymssql against PredictEngine: one scenario per run, its observations printed as one JSON object.

Usage: pymssql_client.py HOST PORT PASSWORD SCENARIO [TABLE]
The C# test (PymssqlTests) asserts on the JSON; anything unexpected escapes as a traceback and a
non-zero exit.
"""
import json
import sys

import pymssql

host, port, password, scenario = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
table = sys.argv[5] if len(sys.argv) > 5 else "t"


def connect(**options):
    options.setdefault("password", password)
    options.setdefault("database", "predict")
    return pymssql.connect(server=host, port=port, user="sa", login_timeout=15, timeout=30, **options)


def typed(value):
    """A value and its Python type name, so the test sees what pymssql made of each column."""
    return [type(value).__name__, None if value is None else str(value)]


def failure(action):
    """Runs action; returns the DB-API exception class, the server's message number and text."""
    try:
        action()
    except pymssql.Error as e:
        args = e.args[0] if e.args and isinstance(e.args[0], tuple) else e.args  # connect() nests them
        number, text = (tuple(args) + (None, None))[:2]
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return {"class": type(e).__name__, "number": number, "message": text}
    return None


def rows(cursor, sql):
    cursor.execute(sql)
    return cursor.fetchall()


def scenario_roundtrip():
    conn = connect()
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} (i INT, big BIGINT, s NVARCHAR(50), d FLOAT, m DECIMAL(10,2), b BIT, dt DATE, ts DATETIME2)")
    cur.execute(
        f"INSERT INTO {table} VALUES (%d, %d, %s, %s, 12.34, 1, '2024-01-02', '2024-01-02 03:04:05.5')",
        (1, 9000000000, "it's héllo 日本", 1.5))
    inserted = cur.rowcount
    cur.execute(f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", (2,) + (None,) * 7)
    conn.commit()
    cur.execute(f"SELECT * FROM {table} ORDER BY i")
    columns = [c[0] for c in cur.description]
    result = [[typed(v) for v in row] for row in cur.fetchall()]
    dicts = conn.cursor(as_dict=True)
    dicts.execute(f"SELECT i, s FROM {table} WHERE s IS NOT NULL")
    as_dict = dicts.fetchall()
    conn.close()
    return {"inserted": inserted, "columns": columns, "rows": result, "as_dict": as_dict}


def scenario_errors():
    conn = connect()
    cur = conn.cursor()
    syntax = failure(lambda: cur.execute("SELEC 1"))
    missing = failure(lambda: cur.execute(f"SELECT * FROM {table}_missing"))
    implicit = failure(lambda: cur.execute("SET IMPLICIT_TRANSACTIONS ON"))
    after = rows(cur, "SELECT 'still here' AS s")[0][0]
    conn.close()
    # pymssql keeps the most severe login message across connections: the milder one first.
    wrong_database = failure(lambda: connect(database="nope"))
    wrong_password = failure(lambda: connect(password="wrong"))
    return {"syntax": syntax, "missing": missing, "implicit": implicit, "after": after,
            "wrong_password": wrong_password, "wrong_database": wrong_database}


def scenario_transactions():
    writer = connect()
    reader = connect(autocommit=True)
    wcur, rcur = writer.cursor(), reader.cursor()
    rcur.execute(f"CREATE TABLE {table} (i INT)")
    wcur.execute(f"INSERT INTO {table} VALUES (1)")
    uncommitted = rows(rcur, f"SELECT count(*) FROM {table}")[0][0]
    writer.rollback()
    after_rollback = rows(rcur, f"SELECT count(*) FROM {table}")[0][0]
    wcur.execute(f"INSERT INTO {table} VALUES (2)")
    writer.commit()
    after_commit = rows(rcur, f"SELECT count(*) FROM {table}")[0][0]
    rcur.execute(f"INSERT INTO {table} VALUES (3)")
    autocommitted = rows(wcur, f"SELECT count(*) FROM {table}")[0][0]
    writer.close()
    reader.close()
    return {"uncommitted": uncommitted, "after_rollback": after_rollback, "after_commit": after_commit,
            "autocommitted": autocommitted}


print(json.dumps(globals()["scenario_" + scenario](), ensure_ascii=False))
