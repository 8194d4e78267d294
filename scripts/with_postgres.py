"""Run a command against a throw-away PostgreSQL server started just for it.

    python scripts/with_postgres.py pytest -m "not browser"

Starts a private cluster in a temporary folder on a free port of 127.0.0.1,
exports DATABASE_URL for the command, and stops and deletes the cluster
afterwards, whatever the command's outcome. Runs the server as the
`postgres` system user when started as root (PostgreSQL refuses root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_bindir() -> Path:
    override = os.environ.get("PG_BINDIR")
    if override:
        return Path(override)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    for candidate in reversed(candidates):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    sys.exit(
        "PostgreSQL server binaries not found. Install them with "
        "'apt-get install postgresql' or set PG_BINDIR."
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(command: list[str]) -> int:
    if not command:
        sys.exit("usage: with_postgres.py COMMAND [ARGS...]")
    bindir = find_bindir()
    workdir = Path(tempfile.mkdtemp(prefix="porchlight-pg-"))
    data = workdir / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(workdir, account.pw_uid, account.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = free_port()

    def pg(*args: str) -> None:
        subprocess.run([*run_as, *args], check=True, cwd=workdir, stdout=subprocess.DEVNULL)

    try:
        pg(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "porchlight",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        options = (
            f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        pg(
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(workdir / "server.log"),
            "-w",
            "start",
        )
        pg(
            str(bindir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "porchlight",
            "porchlight",
        )
        print(f"PostgreSQL {bindir.parent.name} running on 127.0.0.1:{port}", flush=True)
        env = dict(os.environ, DATABASE_URL=f"postgres://porchlight@127.0.0.1:{port}/porchlight")
        return subprocess.run(command, env=env).returncode
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            cwd=workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
