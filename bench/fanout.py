"""Fan-out benchmark: N phones and one projector, notes at R per second, note → screen latency.

For each target it starts a server process on loopback, connects N phone sockets and one projector
socket (asyncio python-socketio clients, WebSocket transport only) spread over ``--workers``
load-generator processes, sends ``--rate`` notes per second for ``--duration`` seconds from random
phones, and measures the time from sending a note to its ``ev note.added`` arriving at the
projector and at every phone (all phones see all notes in the demo kit's brainstorm phase).

Targets:

* ``server``: the real ``facilitator serve`` (SQLite, one process) — a facilitator account made
  with the CLI, logged in over HTTP, a workshop from the demo kit created with the home form and
  started over the facilitator's socket; every phone joins with the join form on ``/j/<code>``.
* ``floor``: ``bench/floor_server.py``, a bare python-socketio broadcast server in the same async
  mode, no Flask and no database: the least any server can do.

Run from the repository root with the project's virtualenv:

    python -m bench.fanout --phones 1000 --rate 10 --duration 60 --target both

See docs/benchmarks.md for results and how to read them.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from array import array
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench import loadgen
from tests.support.server import LiveServer, free_port

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-123"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')

# The real server's per-connection action limit and per-address join limit protect a workshop
# from a misbehaving phone; every benchmark phone shares 127.0.0.1, so both are raised here.
SERVER_ENV = {
    "FACILITATOR_RATE_PER_SECOND": "1000",
    "FACILITATOR_RATE_BURST": "1000",
    "FACILITATOR_JOIN_RATE": "1000000 per minute",
    "FACILITATOR_DEFAULT_LOCALE": "en",
}


# -- statistics ---------------------------------------------------------------------------------


def percentile(ordered: list[float], q: float) -> float | None:
    """Nearest-rank percentile of an already sorted list (None when empty)."""
    if not ordered:
        return None
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float | None]:
    """p50 / p95 / p99 / max in milliseconds."""
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50": _ms(percentile(ordered, 50)),
        "p95": _ms(percentile(ordered, 95)),
        "p99": _ms(percentile(ordered, 99)),
        "max": _ms(ordered[-1] if ordered else None),
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


def _floats(raw: bytes) -> list[float]:
    values = array("d")
    values.frombytes(raw)
    return values.tolist()


# -- processes ------------------------------------------------------------------------------------


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (and its waited-for children), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 1
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def sample_cpu(pid: int, until: float) -> list[dict[str, float]]:
    """Once a second until ``until``: the server's CPU % (of one core) and the machine's busy %.

    The machine figure counts every process (other people's work included), as a percentage of
    all cores, so a busy machine explains a server that gets less CPU than it asks for.
    """
    samples = []
    cpu, (busy, total) = process_cpu(pid), machine_ticks()
    while time.time() < until:
        time.sleep(max(0.0, min(1.0, until - time.time())))
        cpu_now, (busy_now, total_now) = process_cpu(pid), machine_ticks()
        samples.append(
            {
                "server": round(100 * (cpu_now - cpu), 1),
                "machine": round(100 * (busy_now - busy) / max(1, total_now - total), 1),
            }
        )
        cpu, busy, total = cpu_now, busy_now, total_now
    return samples


def wait_for_quiet(below: float, timeout: float, window: float = 5.0) -> float:
    """Wait (at most ``timeout`` s) until the machine was under ``below`` % busy for ``window`` s.

    Other people's work on a shared machine comes in bursts; starting the measured window in a
    lull makes the floor and the server runs more comparable. Returns the seconds waited.
    """
    started = time.monotonic()
    quiet_since = None
    busy, total = machine_ticks()
    while time.monotonic() - started < timeout:
        time.sleep(1.0)
        busy_now, total_now = machine_ticks()
        pct = 100 * (busy_now - busy) / max(1, total_now - total)
        busy, total = busy_now, total_now
        if pct >= below:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= window:
            break
    return time.monotonic() - started


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": sys.version.split()[0],
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }


class FloorServer:
    """bench/floor_server.py in a subprocess."""

    def __init__(self, async_mode: str, log_dir: Path) -> None:
        self.port = free_port()
        self.async_mode = async_mode
        self.log_path = log_dir / f"floor-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        """Start and wait until it answers an Engine.IO handshake."""
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "bench" / "floor_server.py"),
                    "--port",
                    str(self.port),
                    "--async-mode",
                    self.async_mode,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"floor server exited: {self.log_path.read_text()}")
            try:
                requests.get(f"{self.url}/socket.io/?EIO=4&transport=polling", timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("floor server did not start")

    def stop(self) -> None:
        """Terminate (then kill)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


# -- setting up the real server -------------------------------------------------------------------


def csrf_token(html: str) -> str:
    """The hidden CSRF field of the first form on a page."""
    match = CSRF.search(html)
    if match is None:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1) or match.group(2)


