"""HTTP throughput and latency of the site as production serves it: ``python -m benchmarks.http_load``.

Builds (or reuses, with ``--data``) a synthetic catalogue of ``--products`` products with the seed
commands, starts gunicorn on it exactly as docs/production.md describes, and drives it with
keep-alive HTTP clients in several processes (so that the load generator, not the GIL, is not the
limit). In one run, on the same server, it measures:

* ``/healthz`` (no database, no template: the ceiling of the stack);
* a product page (database reads and a full template);
* a search page with text and two facets (``/en/search?q=lantern&theme=lantern&prefecture=zigong``
  and similar requests in several languages).

Prints a table, then last one line:
``healthz_rps=.. product_p95_ms=.. search_p95_ms=.. search_rps=..``.
Targets (issue 6): search p95 <= 50 ms and search throughput >= 1/3 of /healthz's.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]
SEARCHES = (
    "/en/search?q=lantern&theme=lantern&prefecture=zigong",
    "/fr/search?q=lanterne&theme=intangible-heritage&material=silk",
    "/zh/search?q=%E7%AB%B9%E7%BC%96&theme=bamboo&prefecture=meishan",
    "/de/search?q=tee&theme=time-honored&prefecture=yaan",
    "/es/search?q=bater%C3%ADa&theme=new-energy&prefecture=yibin",
)


def _env(data: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{data / 'catalogue.sqlite3'}",
            "SEARCH_INDEX_DIR": str(data / "index"), "MEDIA_ROOT": str(data / "media"), "SECRET_KEY": "benchmark"}


def build(data: Path, products: int) -> None:
    """Migrate, load the sample catalogue, then add synthetic products up to ``products``."""
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for args in (["db", "upgrade"], ["seed"], ["seed", "--synthetic", str(products)]):
        subprocess.run([*flask, *args], cwd=ROOT, env=_env(data), check=True, stdout=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(data: Path, workers: int, port: int) -> subprocess.Popen:
    """gunicorn with the production settings of docs/production.md; waits until it answers."""
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning", "wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=_env(data), stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _client(args: tuple[int, Sequence[str], float]) -> tuple[int, list[float], int]:
    """One client process: requests the paths in turn for ``seconds`` (sync gunicorn workers close
    each connection after the response; ``http.client`` reconnects, as a proxy in front would)."""
    port, paths, seconds = args
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    errors = 0
    end = time.perf_counter() + seconds
    index = 0
    while time.perf_counter() < end:
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept-Language": "en"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    connection.close()
    return len(latencies), latencies, errors


def measure(port: int, paths: Sequence[str], clients: int, seconds: float) -> dict[str, float]:
    """Requests per second and latency percentiles of ``clients`` concurrent keep-alive clients."""
    with multiprocessing.get_context("spawn").Pool(clients) as pool:
        _client((port, paths, min(2.0, seconds)))  # warm caches (templates, index readers)
        started = time.perf_counter()
        results = pool.map(_client, [(port, paths, seconds)] * clients)
        elapsed = time.perf_counter() - started
    latencies = sorted(x for _count, values, _errors in results for x in values)
    errors = sum(e for _c, _v, e in results)
    if not latencies:
        raise RuntimeError(f"no successful requests to {paths[0]} ({errors} errors)")
    quantiles = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50": quantiles[49], "p95": quantiles[94], "p99": quantiles[98],
            "errors": errors, "requests": len(latencies)}


def _product_paths(port: int) -> list[str]:
    """A few product pages found through the search page (the canonical URLs, no redirects)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/en/search?q=lantern")
    response = connection.getresponse()
    html = response.read().decode()

    paths = list(dict.fromkeys(re.findall(r'href="(/en/products/\d+-[^"]+)"', html)))[:10]
    if not paths:
        raise RuntimeError(f"no product found on the search page ({response.status}: {html[:200]})")
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=None, help="reuse (or build once into) this folder")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--clients", type=int, default=None, help="concurrent clients (default: 2 x workers)")
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint")
    options = parser.parse_args(argv)
    clients = options.clients or 2 * options.workers

    with tempfile.TemporaryDirectory(prefix="sichuan-source-http-") as temporary:
        data = options.data or Path(temporary)
        data.mkdir(parents=True, exist_ok=True)
        if not (data / "catalogue.sqlite3").exists():
            print(f"Building a {options.products:,}-product catalogue in {data} ...", flush=True)
            build(data, options.products)
        port = _free_port()
        server = start_gunicorn(data, options.workers, port)
        try:
            figures = {
                "healthz": measure(port, ["/healthz"], clients, options.seconds),
                "product": measure(port, _product_paths(port), clients, options.seconds),
                "search": measure(port, list(SEARCHES), clients, options.seconds),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"{options.workers} gunicorn workers, {clients} keep-alive clients, {options.seconds:g} s per endpoint")
    print(f"{'endpoint':<10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for name, row in figures.items():
        print(f"{name:<10}{row['rps']:>10.0f}{row['p50']:>10.1f}{row['p95']:>10.1f}{row['p99']:>10.1f}{row['errors']:>8.0f}")
    print(f"healthz_rps={figures['healthz']['rps']:.0f} product_p95_ms={figures['product']['p95']:.1f} "
          f"search_p95_ms={figures['search']['p95']:.1f} search_rps={figures['search']['rps']:.0f}")


if __name__ == "__main__":
    main()
