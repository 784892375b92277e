"""The numbers of ``bench_load``, as its section of benchmarks/RESULTS.md."""

from __future__ import annotations

import math
import os

AIM_SECONDS = 1.0


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value at or above which lies a share q of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:,.0f}"


def _pages(level, upload: str) -> list:
    return [s for s in level.samples if s.kind != upload]


def level_line(level) -> str:
    times = [s.seconds for s in level.samples]
    errors = sum(1 for s in level.samples if s.error)
    intake = level.intake
    return (
        f"{level.users} users: {len(times)} requests, {len(times) / level.elapsed:.1f}/s, {errors} errors, "
        f"p50 {ms(pct(times, 0.5))} ms, p95 {ms(pct(times, 0.95))} ms; intake {intake.get('status')} "
        f"judged in {intake.get('judged', float('nan')):.1f} s; cpu {level.cpu.get('machine', 0):.2f} cores"
    )


def _while_judging(level, upload: str) -> tuple[list[float], list[float]]:
    """Page times that started while the worker had the upload (from its 202 until judged)."""
    begin, end = level.intake.get("answered"), level.intake.get("done", float("inf"))
    during, rest = [], []
    for sample in _pages(level, upload):
        (during if begin is not None and begin <= sample.started <= end else rest).append(sample.seconds)
    return during, rest


def _cpu(level) -> str:
    cpu = level.cpu
    ours = ("web", "worker", "PostgreSQL (this database)", "load generator")
    others = cpu.get("machine", 0.0) - sum(cpu.get(name, 0.0) for name in ours)
    named = sorted(
        ((value, name.removeprefix("other: ")) for name, value in cpu.items() if name.startswith("other: ")),
        reverse=True,
    )
    top = ", ".join(f"{name} {value:.2f}" for value, name in named[:3] if value >= 0.05)
    return (
        f"{cpu.get('machine', 0):.2f} | {cpu.get('web', 0):.2f} | {cpu.get('worker', 0):.2f} | "
        f"{cpu.get('PostgreSQL (this database)', 0):.2f} | {cpu.get('load generator', 0):.2f} | "
        f"{max(others, 0.0):.2f}{f' ({top})' if top else ''}"
    )


