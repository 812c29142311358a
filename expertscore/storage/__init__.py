"""The session file: SQLite through SQLAlchemy, schema versions through Alembic."""
