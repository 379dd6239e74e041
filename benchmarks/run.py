"""Benchmark the JSON API against bare views: fresh SQLite, 100,000 leads, gunicorn, loopback load.

Run with `make bench-api` (or `python -m benchmarks.run`). Nothing outside a temporary
directory is touched; gunicorn listens on 127.0.0.1 only and is stopped at the end.
"""

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEADS = 100_000
BATCH = 5_000
CONCURRENCY = 4  # enough to keep 2 workers busy without starving them of CPU
SECONDS_PER_RUN = 2.0
MAX_REQUESTS_PER_RUN = 20_000
ROUNDS = 5  # the load generator shares the 2 cores with the server; more rounds steady the median


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seed(env: dict) -> dict:
    """Migrate and fill the database; returns what the scenarios need."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, transaction

    from crm.api.pagination import ListQuery, encode_cursor
    from crm.catalogue import module_for_resource
    from crm.models import Lead, Organisation
    from integrations.services import private_app_create

    organisation = Organisation.objects.create(name="Benchmark Ltd", slug="benchmark")
    statuses = [value for value, _ in Lead.Status.choices]
    started = time.perf_counter()
    with transaction.atomic():
        for start in range(0, LEADS, BATCH):
            Lead.objects.bulk_create(
                Lead(
                    organisation=organisation,
                    name=f"Lead {n}",
                    email=f"lead{n}@example.com",
                    company=f"Company {n % 977}",
                    status=statuses[n % len(statuses)],
                    source="benchmark",
                )
                for n in range(start, start + BATCH)
            )
    seeded = time.perf_counter() - started
    _, token = private_app_create(
        organisation=organisation, actor=None, name="Benchmark", scopes=["leads:read", "leads:create"]
    )
    ids = list(Lead.objects.filter(organisation=organisation).order_by("pk").values_list("pk", flat=True))
    deep_after = ids[90_000]
    deep_cursor = encode_cursor(module_for_resource("leads"), ListQuery(), (deep_after,))
    connection.close()
    return {
        "organisation_id": organisation.pk,
        "token": token,
        "detail_id": ids[50_000],
        "deep_after": deep_after,
        "deep_cursor": deep_cursor,
        "seed_seconds": seeded,
    }


def start_server(env: dict, port: int) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", "2",
        "--worker-class", "gthread", "--threads", "4",  # gthread keeps connections alive
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (a fixed command line)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start within 30 seconds")


def load(port: int, method: str, path: str, headers: dict, body: bytes | None) -> tuple[float, int]:
    """Requests per second over SECONDS_PER_RUN (or MAX_REQUESTS_PER_RUN), and how many failed."""
    done, failed = [0], [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + SECONDS_PER_RUN

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < stop_at:
            with lock:
                if done[0] >= MAX_REQUESTS_PER_RUN:
                    break
                done[0] += 1
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status >= 300:
                with lock:
                    failed[0] += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.perf_counter() - started), failed[0]


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="crm-bench-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SQLITE_PATH": str(workdir / "bench.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DEBUG": "false",
    }
    env.pop("DATABASE_URL", None)
    server = None
    try:
        print(f"Seeding {LEADS:,} leads into {env['SQLITE_PATH']} …", flush=True)
        data = seed(env)
        print(f"Seeded in {data['seed_seconds']:.1f} s.", flush=True)
        env["BENCH_ORGANISATION_ID"] = str(data["organisation_id"])
        port = free_port()
        server = start_server(env, port)
        auth = {"Authorization": f"Bearer {data['token']}"}
        json_headers = {"Content-Type": "application/json"}
        post_body = json.dumps({"name": "Benchmark lead", "email": "bench@example.com"}).encode()
        scenarios = [
            ("GET one lead", "GET", f"/api/v1/leads/{data['detail_id']}/", f"/bench/leads/{data['detail_id']}/", None),
            ("GET first page of 100", "GET", "/api/v1/leads/?limit=100", "/bench/leads/?limit=100", None),
            (
                "GET page of 100 at 90,000",
                "GET",
                f"/api/v1/leads/?limit=100&cursor={data['deep_cursor']}",
                f"/bench/leads/?limit=100&after={data['deep_after']}",
                None,
            ),
            ("POST a lead", "POST", "/api/v1/leads/", "/bench/leads/", post_body),
        ]
        print(
            f"gunicorn: 2 workers x 4 threads on 127.0.0.1:{port}; load: {CONCURRENCY} keep-alive connections, "
            f"{ROUNDS} rounds of {SECONDS_PER_RUN:.0f} s each (median shown).\n",
            flush=True,
        )
        for _, method, api_path, bare_path, body in scenarios:  # warm both workers up
            extra = json_headers if body else {}
            load(port, method, api_path, {**auth, **extra}, body)
            load(port, method, bare_path, extra, body)
        rows = []
        for name, method, api_path, bare_path, body in scenarios:
            extra = json_headers if body else {}
            api_rates, bare_rates, failures = [], [], 0
            for _ in range(ROUNDS):  # interleaved, so drift hits both alike
                rate, failed = load(port, method, bare_path, extra, body)
                bare_rates.append(rate)
                failures += failed
                rate, failed = load(port, method, api_path, {**auth, **extra}, body)
                api_rates.append(rate)
                failures += failed
            rows.append((name, statistics.median(bare_rates), statistics.median(api_rates), failures))
        print(f"{'Scenario':<28}{'bare req/s':>12}{'API req/s':>12}{'API/bare':>10}{'errors':>8}")
        for name, bare, api, failures in rows:
            print(f"{name:<28}{bare:>12.0f}{api:>12.0f}{api / bare:>10.0%}{failures:>8}")
        first, deep = rows[1][2], rows[2][2]
        print(f"\nAPI deep page / first page: {deep / first:.0%}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
