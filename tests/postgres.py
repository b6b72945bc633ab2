"""A throwaway PostgreSQL server for the lake tests: Debian's binaries, a temporary data folder,
a free loopback port; stopped and removed at the end.

Nothing is skipped: if the server cannot start, the test fails with the reason.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _bin_dir() -> Path:
    """The folder of initdb and pg_ctl: Debian keeps them out of PATH, under its version."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path is None:
        raise RuntimeError("PostgreSQL's initdb is not installed (Debian package postgresql)")
    return Path(on_path).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class PostgresServer:
    """A running server; `database(name)` makes a database and returns its libpq string."""

    folder: Path
    port: int
    bin_dir: Path

    def _run(self, *command: str) -> None:
        done = subprocess.run(
            _as_server_user([str(self.bin_dir / command[0]), *command[1:]]),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed: {done.stderr.strip() or done.stdout}")

    def dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=contested dbname={database}"

    def database(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "contested", name)
        return self.dsn(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres() -> PostgresServer:
    """initdb a new cluster (trust on loopback, user `contested`) and start it."""
    bin_dir = _bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="contested-pg-"))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
    server = PostgresServer(folder, _free_port(), bin_dir)
    try:
        server._run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "contested")
        options = f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        server._run(
            "pg_ctl", "-D", str(folder / "data"), "-o", options, "-l", str(folder / "log"),
            "-w", "start",
        )  # fmt: skip
    except RuntimeError as exc:
        log = folder / "log"
        told = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc}\n{told}") from exc
    return server
