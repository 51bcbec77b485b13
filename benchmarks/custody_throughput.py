"""Custody-event throughput through gunicorn on PostgreSQL (a benchmark, not a test).

What it does, start to finish, and then it stops by itself:

1. rebuilds the ``bench`` database (never ``test``): DROP/CREATE SCHEMA public, Alembic
   upgrade to head, reference data and one user of every role (``tests/support.py``'s
   ``build_world``);
2. starts ``gunicorn -w W --threads T "api:create_app()"`` (or granian, ``--server``) on
   127.0.0.1 and a free port,
   waits for ``/healthz``;
3. registers ``--items`` counter dossiers through ``POST /api/v1/intakes`` (not timed
   in the event figures, reported on its own line);
4. drives custody events: each item gets ``dispatched`` (clerk) -> ``handed_over``
   (courier) -> ``receipt_confirmed`` (agency officer), each request with a fresh
   ``Idempotency-Key``; ``--clients`` client threads (spread over ``--client-procs``
   processes) each carry one item at a time, so that many items are in flight at once;
   With ``--sync-batch N`` (a secondary figure): the clerk dispatches every item one
   by one first (not timed), then the couriers send the ``handed_over`` events through
   ``POST /api/v1/sync``, N a request;
5. prints events/s, latency percentiles, errors (any non-201) and the settings, and
   the CPU seconds used by the client, gunicorn and PostgreSQL during the run;
6. stops gunicorn.

Example::

    . .venv/bin/activate
    python benchmarks/custody_throughput.py --workers 2 --threads 4 --clients 8

Only 127.0.0.1 is contacted. The client shares the machine's cores with gunicorn and
PostgreSQL, so the figures are a lower bound of what the server alone could do.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# The source tree the server and the seeding run from (``--source``); the repo by default.
SRC = ROOT
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
HOST = "127.0.0.1"
# The three events of a counter dossier's leg to its agency, and who records each.
STEPS = (
    ("dispatched", "clerk"),
    ("handed_over", "courier"),
    ("receipt_confirmed", "officer"),
)
# BC01's clerk registers; its two couriers (BT01, BT02) share the bags.
COURIERS = (("BT01", "courier"), ("BT02", "courier2"))


# --------------------------------------------------------------------------- database


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgresql"):
        sys.exit("--database-url must be a PostgreSQL URL")
    if parts.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("the benchmark only talks to 127.0.0.1")
    if parts.path.lstrip("/") in ("", "test", "postgres", "template0", "template1"):
        sys.exit("refusing to rebuild that database: use a dedicated one such as bench")


def _schema_drift(engine: Any) -> list[str]:
    """Columns the models have but the migrated database lacks."""
    from sqlalchemy import inspect

    import postal_service.models  # noqa: F401  (registers every table)
    from postal_service.db import Base

    insp = inspect(engine)
    missing = []
    for table in Base.metadata.sorted_tables:
        if not insp.has_table(table.name):
            missing.append(table.name)
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        missing += [
            f"{table.name}.{c.name}" for c in table.columns if c.name not in have
        ]
    return missing


def prepare_database(url: str, schema: str) -> Any:
    """Create the database if missing, rebuild its schema, seed the world; return it."""
    import psycopg
    from sqlalchemy import text

    parts = urlsplit(url)
    dbname = parts.path.lstrip("/")
    admin = urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{dbname}"')

    sys.path.insert(0, str(SRC / "tests"))
    from support import build_world  # type: ignore[import-not-found]

    from postal_service import migrate
    from postal_service.db import make_engine, make_session_factory, utcnow
    from postal_service.unit_of_work import UnitOfWork

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    if schema == "alembic":
        migrate.upgrade(url)
        missing = _schema_drift(engine)
        if missing:
            engine.dispose()
            sys.exit(
                "the migrations lag behind the models (missing: "
                f"{', '.join(missing)}); add a migration or run with --schema metadata"
            )
    else:
        import postal_service.models  # noqa: F401
        from postal_service.db import Base

        Base.metadata.create_all(engine)
    world = build_world(UnitOfWork(make_session_factory(engine)), utcnow())
    engine.dispose()
    return world


# ---------------------------------------------------------------------------- server


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_command(server: str, workers: int, threads: int, port: int) -> list[str]:
    """The command line of the WSGI server serving ``api:create_app()``."""
    if server == "granian":
        return [
            sys.executable, "-m", "granian",
            "--interface", "wsgi",
            "--factory",
            "--workers", str(workers),
            "--blocking-threads", str(threads),
            "--host", HOST,
            "--port", str(port),
            "--no-ws",
            "--log-level", "warning",
            "api:create_app",
        ]  # fmt: skip
    return [
        sys.executable, "-m", "gunicorn",
        "-w", str(workers),
        "--threads", str(threads),
        "-b", f"{HOST}:{port}",
        "--log-level", "warning",
        "api:create_app()",
    ]  # fmt: skip


def start_server(
    url: str, server: str, workers: int, threads: int, port: int
) -> subprocess.Popen[bytes]:
    """Start the server in its own process group; return the process once healthy."""
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    env.pop("GUNICORN_CMD_ARGS", None)
    cmd = server_command(server, workers, threads, port)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    proc = subprocess.Popen(cmd, cwd=SRC, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{server} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    sys.exit(f"{server} did not answer /healthz within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Ask the server to stop (SIGTERM to its master), kill it if it lingers."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def start_py_spy(out: str, pid: int) -> subprocess.Popen[bytes]:
    """Sample gunicorn's workers with py-spy (collapsed stacks in ``out``)."""
    exe = os.environ.get("PY_SPY", "py-spy")
    cmd = [exe, "record", "--pid", str(pid), "--subprocesses", "--format", "raw",
           "--rate", "100", "--gil", "--nonblocking", "-o", out]  # fmt: skip
    spy = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    time.sleep(1.0)
    return spy


