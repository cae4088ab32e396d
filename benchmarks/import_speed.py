"""Import at scale, then the index and the search it serves, all through the command line.

python -m benchmarks.import_speed [--size 100000] [--runs 3] [--backends sqlite,postgresql]
                                  [--queries 600] [--repeat 3] [--baseline-runs 1] [--baseline REV]
                                  [--baseline-all]

The synthetic catalogue (`benchmarks.synthetic`, seeded) is exported once as CTDL JSON-LD files of
at most `--per-file` credentials (pretty-printed, as `credbot export` writes them; cached under
benchmarks/.cache/). Each run, on a fresh store (an SQLite file; a PostgreSQL schema of its own):

- import: wall and CPU time of `credbot import FILES…` in a fresh process, and its peak RSS;
- re-import: the same files again (every record unchanged);
- index ready: a one-query `credbot search - --json` with no saved index: start-up, the index
  built from the store and saved beside it, the answer (what the first search after an import
  costs); its peak RSS is the index build's memory; the saved index's size on disk;
- search: `credbot search - --json` answering `--queries` synthetic queries one at a time (stdin
  a terminal, so each answer line is flushed), each timed from writing the query to reading its
  line, `--repeat` times: p50 and p95 of the per-query medians (a query's cost without the
  scheduler's hiccups on a busy machine), and the p95 over every round trip; the peak RSS of that
  serving process.

Baseline, same run: the import of the commit before the bulk writes (`--baseline`, run from a
`git archive` of it), median of `--baseline-runs` runs, printed beside as a ratio; with
`--baseline-all`, its index ready and search as well. The machine's
load average is printed with every figure: other work on it slows everything down.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import termios
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).parent / ".cache"
ROOT = Path(__file__).resolve().parent.parent
VERSION = 1  # bump when the generator or the export changes
# The last commit whose import wrote through the ORM, one credential at a time.
BASELINE = "fbce83bf67a4d068b68935e21e437d6c0c2c633d"
POSTGRES = os.environ.get("CREDBOT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
GOALS = {"sqlite": 20.0, "postgresql": 30.0}  # import seconds at 100,000 credentials


def load() -> str:
    return "load " + "/".join(f"{value:.1f}" for value in os.getloadavg())


# --- the files ----------------------------------------------------------------------------------


def catalogue_files(size: int, per_file: int) -> list[Path]:
    """The synthetic catalogue as CTDL files, written once (in a child process, so that this
    one stays small: a child's peak RSS counts its parent's pages at the fork)."""
    directory = CACHE / f"import-{size}-{per_file}-v{VERSION}"
    done = directory / "done"
    if not done.is_file():
        print(f"writing {size:,} synthetic credentials as CTDL to {directory} (once) ...", flush=True)
        command = [sys.executable, "-m", "benchmarks.import_speed", "--write-files", str(size)]
        subprocess.run([*command, "--per-file", str(per_file)], check=True, cwd=ROOT)
    return sorted(directory.glob("part-*.ctdl.json"))


def write_files(size: int, per_file: int) -> None:
    from benchmarks.synthetic import synthetic_catalogue
    from bot.catalogue.export import ctdl_document

    directory = CACHE / f"import-{size}-{per_file}-v{VERSION}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    records, _vocabulary = synthetic_catalogue(size)
    for record in records:
        record.id = None
    for number, start in enumerate(range(0, size, per_file), start=1):
        with open(directory / f"part-{number:03d}.ctdl.json", "w", encoding="utf-8") as out:
            json.dump(ctdl_document(records[start : start + per_file]), out, ensure_ascii=False, indent=2)
    (directory / "done").write_text("ok\n", encoding="ascii")


# --- stores -------------------------------------------------------------------------------------


@contextmanager
def fresh_store(backend: str, work: Path) -> Iterator[str]:
    """The URL of an empty store: a new SQLite file, or a new PostgreSQL schema (dropped after)."""
    if backend == "sqlite":
        path = work / f"store-{secrets.token_hex(4)}.sqlite3"
        try:
            yield f"sqlite:///{path}"
        finally:
            for leftover in work.glob(path.name + "*"):
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        return
    import psycopg

    schema = f"bench_import_{secrets.token_hex(4)}"
    conninfo = POSTGRES.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=2):
            return True
    except Exception:
        return False


def index_directory(url: str) -> Path:
    from bot.search.cache import IndexCache

    cache = IndexCache.for_url(url)
    assert cache is not None
    return cache.directory


# --- runs ---------------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


def credbot(url: str, arguments: Sequence[str], *, code: Path = ROOT, stdin: str = "") -> Run:
    """One `credbot --db URL …` in a fresh process: wall time, CPU time, peak RSS."""
    env = dict(os.environ, LANG="en_CA.UTF-8", CREDBOT_LOCALE="en", PYTHONPATH=str(code))
    command = [sys.executable, "-m", "bot", "--db", url, *arguments]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        inp.write(stdin.encode())
        inp.seek(0)
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=inp, stdout=out, stderr=err, cwd=code, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed: {err.read().decode()[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def search_latencies(
    url: str, queries: Sequence[str], repeat: int, *, code: Path = ROOT
) -> tuple[list[list[float]], float]:
    """Each query's round trips (ms), `repeat` passes over the queries through one `credbot search
    - --json` whose stdin is a terminal (answers flushed line by line), after one warm-up query;
    the process's peak RSS."""
    env = dict(os.environ, LANG="en_CA.UTF-8", CREDBOT_LOCALE="en", PYTHONPATH=str(code))
    master, slave = pty.openpty()
    attributes = termios.tcgetattr(slave)
    attributes[3] &= ~termios.ECHO  # the queries are not echoed back on the terminal
    termios.tcsetattr(slave, termios.TCSANOW, attributes)
    command = [sys.executable, "-m", "bot", "--db", url, "search", "-", "--json"]
    process = subprocess.Popen(command, stdin=slave, stdout=subprocess.PIPE, cwd=code, env=env)
    os.close(slave)
    assert process.stdout is not None
    samples: list[list[float]] = [[] for _ in queries]
    for number, query in [(-1, "comptabilité"), *enumerate(queries * repeat)]:
        start = time.perf_counter()
        os.write(master, (query + "\n").encode())
        line = process.stdout.readline()
        if number >= 0:
            samples[number % len(queries)].append((time.perf_counter() - start) * 1000)
        assert json.loads(line)["query"] == query, line[:200]
    os.write(master, b"\x04")  # end of input
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    os.close(master)
    return samples, usage.ru_maxrss / 1024


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def baseline_code(revision: str, work: Path) -> Path:
    """The tree of `revision` (git archive of `bot`, and of `catalogue_data` where it has one:
    the vocabularies every store loads), to run its `python -m bot`."""
    target = work / f"baseline-{revision[:12]}"
    if not (target / "bot").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        paths = ["bot", "catalogue_data"]
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-tree", "--name-only", revision, *paths],
            capture_output=True,
            text=True,
        ).stdout.split()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, *[p for p in paths if p in listed]],
            check=True,
            capture_output=True,
        ).stdout
        with tempfile.TemporaryFile() as file:
            file.write(archive)
            file.seek(0)
            with tarfile.open(fileobj=file) as tar:
                tar.extractall(target, filter="data")
    return target


def seconds(runs: Sequence[float]) -> str:
    return f"{statistics.median(runs):.2f} s (runs: {', '.join(f'{r:.2f}' for r in runs)})"


def measure(backend: str, files: Sequence[Path], args: argparse.Namespace, work: Path) -> None:
    from benchmarks.synthetic import synthetic_queries

    names = [str(path) for path in files]
    queries = [q.replace("\n", " ") for q in synthetic_queries(args.queries)]
    imports: list[Run] = []
    reimports: list[Run] = []
    ready: list[Run] = []
    latencies: list[float] = []  # per query, the median of its `--repeat` round trips
    every: list[float] = []
    serving: list[float] = []
    index_mb = 0.0
    for number in range(1, args.runs + 1):
        with fresh_store(backend, work) as url:
            before = load()
            imports.append(credbot(url, ["import", "--no-progress", *names]))
            reimports.append(credbot(url, ["import", "--no-progress", *names]))
            shutil.rmtree(index_directory(url), ignore_errors=True)
            ready.append(credbot(url, ["search", "-", "--json"], stdin="comptabilité\n"))
            index_mb = sum(p.stat().st_size for p in index_directory(url).iterdir()) / 1e6
            samples, peak = search_latencies(url, queries, args.repeat)
            medians = [statistics.median(s) for s in samples]
            latencies.extend(medians)
            every.extend(value for s in samples for value in s)
            serving.append(peak)
            print(
                f"  run {number}: import {imports[-1].wall:.2f} s (CPU {imports[-1].cpu:.2f} s), "
                f"re-import {reimports[-1].wall:.2f} s, index ready {ready[-1].wall:.2f} s, "
                f"search p95 {percentile(medians, 0.95):.2f} ms ({before}, after {load()})",
                flush=True,
            )
    baseline: list[Run] = []
    baseline_ready: list[Run] = []
    baseline_latencies: list[float] = []
    if args.baseline_runs:
        code = baseline_code(args.baseline, work)
        for _ in range(args.baseline_runs):
            with fresh_store(backend, work) as url:
                baseline.append(credbot(url, ["import", *names], code=code))
                if args.baseline_all:
                    shutil.rmtree(index_directory(url), ignore_errors=True)
                    baseline_ready.append(
                        credbot(url, ["search", "-", "--json"], code=code, stdin="comptabilité\n")
                    )
                    samples, _peak = search_latencies(url, queries, args.repeat, code=code)
                    baseline_latencies.extend(statistics.median(s) for s in samples)
        print(f"  baseline runs done ({load()})", flush=True)
    median = statistics.median(r.wall for r in imports)
    print(f"{backend}, {args.size:,} credentials in {len(files)} file(s):")
    line = f"  import       {seconds([r.wall for r in imports])}, CPU {statistics.median(r.cpu for r in imports):.2f} s"
    if baseline:
        old = statistics.median(r.wall for r in baseline)
        line += (
            f"; baseline {args.baseline[:7]} {seconds([r.wall for r in baseline])}, CPU "
            f"{statistics.median(r.cpu for r in baseline):.2f} s: {old / median:.2f}x faster"
        )
    print(line)
    goal = GOALS[backend] * args.size / 100_000
    print(
        f"               goal ≤ {goal:.0f} s; peak RSS {statistics.median(r.peak_mb for r in imports):.0f} MB"
    )
    print(f"  re-import    {seconds([r.wall for r in reimports])} (every record unchanged)")
    print(
        f"  index ready  {seconds([r.wall for r in ready])}, CPU {statistics.median(r.cpu for r in ready):.2f} s, "
        f"after the import (one-query search, no saved "
        f"index: start-up, build, save); peak RSS {statistics.median(r.peak_mb for r in ready):.0f} MB; "
        f"saved index {index_mb:.1f} MB"
    )
    print(
        f"  search       p50 {percentile(latencies, 0.5):.2f} ms, p95 {percentile(latencies, 0.95):.2f} ms "
        f"(goal ≤ 10 ms), p99 {percentile(latencies, 0.99):.2f} ms: {len(queries)} queries through "
        f"`credbot search -`, each the median of {args.repeat} round trips, over {args.runs} runs; "
        f"p95 over every round trip {percentile(every, 0.95):.2f} ms; serving peak RSS "
        f"{statistics.median(serving):.0f} MB"
    )
    if baseline_ready:
        old_ready = statistics.median(r.wall for r in baseline_ready)
        new_ready = statistics.median(r.wall for r in ready)
        print(
            f"  baseline {args.baseline[:7]}, same run: index ready {seconds([r.wall for r in baseline_ready])}, "
            f"CPU {statistics.median(r.cpu for r in baseline_ready):.2f} s: {old_ready / new_ready:.2f}x; search p50 {percentile(baseline_latencies, 0.5):.2f} ms, "
            f"p95 {percentile(baseline_latencies, 0.95):.2f} ms: "
            f"{percentile(baseline_latencies, 0.95) / percentile(latencies, 0.95):.2f}x"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_speed")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--per-file", type=int, default=100_000, help="credentials per CTDL file")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3, help="round trips per query")
    parser.add_argument("--baseline", default=BASELINE, help="the commit whose import is the baseline")
    parser.add_argument("--baseline-runs", type=int, default=1, help="0: no baseline")
    parser.add_argument(
        "--baseline-all",
        action="store_true",
        help="the baseline's index ready and search too, not only its import",
    )
    parser.add_argument("--write-files", type=int, metavar="SIZE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_files:
        write_files(args.write_files, args.per_file)
        return
    files = catalogue_files(args.size, args.per_file)
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    print(
        f"== import: credbot import of {args.size:,} synthetic credentials ({megabytes:,.0f} MB of CTDL), "
        f"{args.runs} runs, {os.cpu_count()} cores, {load()} =="
    )
    print(f"  this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        work = Path(tmp)
        os.environ["CREDBOT_HOME"] = str(work / "home")  # PostgreSQL stores' saved indexes
        for backend in args.backends.split(","):
            if backend == "postgresql" and not postgres_reachable():
                print(f"postgresql: skipped, {POSTGRES} does not answer")
                continue
            measure(backend, files, args, work)


if __name__ == "__main__":
    main()
