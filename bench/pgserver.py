"""A throwaway PostgreSQL server for the registry's tests, its benchmark and CI.

Debian's ``postgresql`` package (``scripts/bootstrap.sh`` installs it) gives the server's
programs in ``/usr/lib/postgresql/<version>/bin``; this makes a new cluster in a temporary
folder, starts it listening only on a unix socket in that folder (no TCP port, so it never
meets another server), and removes it all when stopped. ``initdb`` and ``postgres`` refuse
to run as root: as root the cluster belongs to the ``postgres`` user and its programs run
through ``runuser``.

From the shell (CI): ``python3 -m bench.pgserver start DIR`` prints the server's URL;
``python3 -m bench.pgserver stop DIR`` stops it and removes DIR.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PORT = 5432  # the socket file's name only: the server opens no TCP port
USER = "postgres"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server programs on this machine, or the cluster would not start."""


def bindir() -> Path:
    """The newest installed server's programs (``PG_BINDIR`` overrides)."""
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable(
        "PostgreSQL's server programs are not installed (Debian: apt-get install postgresql;"
        " scripts/bootstrap.sh does it)"
    )


def _as_owner() -> list[str]:
    return ["runuser", "-u", USER, "--"] if os.geteuid() == 0 else []


def server_url(folder: Path, database: str = "postgres") -> str:
    return f"postgresql+psycopg://{USER}@/{database}?host={folder}&port={PORT}"


def _run(args: list[str]) -> None:
    done = subprocess.run([*_as_owner(), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise PostgresUnavailable(f"{Path(args[0]).name} failed: {done.stderr.strip()[-500:]}")


def start(folder: Path | None = None, *, durable: bool = False) -> Path:
    """A new cluster in ``folder`` (a new temporary one by default), started; its folder.

    ``durable=False`` (the tests) turns off flushing to disk: the data is thrown away anyway.
    """
    programs = bindir()
    folder = Path(tempfile.mkdtemp(prefix="expertscore-pg-")) if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam(USER)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    data = folder / "data"
    _run([str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8",
          "--locale=C", "--no-sync"])  # fmt: skip
    options = f"-k {folder} -c listen_addresses='' -p {PORT}"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    _run([str(programs / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
          "-o", options, "-w", "start"])  # fmt: skip
    return folder


def stop(folder: Path) -> None:
    """Stop the cluster in ``folder`` and remove the folder."""
    data = folder / "data"
    if (data / "postmaster.pid").exists():
        _run([str(bindir() / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    shutil.rmtree(folder, ignore_errors=True)


def create_database(url: str, name: str) -> str:
    """A new empty database on the server at ``url``; its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(url)
    with psycopg.connect(
        host=server.query.get("host") or server.host,
        port=server.query.get("port") or server.port,
        user=server.username,
        password=server.password,
        dbname=server.database,
        autocommit=True,
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.set(database=name).render_as_string(hide_password=False)


def main(argv: list[str]) -> None:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        sys.exit("usage: python3 -m bench.pgserver start|stop DIR")
    folder = Path(argv[1]).resolve()
    if argv[0] == "start":
        print(server_url(start(folder)))
    else:
        stop(folder)


if __name__ == "__main__":
    main(sys.argv[1:])