# ------------------------------------------------------------------------ CPU meters

_TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int) -> float:
    """User+system CPU seconds of one process (0 if it is gone)."""
    try:
        fields_ = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields_[11]) + int(fields_[12])) / _TICK


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        out: list[int] = []
        for t in tasks:
            out += [int(c) for c in (t / "children").read_text().split()]
        return out
    except OSError:
        return []


def _descendants(pid: int) -> list[int]:
    """Children, grandchildren... of a process (a server's workers may fork helpers)."""
    out, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        out.append(child)
        todo += _children(child)
    return out


_BACKEND = re.compile(r"^postgres: \S+: \S+ (\S+) (?:[\d.:a-f]+\(\d+\)|\[local\])")


def _postgres_pids(dbname: str) -> list[int]:
    """The postmaster, its auxiliary processes and the backends of ``dbname`` only."""
    pids = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if (p / "comm").read_text().strip() not in ("postgres", "postmaster"):
                continue
            cmdline = (p / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        backend = _BACKEND.match(cmdline)
        if backend is None or backend.group(1) == dbname:
            pids.append(int(p.name))
    return pids


def cpu_snapshot(gunicorn_pid: int, dbname: str) -> dict[str, float]:
    """CPU seconds so far of gunicorn (master + workers), PostgreSQL, and the machine."""
    gpids = [gunicorn_pid, *_descendants(gunicorn_pid)]
    stat = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    busy = sum(int(x) for i, x in enumerate(stat) if i not in (3, 4)) / _TICK
    return {
        "gunicorn": sum(_proc_cpu(p) for p in gpids),
        "postgres": sum(_proc_cpu(p) for p in _postgres_pids(dbname)),
        "machine_busy": busy,
    }


# ---------------------------------------------------------------------------- client


@dataclass
class Tally:
    """What one client process saw."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    start: float = float("inf")
    end: float = 0.0
    # Events sent, and those the server stored (a 201, or a sync's "recorded").
    sent: int = 0
    recorded: int = 0


class Client:
    """A keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def post(
        self, path: str, token: str, body: dict[str, Any]
    ) -> tuple[int, bytes, float]:
        """POST JSON with a fresh Idempotency-Key; return status, body, seconds."""
        payload = json.dumps(body).encode()
        headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        t0 = time.perf_counter()
        try:
            self.conn.request("POST", path, payload, headers)
            resp = self.conn.getresponse()
            data = resp.read()
            status = resp.status
            if resp.will_close:
                self.conn.close()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            return 0, repr(exc).encode(), time.perf_counter() - t0
        return status, data, time.perf_counter() - t0


def _intake_body(n: int) -> dict[str, Any]:
    return {
        "procedure_code": "1.002804",
        "service_type": "both",
        "citizen": {
            "name": f"Nguyễn Văn Bench {n}",
            "phone": "0912 345 678",
            "address": "Số 5, tổ 3, phường Phan Đình Phùng",
            "commune_code": 5443,
            "id_type": "cccd",
            "id_number": f"{19085000000 + n:012d}",
        },
        "documents": [
            {"name": "Tờ khai đề nghị cấp đổi giấy phép lái xe", "original": True}
        ],
        "fee_vnd": 135000,
    }


def register_items(
    port: int, token: str, count: int, clients: int
) -> tuple[list[str], float, int]:
    """Register ``count`` dossiers through the API; return codes, seconds, failures."""
    codes: list[str] = []
    failures = 0

    def one_batch(ns: range) -> tuple[list[str], int]:
        client, out, bad = Client(port), [], 0
        for n in ns:
            status, data, _ = client.post("/api/v1/intakes", token, _intake_body(n))
            if status == 201:
                out.append(json.loads(data)["items"][0]["s10_code"])
            else:
                bad += 1
                if bad <= 3:
                    print(f"intake failed: {status} {data[:300]!r}", file=sys.stderr)
        return out, bad

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for got, bad in pool.map(
            one_batch, [range(i, count, clients) for i in range(clients)]
        ):
            codes += got
            failures += bad
    return codes, time.perf_counter() - t0, failures


def _carry(
    port: int, tokens: dict[str, str], codes: list[str], deadline: float, tally: Tally
) -> None:
    """One client thread: take each item through its three events, one item at a time."""
    client = Client(port)
    for i, code in enumerate(codes):
        courier_code, courier_user = COURIERS[i % len(COURIERS)]
        for type_, who in STEPS:
            if time.time() > deadline:
                return
            body: dict[str, Any] = {
                "type": type_,
                "occurred_at": datetime.now(UTC).isoformat(),
            }
            if type_ == "dispatched":
                body["courier_code"] = courier_code
            user = courier_user if who == "courier" else who
            start = time.time()
            status, data, secs = client.post(
                f"/api/v1/items/{code}/events", tokens[user], body
            )
            tally.start = min(tally.start, start)
            tally.end = max(tally.end, time.time())
            tally.latencies.append(secs)
            tally.statuses[status] += 1
            tally.sent += 1
            tally.recorded += status == 201
            if status != 201:
                if len(tally.samples) < 3:
                    tally.samples.append(f"{type_} {code}: {status} {data[:300]!r}")
                break  # the next events of this item would fail too


def _sync(
    port: int,
    tokens: dict[str, str],
    batches: list[list[str]],
    deadline: float,
    tally: Tally,
) -> None:
    """One client thread in --sync-batch mode: each batch is one courier's handovers."""
    client = Client(port)
    for batch in batches:
        if time.time() > deadline:
            return
        courier_user, codes = batch[0], batch[1:]
        body = {
            "events": [
                {
                    "item_code": code,
                    "client_event_id": str(uuid.uuid4()),
                    "type": "handed_over",
                    "occurred_at": datetime.now(UTC).isoformat(),
                }
                for code in codes
            ]
        }
        start = time.time()
        status, data, secs = client.post("/api/v1/sync", tokens[courier_user], body)
        tally.start = min(tally.start, start)
        tally.end = max(tally.end, time.time())
        tally.latencies.append(secs)
        tally.statuses[status] += 1
        outcomes = (
            Counter(r["outcome"] for r in json.loads(data)["results"])
            if status == 200
            else Counter()
        )
        tally.sent += len(codes)
        tally.recorded += outcomes["recorded"]
        refused = status != 200 or outcomes["recorded"] != len(codes)
        if refused and len(tally.samples) < 3:
            tally.samples.append(f"sync: {status} {data[:300]!r}")


def client_process(
    args: tuple[int, dict[str, str], list[list[Any]], float, float, bool],
) -> Tally:
    """One client process: a thread per share of work; wait for the common start."""
    port, tokens, shares, start_at, deadline, sync = args
    time.sleep(max(0.0, start_at - time.time()))
    tallies = [Tally() for _ in shares]
    work = _sync if sync else _carry
    with ThreadPoolExecutor(len(shares)) as pool:
        for share, tally in zip(shares, tallies, strict=True):
            pool.submit(work, port, tokens, share, deadline, tally)
    total = Tally()
    for t in tallies:
        total.latencies += t.latencies
        total.statuses += t.statuses
        total.samples += t.samples
        total.sent += t.sent
        total.recorded += t.recorded
        total.start, total.end = min(total.start, t.start), max(total.end, t.end)
    return total


def dispatch_all(
    port: int, token: str, codes: list[str], clients: int
) -> tuple[float, int]:
    """The clerk dispatches every item to its courier (setup of --sync-batch)."""

    def one_share(share: list[tuple[int, str]]) -> int:
        client, bad = Client(port), 0
        for i, code in share:
            body = {
                "type": "dispatched",
                "occurred_at": datetime.now(UTC).isoformat(),
                "courier_code": COURIERS[i % len(COURIERS)][0],
            }
            status, data, _ = client.post(f"/api/v1/items/{code}/events", token, body)
            if status != 201:
                bad += 1
                if bad <= 3:
                    print(f"dispatch failed: {status} {data[:300]!r}", file=sys.stderr)
        return bad

    numbered = list(enumerate(codes))
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        failures = sum(
            pool.map(one_share, [numbered[i::clients] for i in range(clients)])
        )
    return time.perf_counter() - t0, failures


def sync_batches(codes: list[str], size: int) -> list[list[str]]:
    """Each courier's items in batches of ``size``: [courier user, code, code, ...]."""
    batches = []
    for c, (_, user) in enumerate(COURIERS):
        mine = codes[c :: len(COURIERS)]
        batches += [[user, *mine[i : i + size]] for i in range(0, len(mine), size)]
    return batches


# ------------------------------------------------------------------------------ main


def _pct(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument(
        "--server",
        choices=("gunicorn", "granian"),
        default="gunicorn",
        help="the WSGI server: gunicorn (gthread workers) or granian (--threads are "
        "its blocking threads per worker)",
    )
    parser.add_argument(
        "--clients", type=int, default=8, help="concurrent client threads"
    )
    parser.add_argument("--client-procs", type=int, default=1, help="client processes")
    parser.add_argument("--items", type=int, default=1000, help="items (3 events each)")
    parser.add_argument(
        "--duration", type=float, default=120.0, help="max seconds of events"
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument(
        "--schema",
        choices=("alembic", "metadata"),
        default="alembic",
        help="build the schema with the Alembic migrations (default) or the models' metadata",
    )
    parser.add_argument(
        "--py-spy",
        metavar="FILE",
        help="sample gunicorn with py-spy during the events (collapsed stacks to FILE; "
        "the py-spy binary is $PY_SPY or py-spy on PATH)",
    )
    parser.add_argument(
        "--source",
        metavar="DIR",
        help="run the server and the seeding from this source tree (e.g. an extracted "
        "`git archive`) instead of the working tree",
    )
    parser.add_argument(
        "--sync-batch",
        type=int,
        default=0,
        metavar="N",
        help="secondary mode: the clerk first dispatches every item one by one (not "
        "timed), then the couriers send the handovers through POST /sync, N events a "
        "request; the figures are those of the sync phase",
    )
    parser.add_argument(
        "--json", action="store_true", help="also print a JSON summary line"
    )
    args = parser.parse_args()
    _check_url(args.database_url)
    if args.source:
        global SRC
        SRC = Path(args.source).resolve()
        sys.path.insert(0, str(SRC))
    if args.clients < args.client_procs:
        parser.error("--clients must be at least --client-procs")

    dbname = urlsplit(args.database_url).path.lstrip("/")
    print(f"preparing {dbname} ...", flush=True)
    world = prepare_database(args.database_url, args.schema)
    tokens = dict(world.tokens)
    port = free_port()
    server = start_server(
        args.database_url, args.server, args.workers, args.threads, port
    )
    try:
        codes, reg_secs, reg_failures = register_items(
            port, tokens["clerk"], args.items, args.clients
        )
        print(
            f"registered {len(codes)} dossiers in {reg_secs:.1f} s "
            f"({len(codes) / reg_secs:.0f}/s, {reg_failures} failures)",
            flush=True,
        )
        if not codes:
            sys.exit("no dossier could be registered; nothing to measure")
        # Deal the items (or sync batches) to the client threads, and the threads to
        # the processes.
        work: list[Any] = codes
        if args.sync_batch:
            secs, failures = dispatch_all(port, tokens["clerk"], codes, args.clients)
            reg_failures += failures
            print(
                f"dispatched {len(codes)} items one by one in {secs:.1f} s "
                f"({len(codes) / secs:.0f}/s, {failures} failures)",
                flush=True,
            )
            work = sync_batches(codes, args.sync_batch)
        shares = [work[i :: args.clients] for i in range(args.clients)]
        per_proc = [shares[p :: args.client_procs] for p in range(args.client_procs)]
        start_at = time.time() + 1.0
        deadline = start_at + args.duration
        sync = bool(args.sync_batch)
        spy = start_py_spy(args.py_spy, server.pid) if args.py_spy else None
        before = cpu_snapshot(server.pid, dbname)
        self_before = os.times()
        ctx = mp.get_context("fork")
        if args.client_procs == 1:
            tallies = [
                client_process((port, tokens, per_proc[0], start_at, deadline, sync))
            ]
        else:
            with ctx.Pool(args.client_procs) as pool:
                tallies = pool.map(
                    client_process,
                    [(port, tokens, s, start_at, deadline, sync) for s in per_proc],
                )
        after = cpu_snapshot(server.pid, dbname)
        self_after = os.times()
        if spy:
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=60)
    finally:
        stop_server(server)

    lat = sorted(x for t in tallies for x in t.latencies)
    statuses: Counter[int] = Counter()
    for t in tallies:
        statuses += t.statuses
    ok = sum(t.recorded for t in tallies)
    errors = sum(t.sent for t in tallies) - ok
    requests = sum(statuses.values())
    wall = max(t.end for t in tallies) - min(t.start for t in tallies)
    client_cpu = (self_after.user + self_after.system + self_after.children_user
                  + self_after.children_system) - (self_before.user + self_before.system
                  + self_before.children_user + self_before.children_system)  # fmt: skip
    cpu = {k: after[k] - before[k] for k in after}
    summary = {
        "workers": args.workers,
        "threads": args.threads,
        "clients": args.clients,
        "client_procs": args.client_procs,
        "items": len(codes),
        "sync_batch": args.sync_batch,
        "requests": requests,
        "events": ok + errors,
        "ok": ok,
        "errors": errors,
        "statuses": dict(statuses),
        "wall_s": round(wall, 2),
        "events_per_s": round(ok / wall, 1) if wall > 0 else 0.0,
        "p50_ms": round(_pct(lat, 50) * 1000, 1),
        "p95_ms": round(_pct(lat, 95) * 1000, 1),
        "p99_ms": round(_pct(lat, 99) * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1) if lat else None,
        "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
        "cpu_s": {
            "gunicorn": round(cpu["gunicorn"], 1),
            "postgres": round(cpu["postgres"], 1),
            "client": round(client_cpu, 1),
            "machine": round(cpu["machine_busy"], 1),
            # Whatever else ran meanwhile (other users of the machine, other databases).
            "other": round(
                cpu["machine_busy"] - cpu["gunicorn"] - cpu["postgres"] - client_cpu, 1
            ),
        },
        "nproc": os.cpu_count(),
    }
    summary["cpu_ms_per_event"] = {
        k: round(1000 * v / ok, 2) if ok else None
        for k, v in (
            ("gunicorn", cpu["gunicorn"]),
            ("postgres", cpu["postgres"]),
            ("client", client_cpu),
        )
    }
    print(
        f"workers={args.workers} threads={args.threads} clients={args.clients} "
        f"client_procs={args.client_procs} items={len(codes)}"
    )
    if args.sync_batch:
        print(
            f"MODE: handed_over events in POST /sync batches of up to "
            f"{args.sync_batch} ({requests} requests); latency is per batch"
        )
    print(
        f"events: {ok} ok, {errors} errors in {wall:.2f} s -> "
        f"{summary['events_per_s']} events/s"
    )
    print(
        f"latency ms: p50 {summary['p50_ms']}  p95 {summary['p95_ms']}  "
        f"p99 {summary['p99_ms']}  max {summary['max_ms']}"
    )
    c = summary["cpu_s"]
    print(
        f"cpu s during events: gunicorn {c['gunicorn']}  postgres {c['postgres']}  "
        f"client {c['client']}  other {c['other']}  "
        f"(machine busy {c['machine']} of {wall * (os.cpu_count() or 1):.1f})"
    )
    m = summary["cpu_ms_per_event"]
    print(
        f"cpu ms per event: gunicorn {m['gunicorn']}  postgres {m['postgres']}  "
        f"client {m['client']}"
    )
    if errors or set(statuses) - {200, 201}:
        print(f"statuses: {dict(statuses)}")
        for t in tallies:
            for s in t.samples:
                print(f"  {s}")
    if args.json:
        print(json.dumps(summary))
    return 1 if errors or reg_failures else 0


if __name__ == "__main__":
    sys.exit(main())
