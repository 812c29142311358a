"""The authority's registry: every panel's signed results in one database.

SQLite (a file) or PostgreSQL, through the same SQLAlchemy models and the registry's own
Alembic migrations. ``ingest`` checks and stores signed panel files; ``queries`` answers
the authority's questions; ``export`` writes them as a workbook. See docs/registry.md.
"""