def section(levels, state, site, env, mix, seconds, think, prestaties, upload, status) -> str:
    workers = env.get("JEUGDKETEN_WEB_WORKERS", "2")
    threads = env.get("JEUGDKETEN_WEB_THREADS", "4")
    concurrency = env.get("JEUGDKETEN_WORKER_CONCURRENCY", "2")
    built = (
        f"built by this run in {state['built']:.0f} s"
        if state.get("built")
        else "built by an earlier run and reused"
    )
    weights = ", ".join(f"{kind} {weight}" for kind, weight in mix)
    lines = [
        f"`jeugdketen serve` (gunicorn, {workers} processes × {threads} threads) and one `jeugdketen worker` "
        f"(Celery, concurrency {concurrency}) on PostgreSQL and Redis, with the load generator, all on "
        f"this machine ({os.cpu_count()} cores, shared with other work: see *CPU* below). Data: "
        f"`jeugdketen demo --youths {state['youths']} --months 12 --with-users` ({state['toewijzingen']:,} "
        f"toewijzingen, {state['declarations']:,} declarations and {state['prestaties']:,} prestaties when "
        f"the run began; {built}).",
        "",
        f"Each level runs N virtual users for {seconds:.0f} s in a closed loop: a user is logged in "
        "through the login form as the demo's access team, contract manager and provider (a session "
        f"each), picks a request by weight ({weights}) and waits {think[0]:g}–{think[1]:g} s before the "
        f"next. Beside them an uploader sends one JW323 of {prestaties:,} prestaties "
        f"({levels[0].intake.get('megabytes', 0):.0f} MB) a few seconds into the level, is answered 202, "
        "and follows the intake's status every 2 s while the worker judges it; the next level starts "
        "when it is judged. Times in ms, measured by the client (the whole response read); p95 is the "
        "nearest-rank 95th percentile; n is the number of requests.",
        "",
        "| users | requests | req/s | errors | p50 | p95 | p95 while the worker judged (n) "
        "| p95 otherwise (n) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for level in levels:
        times = [s.seconds for s in _pages(level, upload)]
        during, rest = _while_judging(level, upload)
        errors = sum(1 for s in level.samples if s.error)
        lines.append(
            f"| {level.users} | {len(level.samples)} | {len(level.samples) / level.elapsed:.1f} | {errors} | "
            f"{ms(pct(times, 0.5))} | {ms(pct(times, 0.95))} | {ms(pct(during, 0.95))} ({len(during)}) | "
            f"{ms(pct(rest, 0.95))} ({len(rest)}) |"
        )
    lines += ["", "Per kind of request, p50 / p95 (n):", ""]
    lines.append("| kind | " + " | ".join(f"{level.users} users" for level in levels) + " |")
    lines.append("|---|" + "---:|" * len(levels))
    for kind in [k for k, _w in mix] + [status, upload]:
        cells = []
        for level in levels:
            times = [s.seconds for s in level.samples if s.kind == kind]
            cells.append(f"{ms(pct(times, 0.5))} / {ms(pct(times, 0.95))} ({len(times)})" if times else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    top = levels[-1]
    names: dict[str, list[float]] = {}
    for sample in _pages(top, upload):
        names.setdefault(sample.name, []).append(sample.seconds)
    lines += [
        "",
        f"The slowest pages at {top.users} users (p95; every page and API route of the mix):",
        "",
        "| page | n | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, times in sorted(names.items(), key=lambda item: -pct(item[1], 0.95))[:8]:
        lines.append(
            f"| `{name}` | {len(times)} | {ms(pct(times, 0.5))} | {ms(pct(times, 0.95))} | {ms(max(times))} |"
        )
    lines += [
        "",
        "The large JW323 and the machine per level. *judged* is the worker's time from the upload to "
        "the JW325 (the intake's own timestamps). *CPU* is in cores busy on average over the level "
        "(of 2): the whole machine, then ours (web, worker, the PostgreSQL backends of this database, "
        "the load generator) and everything else on the machine (other sessions' tests and servers, "
        "processes that ended within the level).",
        "",
        "| users | upload answered (202) | status | judged | lines | rejected | CPU machine | web | worker | "
        "PostgreSQL | load generator | others | load average start → end |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for level in levels:
        intake = level.intake
        answer = [s.seconds for s in level.samples if s.kind == upload]
        lines.append(
            f"| {level.users} | {ms(answer[0]) if answer else '–'} ms | {intake.get('status', '–')} | "
            f"{intake.get('judged', float('nan')):.1f} s | {intake.get('lines', 0):,} | "
            f"{intake.get('rejected', 0):,} | {_cpu(level)} | {level.load[0]:.1f} → {level.load[1]:.1f} |"
        )
    lines += ["", *verdict(levels, mix, upload, site)]
    return "\n".join(lines)


def verdict(levels, mix, upload, site) -> list[str]:
    errors = [s for level in levels for s in level.samples if s.error]
    top = levels[-1]
    slow = []
    for kind in [k for k, _w in mix]:
        times = [s.seconds for s in top.samples if s.kind == kind]
        if times and pct(times, 0.95) >= AIM_SECONDS:
            slow.append(f"{kind} ({ms(pct(times, 0.95))} ms)")
    during, _rest = _while_judging(top, upload)
    judged = all(level.intake.get("status") == "klaar" for level in levels)
    kinds = sorted({(s.name, s.error.split(":")[0] if s.status == 0 else s.error) for s in errors})
    out = [
        "Aim of the issue, at this run:",
        "",
        f"- no errors: {'met' if not errors else 'not met, ' + str(len(errors)) + ' errors: '}"
        + ", ".join(f"`{name}` {error}" for name, error in kinds[:6]),
        f"- p95 under 1 s at {top.users} users for every kind but the upload: "
        + ("met" if not slow else "not met: " + ", ".join(slow)),
        "- the JW323 judged by a worker at every level: " + ("yes" if judged else "no"),
        f"- pages while the worker judged, at {top.users} users: p95 {ms(pct(during, 0.95))} ms "
        f"({len(during)} requests)",
        f"- JW305s answered: {site.jw305_outcome['accepted']} accepted, {site.jw305_outcome['rejected']} "
        "rejected by the municipality's checks (an answer, not an error).",
    ]
    details = sorted({s.error for s in errors if s.status == 0})
    if details:
        out.append("- errors without an HTTP answer, as the client saw them: " + "; ".join(details[:4]))
    return out