@dataclass
class Workshop:
    """What the load generators need to know about the benchmark workshop."""

    id: int
    code: str
    projector_token: str
    cookies: list[str] = field(default_factory=list)


def facilitator_session(url: str) -> requests.Session:
    """Log in as the benchmark facilitator with the login form."""
    http = requests.Session()
    page = http.get(f"{url}/login", timeout=30)
    page.raise_for_status()
    reply = http.post(
        f"{url}/login",
        data={"csrf_token": csrf_token(page.text), "username": "bench", "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    if reply.status_code != 302:
        raise RuntimeError(f"login failed: HTTP {reply.status_code}")
    return http


def create_workshop(server: LiveServer, http: requests.Session) -> Workshop:
    """Create a workshop from the demo kit with the home form (as the console does).

    The join code and projector token are then read from the server's SQLite database, as the
    console page would show them; the benchmark owns that data folder.
    """
    page = http.get(f"{server.url}/login", timeout=30)
    page.raise_for_status()
    reply = http.post(
        f"{server.url}/",
        data={
            "csrf_token": csrf_token(page.text),
            "kit": "demo",
            "title": "Fan-out benchmark",
            "place": "",
            "locale": "en",
        },
        allow_redirects=False,
        timeout=30,
    )
    found = re.search(r"/console/(\d+)", reply.headers.get("Location", ""))
    if reply.status_code != 302 or found is None:
        raise RuntimeError(f"creating the workshop failed: HTTP {reply.status_code}")
    workshop_id = int(found.group(1))
    database = sqlite3.connect(f"file:{server.data_dir / 'facilitator.db'}?mode=ro", uri=True)
    try:
        row = database.execute(
            "SELECT join_code, projector_token FROM workshops WHERE id = ?", (workshop_id,)
        ).fetchone()
    finally:
        database.close()
    if row is None:
        raise RuntimeError(f"workshop {workshop_id} is not in the database")
    return Workshop(workshop_id, row[0], row[1])


def start_workshop(url: str, http: requests.Session, workshop_id: int) -> None:
    """workshop.start over the facilitator's socket (the console's Start button)."""
    import socketio

    cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    sio = socketio.Client(reconnection=False)
    sio.connect(
        url,
        headers={"Cookie": cookie},
        auth={"workshop": workshop_id, "role": "facilitator"},
        transports=["websocket"],
        wait_timeout=30,
    )
    try:
        ack = sio.call(
            "act", {"op": f"bench-start-{workshop_id}", "type": "workshop.start"}, timeout=30
        )
    finally:
        sio.disconnect()
    if not (isinstance(ack, dict) and ack.get("ok")):
        raise RuntimeError(f"workshop.start refused: {ack}")


def join_phone(url: str, workshop: Workshop) -> str:
    """One phone presses Join on /j/<code>; returns its seat cookie as a Cookie header."""
    http = requests.Session()
    page = http.get(f"{url}/j/{workshop.code}", timeout=60)
    page.raise_for_status()
    reply = http.post(
        f"{url}/j/{workshop.code}",
        data={"csrf_token": csrf_token(page.text), "name": "", "role": ""},
        allow_redirects=False,
        timeout=60,
    )
    name = f"seat_{workshop.id}"
    seat = reply.cookies.get(name)
    if reply.status_code != 302 or not seat:
        raise RuntimeError(f"join failed: HTTP {reply.status_code}")
    return f"{name}={seat}"


def prepare_server(server: LiveServer, phones: int, concurrency: int) -> tuple[Workshop, float]:
    """Facilitator, workshop, start, N joins; returns the workshop and the join time."""
    server.create_user("bench", PASSWORD)
    http = facilitator_session(server.url)
    workshop = create_workshop(server, http)
    start_workshop(server.url, http, workshop.id)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        workshop.cookies = list(pool.map(lambda _: join_phone(server.url, workshop), range(phones)))
    return workshop, time.monotonic() - started


# -- one run --------------------------------------------------------------------------------------


def split(items: list[str], parts: int) -> list[list[str]]:
    """Deal items round-robin into parts."""
    return [items[i::parts] for i in range(parts)]


def measure(
    args: argparse.Namespace, target: str, url: str, pid: int, workshop: Workshop | None
) -> dict[str, Any]:
    """Start the load generators, run the load, gather and summarise."""
    cookies = workshop.cookies if workshop else [""] * args.phones
    ctx = multiprocessing.get_context("spawn")
    workers = []
    for index, share in enumerate(split(cookies, args.workers)):
        parent, child = ctx.Pipe()
        spec = loadgen.Spec(
            index=index,
            url=url,
            target=target,
            workshop_id=workshop.id if workshop else 0,
            cookies=share,
            projector_token=(workshop.projector_token if workshop else "") if index == 0 else None,
            rate=args.rate,
            duration=args.duration,
            drain=args.drain,
            connect_concurrency=args.connect_concurrency,
            seed=args.seed,
            workers=args.workers,
        )
        proc = ctx.Process(target=loadgen.main, args=(spec, child), daemon=True)
        proc.start()
        workers.append((proc, parent))
        if spec.projector_token is not None:
            # The projector joins the room before any phone (the other workers wait for it).
            _expect_message(parent, "projector", args.connect_timeout)
    try:
        connected = [_expect(parent, "connected", args.connect_timeout) for _, parent in workers]
        phones = sum(c["phones"] for c in connected)
        projector = any(c["projector"] for c in connected)
        failed = sum(c["failed"] for c in connected)
        reasons = [r for c in connected for r in c["failures"]]
        print(
            f"  [{target}] connected {phones}/{args.phones} phones, projector={projector} "
            f"in {max(c['seconds'] for c in connected):.1f}s"
            + (f"; {failed} failed, e.g. {reasons[:2]}" if failed else ""),
            flush=True,
        )
        if args.quiet_below:
            waited = wait_for_quiet(args.quiet_below, args.quiet_timeout)
            print(f"  [{target}] waited {waited:.0f}s for a quieter machine", flush=True)
        t0 = time.time() + 1.0
        profiler = _start_profiler(args, target, pid)
        for _, parent in workers:
            parent.send(("go", t0))
        # Server CPU over the sending window only (not the connect phase or the drain).
        time.sleep(max(0.0, t0 - time.time()))
        cpu_before = process_cpu(pid)
        samples = sample_cpu(pid, until=t0 + args.duration)
        server_cpu = process_cpu(pid) - cpu_before
        wall = args.duration
        timeout = args.drain + 120
        results = [_expect(parent, "done", timeout) for _, parent in workers]
        if profiler is not None:
            profiler.wait(timeout=args.duration + 60)
    finally:
        for proc, _ in workers:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
    row = combine(target, args, results, phones, projector, failed, wall, server_cpu)
    row["cpu_timeline"] = samples
    row["machine_busy_pct"] = round(sum(x["machine"] for x in samples) / max(1, len(samples)), 1)
    return row


def _start_profiler(args: argparse.Namespace, target: str, pid: int) -> Any:
    if not args.profile:
        return None
    out = Path(args.profile) / f"{target}-{args.phones}p-{args.rate:g}r.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).with_name("py-spy")
    return subprocess.Popen(
        [
            str(spy),
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(int(args.duration)),
            "--rate",
            "50",
            "--format",
            "raw",
            "--nonblocking",
            "--idle",
            "--output",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _expect_message(conn: Any, kind: str, timeout: float) -> Any:
    if not conn.poll(timeout):
        raise RuntimeError(f"a load generator did not report {kind!r} within {timeout:.0f}s")
    message = conn.recv()
    if message[0] != kind:
        raise RuntimeError(f"load generator: {message}")
    return message[1]


def _expect(conn: Any, kind: str, timeout: float) -> dict[str, Any]:
    result: dict[str, Any] = _expect_message(conn, kind, timeout)
    return result


def combine(
    target: str,
    args: argparse.Namespace,
    results: list[dict[str, Any]],
    phones: int,
    projector: bool,
    failed: int,
    wall: float,
    server_cpu: float,
) -> dict[str, Any]:
    """Merge the workers' reports into one row of the table."""
    sent = [record for r in results for record in r["sent"]]
    accepted = {s["key"] for s in sent if s["ok"]}
    errors = Counter(s["error"] for s in sent if not s["ok"])
    phone_seen: Counter[str] = Counter()
    projector_seen: Counter[str] = Counter()
    for r in results:
        phone_seen.update(r["phone_seen"])
        projector_seen.update(r["projector_seen"])
    expected_phone = len(accepted) * phones
    got_phone = sum(min(phones, phone_seen[k]) for k in accepted)
    lag = [x for r in results for x in _floats(r["loop_lag"])]
    return {
        "target": target,
        "phones": phones,
        "phones_failed": failed,
        "phones_dropped": sum(r["phones_dropped"] for r in results),
        "projector": projector,
        "sent": len(sent),
        "accepted": len(accepted),
        "refused": dict(errors),
        "send_seconds": max(r["send_seconds"] for r in results),
        "planned": args.duration,
        "ack": summary([s["ack"] for s in sent if s["ack"] is not None]),
        "projector_latency": summary([x for r in results for x in _floats(r["projector_latency"])]),
        "phone_latency": summary([x for r in results for x in _floats(r["phone_latency"])]),
        "lost_projector": (len(accepted) - sum(1 for k in accepted if projector_seen[k]))
        if projector
        else None,
        "lost_phone": expected_phone - got_phone,
        "expected_phone": expected_phone,
        "duplicates": sum(max(0, phone_seen[k] - phones) for k in phone_seen)
        + sum(max(0, projector_seen[k] - 1) for k in projector_seen),
        "foreign": sum(r["foreign"] for r in results),
        "server_cpu_pct": round(100 * server_cpu / wall, 1),
        "server_cpu_ms_per_note": round(1000 * server_cpu / max(1, len(sent)), 2),
        "loadgen_cpu_us_per_message": round(
            1e6
            * sum(r["cpu_total"] for r in results)
            / max(1, sum(phone_seen.values()) + sum(projector_seen.values()) + len(sent)),
            1,
        ),
        "loadgen_cpu_pct": [round(100 * r["cpu_seconds"] / wall, 1) for r in results],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "loop_lag": summary(lag),
        "wall_seconds": round(wall, 1),
        "timeline": timeline(results),
    }


def timeline(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Delivery latency by second of sending: shows warm-up, stalls and backlog growth."""
    start = min((s["sent"] for r in results for s in r["sent"]), default=0.0)
    buckets: dict[int, list[float]] = {}
    for r in results:
        pairs = _floats(r["timeline"])
        for sent, latency in zip(pairs[::2], pairs[1::2], strict=True):
            buckets.setdefault(int(sent - start), []).append(latency)
    return [{"second": k, **summary(v)} for k, v in sorted(buckets.items())]


def run_target(args: argparse.Namespace, target: str, work: Path) -> dict[str, Any]:
    """Start the target's server, set it up, measure, stop it."""
    print(f"[{target}] starting …", flush=True)
    if target == "floor":
        floor = FloorServer(args.async_mode, work)
        floor.start()
        try:
            assert floor.proc is not None
            return measure(args, target, floor.url, floor.proc.pid, None)
        finally:
            floor.stop()
    server = LiveServer(work / "server", async_mode=args.async_mode, env=SERVER_ENV)
    server.start(timeout=60)
    try:
        workshop, join_seconds = prepare_server(server, args.phones, args.join_concurrency)
        print(f"  [server] {args.phones} phones joined in {join_seconds:.1f}s", flush=True)
        assert server.proc is not None
        row = measure(args, target, server.url, server.proc.pid, workshop)
        row["join_seconds"] = round(join_seconds, 1)
        return row
    except BaseException:
        print(server.log(), file=sys.stderr)
        raise
    finally:
        server.stop()


# -- output ---------------------------------------------------------------------------------------


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _list(values: list[Any]) -> str:
    return ", ".join(_fmt(x) for x in values)


def _lat(s: dict[str, Any]) -> str:
    return " / ".join(_fmt(s[k]) for k in ("p50", "p95", "p99", "max"))


def table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table, one column per target (and the server / floor ratio of p50)."""
    lines = [
        ("phones connected (failed)", lambda r: f"{r['phones']} ({r['phones_failed']})"),
        ("phones dropped during run", lambda r: _fmt(r["phones_dropped"])),
        ("notes sent / accepted", lambda r: f"{r['sent']} / {r['accepted']}"),
        ("refused or failed sends", lambda r: _fmt(r["refused"] or 0)),
        ("sending took s (planned)", lambda r: f"{r['send_seconds']:.1f} ({r['planned']:g})"),
        ("ack ms p50/p95/p99/max", lambda r: _lat(r["ack"])),
        ("note→projector ms p50/p95/p99/max", lambda r: _lat(r["projector_latency"])),
        ("note→phone ms p50/p95/p99/max", lambda r: _lat(r["phone_latency"])),
        ("lost at projector", lambda r: _fmt(r["lost_projector"])),
        ("lost at phones (of expected)", lambda r: f"{r['lost_phone']} ({r['expected_phone']})"),
        ("duplicates", lambda r: _fmt(r["duplicates"])),
        ("server CPU % of one core, while sending", lambda r: _fmt(r["server_cpu_pct"])),
        ("server CPU ms per note", lambda r: _fmt(r["server_cpu_ms_per_note"])),
        ("load-generator CPU % each, while sending", lambda r: _list(r["loadgen_cpu_pct"])),
        ("load-generator CPU µs per message", lambda r: _fmt(r["loadgen_cpu_us_per_message"])),
        ("load-gen loop lag ms p50/p95/p99/max", lambda r: _lat(r["loop_lag"])),
        ("machine busy % (all cores, everyone)", lambda r: _fmt(r["machine_busy_pct"])),
    ]
    header = "| | " + " | ".join(r["target"] for r in rows) + " |"
    out = [header, "|---" * (len(rows) + 1) + "|"]
    for label, cell in lines:
        out.append(f"| {label} | " + " | ".join(cell(r) for r in rows) + " |")
    by_target = {r["target"]: r for r in rows}
    if "server" in by_target and "floor" in by_target:
        for key, label in (("projector_latency", "projector"), ("phone_latency", "phones")):
            s, f = by_target["server"][key]["p50"], by_target["floor"][key]["p50"]
            ratio = f"{s / f:.2f}×" if s is not None and f else "–"
            out.append(f"| p50 server / floor ({label}) | {ratio} |" + " |" * (len(rows) - 1))
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--rate", type=float, default=10.0, help="notes per second, in total")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of sending")
    parser.add_argument("--async-mode", choices=("gevent", "eventlet"), default="gevent")
    parser.add_argument("--target", choices=("server", "floor", "both"), default="both")
    parser.add_argument("--workers", type=int, default=2, help="load-generator processes")
    parser.add_argument(
        "--drain", type=float, default=15.0, help="longest wait for late notes after sending"
    )
    parser.add_argument("--connect-concurrency", type=int, default=25)
    parser.add_argument("--connect-timeout", type=float, default=600.0)
    parser.add_argument("--join-concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--quiet-below",
        type=float,
        default=0.0,
        help="before sending, wait until the whole machine is under this %% busy (0: don't)",
    )
    parser.add_argument("--quiet-timeout", type=float, default=600.0)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--profile", help="folder for py-spy profiles of the server (raw format)")
    parser.add_argument("--work-dir", help="folder for server data and logs (default: a temp dir)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Run the chosen targets and print the table."""
    args = parse_args(argv)
    info = machine()
    print(
        f"fan-out: {args.phones} phones + 1 projector, {args.rate:g} notes/s for "
        f"{args.duration:g}s, {args.async_mode}, {args.workers} load generator(s); "
        f"{info['cpus']} CPUs, load {info['loadavg_before']}",
        flush=True,
    )
    targets = ["floor", "server"] if args.target == "both" else [args.target]
    rows = []
    with tempfile.TemporaryDirectory(prefix="fanout-") as temp:
        base = Path(args.work_dir) if args.work_dir else Path(temp)
        work = base / time.strftime("run-%Y%m%d-%H%M%S")
        work.mkdir(parents=True, exist_ok=True)
        for target in targets:
            rows.append(run_target(args, target, work))
    info["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print()
    print(table(rows))
    print(f"\nload average before {info['loadavg_before']}, after {info['loadavg_after']}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"args": vars(args), "machine": info, "rows": rows}, indent=2)
        )
    return rows


if __name__ == "__main__":
    main()
