"""The processes of ``bench_load``: starting and stopping the site's own server and worker, and
what CPU the machine spent during a level, ours and everybody else's (from /proc)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

JEUGDKETEN = [sys.executable, "-m", "jeugdketen.cli"]


def start(env: dict, log: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*JEUGDKETEN, *args], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_cpu(processes: dict[str, subprocess.Popen], database: str) -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by every live process, with who it belongs to: our web server,
    worker, load generator, the PostgreSQL backends of our database, or someone else (by name)."""
    groups = {process.pid: name for name, process in processes.items()}
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text.rsplit(")", 1)[1].split()
        pid, pgrp = int(stat.parent.name), int(fields[2])
        if pgrp in groups:
            owner = groups[pgrp]
        elif pid == os.getpid():
            owner = "load generator"
        elif command.startswith("postgres: ") and f" {database} " in command:
            owner = "PostgreSQL (this database)"
        else:
            owner = f"other: {name}"
        found[pid] = (owner, (int(fields[11]) + int(fields[12])) / ticks)  # utime + stime
    return found


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy (all cores, idle and iowait not counted)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def cpu_used(before: tuple, after: tuple, seconds: float) -> dict[str, float]:
    """Cores busy on average between two snapshots, per owner; what died in between is
    in ``machine`` only (and so in the others' share)."""
    (machine_before, procs_before), (machine_after, procs_after) = before, after
    used: dict[str, float] = {"machine": (machine_after - machine_before) / seconds}
    for pid, (owner, cpu) in procs_after.items():
        earlier = procs_before.get(pid, (owner, 0.0))[1]
        used[owner] = used.get(owner, 0.0) + (cpu - earlier) / seconds
    return used


def cpu_snapshot(processes: dict[str, subprocess.Popen], database: str) -> tuple:
    return machine_cpu(), process_cpu(processes, database)
