"""Benchmarks of the engine, the corpus run, start-up and the book build (issues 9 and 16).

Usage::

    .venv/bin/python benchmarks/run.py            # full run (about 15-25 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # smoke run: fewer repetitions, no ×100, no book
    .venv/bin/python benchmarks/run.py --baseline REV   # also measure commit REV in the same run (before/after)

The full run prints the tables and writes ``benchmarks/RESULTS.md`` (the quick run writes
``benchmarks/out/RESULTS-quick.md`` so that it never replaces the full results). Raw figures of every
run go to ``benchmarks/out/results.json``. Generated inputs and outputs live in ``benchmarks/out/``
(git-ignored).

Every measured command runs in its own process. Wall time is taken around the process; CPU time and
peak resident memory come from ``os.wait4`` (the kernel's rusage of the child and of every descendant
it waited for, the same figures as ``getrusage(RUSAGE_CHILDREN)`` or ``/usr/bin/time -v``). For a
corpus run, which forks worker processes, the summed memory of the whole process tree is also sampled
from ``/proc`` every 0.1 s. Each figure is the median of the runs made; the number of runs is shown
beside it.

With ``--baseline REV`` the package, data and book of commit ``REV`` (extracted with ``git archive`` into
``benchmarks/out/baseline/REV``) are measured in the same run, alternating with the working tree, on the
×100 input, the corpus and the book: a before/after comparison that the machine's load affects alike.
"""
from __future__ import annotations

import argparse
import cProfile  # noqa: F401  (imported so that a missing module fails early, not mid-run)
import datetime as dt
import json
import math
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
RESULTS = BENCH_DIR / "RESULTS.md"
PY = sys.executable
JUPYTER_BOOK = str(Path(sys.executable).with_name("jupyter-book"))

sys.path.insert(0, str(BENCH_DIR))
import corpus as synth  # noqa: E402

#: The targets of issue 16 (first) and those of issue 9 that stand, as (key, description, limit, unit).
TARGETS = [
    ("engine_x100_ratio", "`analyse` ×100 `--no-figures` within 2× bare `jieba.lcut`", 2.0, "×"),
    ("engine_x100_fig_ratio", "`analyse` ×100 with figures within 2.5× bare `jieba.lcut`", 2.5, "×"),
    ("corpus_ratio", "Corpus (142 reports): CPU within 2× bare `jieba.lcut`'s CPU", 2.0, "×"),
    ("engine_x100_rss", "Peak memory on ×100", 400.0, "MiB"),
    ("book_cold_change", "Cold book build, against the baseline (not slower)", 1.05, "×"),
    ("book_edit_change", "Rebuild after a one-chapter edit, against the baseline (not slower)", 1.05, "×"),
    ("load_warm", "Tokenizer load, warm", 0.5, "s"),
    ("corpus_rss", "Peak memory on the corpus (process tree, PSS)", 500.0, "MiB"),
    ("growth", "Linear growth of analyse (exponent ×10 → ×100, start-up excluded)", 1.10, ""),
    ("growth_stages", "Linear growth of every stage (worst exponent ×10 → ×100)", 1.10, ""),
    ("book_cold", "Cold book build", 60.0, "s"),
    ("book_noop", "No-change rebuild", 5.0, "s"),
    ("book_edit", "Rebuild after a one-chapter prose edit", 15.0, "s"),
]
#: The standing goal of both issues: ``analyse`` within 1.5× bare ``jieba.lcut`` (shown beside the targets).
GOAL = 1.5
#: The 142 real reports (the same files as ``../shared/corpus``).
CORPUS_DIR = PROJECT_ROOT / "data" / "corpus"

#: Errors of benchmarks that failed part-way (name -> message), reported in the results.
ERRORS: dict[str, str] = {}

SUGGESTIONS_START = "<!-- suggestions:start (kept when run.py rewrites this file) -->"
SUGGESTIONS_END = "<!-- suggestions:end -->"


# --- running and measuring one process ----------------------------------------------------------------

@dataclass
class Run:
    """One measured process."""

    wall: float
    cpu: float  # user + system seconds of the process and its waited-for descendants
    maxrss_mib: float  # largest resident set of any single process of the tree
    tree_rss_mib: float | None  # sampled peak of the summed RSS of the process tree (if sampled)
    tree_pss_mib: float | None  # sampled peak of the summed PSS (shared pages split) of the tree
    rc: int
    stdout: str = field(repr=False, default="")
    stderr: str = field(repr=False, default="")


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; PSS shares each shared page among the processes using it."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except OSError:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                rss = pss = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return rss, pss


def _tree_memory(pid: int) -> tuple[int, int]:
    """Summed (RSS, PSS) in bytes of ``pid`` and its descendants. The RSS sum counts pages shared
    between processes (e.g. after fork) once per process; the PSS sum counts them once in all."""
    kids = _children_map()
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        r, q = _memory(p)
        rss, pss = rss + r, pss + q
        todo.extend(kids.get(p, []))
    return rss, pss


def measure(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path = PROJECT_ROOT,
            sample_tree: bool = False, check: bool = True, timeout: float | None = None) -> Run:
    """Run ``cmd`` in a new process and measure it (see the module docstring)."""
    full_env = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        killer = threading.Timer(timeout, lambda: os.killpg(proc.pid, 9)) if timeout else None
        if killer:
            killer.start()
        peak = [0, 0]
        done = threading.Event()
        sampler = None
        if sample_tree:
            def sample() -> None:
                while not done.is_set():
                    rss, pss = _tree_memory(proc.pid)
                    peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
                    done.wait(0.1)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        if killer:
            killer.cancel()
        done.set()
        if sampler:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        run = Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, maxrss_mib=usage.ru_maxrss / 1024,
                  tree_rss_mib=peak[0] / 2**20 if sample_tree else None,
                  tree_pss_mib=peak[1] / 2**20 if sample_tree else None, rc=proc.returncode,
                  stdout=out.read().decode("utf-8", "replace"), stderr=err.read().decode("utf-8", "replace"))
    if check and run.rc != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {run.rc}:\n{run.stderr[-2000:]}")
    return run


def median(xs: list[float]) -> float:
    """The median (nan for no values)."""
    return statistics.median(xs) if xs else math.nan


class Budget:
    """Repetitions for one benchmark: ``reps`` runs, but no new run once ``seconds`` have been spent
    (at least ``minimum`` runs)."""

    def __init__(self, reps: int, seconds: float, minimum: int = 1) -> None:
        self.reps, self.seconds, self.minimum = reps, seconds, minimum
        self.t0 = time.perf_counter()

    def __iter__(self):
        for i in range(self.reps):
            if i >= self.minimum and time.perf_counter() - self.t0 > self.seconds:
                return
            yield i


def _env_engine(root: Path | None = None) -> dict[str, str]:
    """The environment of a measured ``analyse``: the working tree's package, or (``root``) a baseline's.

    A baseline's ``analyse`` must also run with its tree as the working folder (:func:`_cwd`): ``python -m``
    puts the working folder before ``PYTHONPATH``, so from the project it would import the working tree."""
    env = {"MPLBACKEND": "Agg", "MPLCONFIGDIR": str(PROJECT_ROOT / ".cache" / "matplotlib")}
    if root is not None:
        env["PYTHONPATH"] = str(root)
    return env


def _cwd(root: Path | None = None) -> Path:
    """The working folder of a measured ``analyse`` (see :func:`_env_engine`)."""
    return root if root is not None else PROJECT_ROOT


def prepare_baseline(rev: str) -> Path:
    """Extract commit ``rev`` (package, data, book) into ``benchmarks/out/baseline/REV`` and warm its caches."""
    sha = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", rev], capture_output=True,
                         text=True, check=True).stdout.strip()
    root = OUT_DIR / "baseline" / sha
    if not (root / "govreport" / "__init__.py").is_file():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(PROJECT_ROOT), "archive", sha], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    return root


def _warm(root: Path | None, src: Path) -> None:
    """One untimed ``analyse`` (fills the variant's caches: jieba's dictionary, the IDF table)."""
    out = OUT_DIR / "runs" / "warm"
    shutil.rmtree(out, ignore_errors=True)
    measure(_analyse_cmd(src, out, "--no-figures"), env=_env_engine(root), cwd=_cwd(root), check=False)


def _analyse_cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [PY, "-m", "govreport", "analyse", str(src), "--out", str(out), "-q", *extra]


def _chars(path: Path) -> int:
    if path.is_dir():
        return sum(len(f.read_bytes().decode("utf-8")) for f in sorted(path.glob("*.txt")))
    return len(path.read_bytes().decode("utf-8"))


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- machine -------------------------------------------------------------------------------------------

_WATCHED = ("govreport", "data", "chapters", "_toc.yml", "_config.yml", "_ext", "intro.md")


def _changed_files(start: str, end: str) -> list[str]:
    """Files of the package, data or book that differ between two commit states."""
    a, b = start.split("+")[0], end.split("+")[0]
    git = ["git", "-C", str(PROJECT_ROOT)]
    names = subprocess.run([*git, "diff", "--name-only", a, b, "--", *_WATCHED], capture_output=True,
                           text=True).stdout.split()
    if end.endswith("+changes"):
        names += [ln[3:] for ln in subprocess.run([*git, "status", "--porcelain", "--", *_WATCHED], capture_output=True,
                                                  text=True).stdout.splitlines()]
    return sorted(set(names))


def _commit_state() -> str:
    """The commit checked out, with ``+changes`` when the package, data or book files differ from it."""
    git = ["git", "-C", str(PROJECT_ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--", *_WATCHED], capture_output=True, text=True).stdout.strip()
    return f"{head}+changes" if dirty else head


def machine() -> dict[str, Any]:
    """CPU, cores, memory, Python and library versions, date and load."""
    from importlib import metadata

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    commit = _commit_state()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "jieba": version("jieba"),
        "pandas": version("pandas"),
        "matplotlib": version("matplotlib"),
        "jupyter-book": version("jupyter-book"),
        "commit": commit,
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --- benchmarks ----------------------------------------------------------------------------------------

def bench_startup(quick: bool) -> dict[str, Any]:
    """Interpreter start, package import, tokenizer load cold (empty jieba cache) and warm."""
    reps = 2 if quick else 5
    res: dict[str, Any] = {}
    res["python"] = [measure([PY, "-c", "pass"]).wall for _ in range(reps)]
    res["import"] = [measure([PY, "-c", "import govreport"]).wall for _ in range(reps)]
    load = ("import time, json; t0 = time.perf_counter(); import govreport.tokens as t; t1 = time.perf_counter(); "
            "t.Segmenter.load(); t2 = time.perf_counter(); "
            "print(json.dumps({'import': t1 - t0, 'load': t2 - t1}))")
    with tempfile.TemporaryDirectory(prefix="govreport-bench-cache-") as warm_dir:
        cold, cold_proc = [], []
        for _ in range(max(1, reps - 2)):
            with tempfile.TemporaryDirectory(prefix="govreport-bench-cold-") as cold_dir:
                r = measure([PY, "-c", load], env={"GOVREPORT_CACHE_DIR": cold_dir})
                cold.append(json.loads(r.stdout)["load"])
                cold_proc.append(r.wall)
        measure([PY, "-c", load], env={"GOVREPORT_CACHE_DIR": warm_dir})  # fills the cache
        warm, warm_proc = [], []
        for _ in range(reps):
            r = measure([PY, "-c", load], env={"GOVREPORT_CACHE_DIR": warm_dir})
            warm.append(json.loads(r.stdout)["load"])
            warm_proc.append(r.wall)
    res.update(load_cold=cold, load_cold_process=cold_proc, load_warm=warm, load_warm_process=warm_proc)
    return res


def bench_engine(inputs: dict[str, Path], quick: bool, baseline: Path | None = None) -> list[dict[str, Any]]:
    """``analyse FILE`` against bare ``jieba.lcut`` of the same file, alternating, per input size; on ×100 also
    the baseline's ``analyse`` (``baseline``: its extracted tree), in the same rotation."""
    plan = [("seed", "seed", False, 2 if quick else 5, 60), ("seed", "seed (with figures)", True, 1 if quick else 3, 90),
            ("x10", "×10", False, 1 if quick else 3, 120)]
    if not quick and "x100" in inputs:
        plan += [("x100", "×100", False, 3, 300), ("x100", "×100 (with figures)", True, 3, 400)]
    rows = []
    for key, name, figures, reps, seconds in plan:
        src = inputs[key]
        out = OUT_DIR / "runs" / f"engine-{key}{'-fig' if figures else ''}"
        flag = "--figures" if figures else "--no-figures"
        ours: list[Run] = []
        base: list[Run] = []
        bare: list[Run] = []
        bare_json: list[dict[str, float]] = []
        try:
            for _ in Budget(reps, seconds):
                shutil.rmtree(out, ignore_errors=True)
                _log(f"engine {name}: analyse")
                ours.append(measure(_analyse_cmd(src, out, flag), env=_env_engine(), timeout=900))
                if baseline is not None and key == "x100":
                    shutil.rmtree(out, ignore_errors=True)
                    _log(f"engine {name}: baseline analyse")
                    base.append(measure(_analyse_cmd(src, out, flag), env=_env_engine(baseline),
                                        cwd=_cwd(baseline), timeout=900))
                _log(f"engine {name}: bare jieba")
                r = measure([PY, str(BENCH_DIR / "bare_jieba.py"), str(src)])
                bare.append(r)
                bare_json.append(json.loads(r.stdout))
        except Exception as exc:  # keep the other inputs' rows
            ERRORS[f"engine {name}"] = f"{type(exc).__name__}: {exc}"[-1500:]
            _log(f"engine {name} failed")
            continue
        rows.append(_engine_row(name, src, ours, bare, bare_json, figures=figures, base=base))
    return rows


def _engine_row(name: str, src: Path, ours: list[Run], bare: list[Run], bare_json: list[dict[str, float]], *,
                figures: bool, base: list[Run] | None = None) -> dict[str, Any]:
    chars = _chars(src)
    wall = median([r.wall for r in ours])
    cpu = median([r.cpu for r in ours])

    def cpu_each(runs: list[Run]) -> list[float]:
        """The CPU ratio of each run to the bare run next to it."""
        return [r.cpu / j.get("lcut_cpu_s", j["lcut_s"]) for r, j in zip(runs, bare_json)]

    row: dict[str, Any] = {
        "input": name, "chars": chars, "runs": len(ours), "figures": figures,
        "wall": wall, "wall_all": [r.wall for r in ours], "cpu": cpu,
        "chars_per_s": chars / wall, "rss": median([r.maxrss_mib for r in ours]),
        "tree_rss": median([r.tree_rss_mib for r in ours if r.tree_rss_mib is not None]) if any(
            r.tree_rss_mib is not None for r in ours) else None,
        "tree_pss": median([r.tree_pss_mib for r in ours if r.tree_pss_mib is not None]) if any(
            r.tree_pss_mib is not None for r in ours) else None,
    }
    if bare:
        lcut = median([j["lcut_s"] for j in bare_json])
        lcut_cpu = median([j.get("lcut_cpu_s", j["lcut_s"]) for j in bare_json])
        nohmm = median([j["lcut_nohmm_s"] for j in bare_json])
        proc = median([r.wall - j["lcut_nohmm_s"] for r, j in zip(bare, bare_json)])
        row.update({
            "bare_runs": len(bare), "bare_lcut": lcut, "bare_lcut_cpu": lcut_cpu, "bare_lcut_nohmm": nohmm,
            "bare_process": proc, "bare_load": median([j["load_s"] for j in bare_json]),
            "bare_cpu": median([r.cpu for r in bare]), "bare_rss": median([r.maxrss_mib for r in bare]),
            "ratio_lcut": wall / lcut, "ratio_process": wall / proc, "ratio_nohmm": wall / nohmm,
            "ratio_cpu": cpu / lcut_cpu, "bare_chars_per_s": chars / lcut,
            # the ratio of each run to the bare run next to it (the spread shows how noisy the machine was)
            "ratio_each": [o.wall / j["lcut_s"] for o, j in zip(ours, bare_json)],
            "ratio_cpu_each": cpu_each(ours),
        })
    if base:
        bwall, bcpu = median([r.wall for r in base]), median([r.cpu for r in base])
        row.update({"base_runs": len(base), "base_wall": bwall, "base_cpu": bcpu,
                    "base_rss": median([r.maxrss_mib for r in base]),
                    "base_tree_pss": median([r.tree_pss_mib for r in base if r.tree_pss_mib is not None])
                    if any(r.tree_pss_mib is not None for r in base) else None})
        if bare:
            row.update({"base_ratio_lcut": bwall / row["bare_lcut"], "base_ratio_cpu": bcpu / row["bare_lcut_cpu"],
                        "base_ratio_cpu_each": cpu_each(base)})
    return row


def bench_corpus(quick: bool, baseline: Path | None = None) -> dict[str, Any]:
    """``analyse DIR`` of the 142 reports (default jobs: one per core) against bare ``jieba.lcut`` of the same
    files, CPU time against CPU time; and the baseline's ``analyse`` in the same rotation."""
    src = CORPUS_DIR
    out = OUT_DIR / "runs" / "corpus"
    ours: list[Run] = []
    base: list[Run] = []
    bare: list[Run] = []
    bare_json: list[dict[str, float]] = []
    for _ in Budget(1 if quick else 5, 600):  # five: the machine's speed drifts over minutes
        shutil.rmtree(out, ignore_errors=True)
        _log("corpus: analyse")
        ours.append(measure(_analyse_cmd(src, out), env=_env_engine(), sample_tree=True, timeout=900))
        if baseline is not None:
            shutil.rmtree(out, ignore_errors=True)
            _log("corpus: baseline analyse")
            base.append(measure(_analyse_cmd(src, out), env=_env_engine(baseline), cwd=_cwd(baseline),
                                sample_tree=True, timeout=900))
        _log("corpus: bare jieba")
        r = measure([PY, str(BENCH_DIR / "bare_jieba.py"), str(src)])
        bare.append(r)
        bare_json.append(json.loads(r.stdout))
    files = len(list(src.glob("*.txt")))
    row = _engine_row(f"corpus ({files} reports)", src, ours, bare, bare_json, figures=False, base=base)
    row["files"] = files
    row["cpu_per_wall"] = row["cpu"] / row["wall"]
    return row


def _toc_files(toc: Path) -> list[str]:
    import yaml

    data = yaml.safe_load(toc.read_text(encoding="utf-8")) or {}
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("file", "root") and isinstance(v, str):
                    found.append(v)
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    return found


def _prose_line(lines: list[str]) -> int:
    """Index of the first plain prose line of a MyST notebook (outside front matter, cells and fences)."""
    in_front = bool(lines) and lines[0].strip() == "---"
    fence: str | None = None
    for i, line in enumerate(lines):
        s = line.strip()
        if in_front:
            if i > 0 and s == "---":
                in_front = False
            continue
        m = re.match(r"^(`{3,}|~{3,}|:{3,})", s)
        if fence:
            if m and s.startswith(fence) and s.strip(fence[0]) == "":
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if s and re.match(r"[A-Za-z\u4e00-\u9fff]", s) and s[-1] in ".。" and "{" not in s[:2]:
            return i
    raise ValueError("no prose line found")


BOOK_ITEMS = ("intro.md", "_config.yml", "_toc.yml", "_ext", "chapters", "_static", "jupytext.toml",
              "references.bib", "requirements.txt")


def _book_copy(source: Path, baseline: bool) -> dict[str, Any]:
    """A temporary copy of the book of ``source`` (the working tree or a baseline's tree), ready to build."""
    tmp = Path(tempfile.mkdtemp(prefix="govreport-book-"))
    from govreport.catalog import downloaded_files

    for item in (*BOOK_ITEMS, *downloaded_files(root=source)):  # the pages' downloads too (warnings are errors)
        src = source / item
        if src.is_dir():
            shutil.copytree(src, tmp / item, ignore=shutil.ignore_patterns("__pycache__", "*.ipynb",
                                                                            ".ipynb_checkpoints"))
        elif src.is_file():
            (tmp / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, tmp / item)
    # jieba's model cache for Sphinx's search index stays warm, as in the project (.cache is kept)
    jcache = PROJECT_ROOT / ".cache" / "jieba" / "jieba.cache"
    if jcache.is_file():
        (tmp / ".cache" / "jieba").mkdir(parents=True)
        shutil.copy2(jcache, tmp / ".cache" / "jieba" / "jieba.cache")
    files = _toc_files(tmp / "_toc.yml")
    chapters = [f for f in files if f.startswith("chapters/")]
    target = "chapters/01-report-at-a-glance"
    if target not in files:
        target = chapters[0] if chapters else files[0]
    chapter = tmp / (target + ".md")
    original = chapter.read_text(encoding="utf-8")
    lines = original.split("\n")
    env = {"GOVREPORT_OUT_DIR": str(tmp / "_build" / "generated"),
           "MPLCONFIGDIR": str(PROJECT_ROOT / ".cache" / "matplotlib")}
    if baseline:
        env["PYTHONPATH"] = str(source)
    return {"tmp": tmp, "files": files, "chapters": chapters, "target": target, "chapter": chapter,
            "original": original, "lines": lines, "at": _prose_line(lines), "env": env}


def bench_book(reps: int, baseline: Path | None = None) -> dict[str, Any]:
    """Cold build, no-change rebuild and one-chapter prose edit, in a temporary copy of the book; with a
    baseline, the same for its book in a second copy, alternating build by build."""
    res: dict[str, Any] = {"chapters": [], "cold": [], "noop": [], "edit": [], "failures": []}
    copies = {"": _book_copy(PROJECT_ROOT, False)}
    if baseline is not None:
        copies["base_"] = _book_copy(baseline, True)
        res.update({"base_cold": [], "base_noop": [], "base_edit": []})
    try:
        ours = copies[""]
        res["chapters"] = ours["chapters"]
        res["edited"] = f"{ours['target']}.md line {ours['at'] + 1}"
        cmd = [JUPYTER_BOOK, "build", ".", "-W", "-n", "--keep-going", "--builder", "html"]
        scale = len(copies)

        def build(prefix: str, kind: str) -> None:
            c = copies[prefix]
            _log(f"book: {prefix.replace('_', ' ')}{kind} build")
            r = measure(cmd, env=c["env"], cwd=c["tmp"], check=False)
            res[prefix + kind].append(r.wall)
            res.setdefault(f"{prefix}{kind}_rss", []).append(r.maxrss_mib)
            if r.rc != 0:
                tail = [ln for ln in (r.stdout + r.stderr).splitlines() if ln.strip()][-12:]
                res["failures"].append({"kind": prefix + kind, "rc": r.rc, "tail": tail})

        for _ in Budget(reps, 240 * scale):
            for prefix, c in copies.items():
                shutil.rmtree(c["tmp"] / "_build", ignore_errors=True)
                build(prefix, "cold")
        for _ in Budget(reps, 60 * scale):
            for prefix in copies:
                build(prefix, "noop")
        for k in Budget(reps, 120 * scale):
            for prefix, c in copies.items():
                edited = c["lines"].copy()
                edited[c["at"]] = edited[c["at"]] + f"本句为基准测试第{k + 1}次修改。"
                c["chapter"].write_text("\n".join(edited), encoding="utf-8")
                build(prefix, "edit")
                html = c["tmp"] / "_build" / "html" / (c["target"] + ".html")
                res.setdefault(f"{prefix}edit_visible", []).append(
                    html.is_file() and f"本句为基准测试第{k + 1}次修改" in html.read_text(encoding="utf-8"))
        for c in copies.values():
            c["chapter"].write_text(c["original"], encoding="utf-8")
        generated = ours["tmp"] / "_build" / "generated"
        res["generated_files"] = sum(1 for p in generated.rglob("*") if p.is_file()) if generated.is_dir() else 0
    finally:
        for c in copies.values():
            shutil.rmtree(c["tmp"], ignore_errors=True)
    return res


# --- profile ---------------------------------------------------------------------------------------------

_PROFILE_DRIVER = """
import cProfile, sys
prof = cProfile.Profile()
prof.enable()
from govreport.cli import main
rc = main(sys.argv[2:])
prof.disable()
prof.dump_stats(sys.argv[1])
raise SystemExit(rc)
"""


def _short(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return filename
    p = filename.replace(str(PROJECT_ROOT) + "/", "")
    m = re.search(r"site-packages/(.*)", p)
    if m:
        return m.group(1)
    m = re.search(r"lib/python3\.\d+/(.*)", p)
    if m:
        return "stdlib/" + m.group(1)
    return p


def _group(filename: str) -> str:
    s = _short(filename)
    if s.startswith("govreport/"):
        return s[:-3].replace("/", ".")
    if s.startswith("~"):
        return "builtins (C)"
    if s.startswith("<frozen") or s.startswith("stdlib/importlib"):
        return "imports"
    return s.split("/")[0].replace(".py", "") if "/" in s else s


def _profile_summary(prof_file: Path, top: int) -> dict[str, Any]:
    st = pstats.Stats(str(prof_file))
    funcs = []
    for (filename, line, name), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        funcs.append({"function": f"{_short(filename)}:{line} {name}" if not filename.startswith("~") else name,
                      "group": _group(filename), "calls": nc, "self": tt, "cum": ct})
    by_group: dict[str, float] = {}
    for f in funcs:
        by_group[f["group"]] = by_group.get(f["group"], 0.0) + f["self"]
    skip = re.compile(r"(<string>|builtins.exec|^exec$|_find_and_load|_call_with_frames|_load_unlocked|"
                      r"exec_module|_handle_fromlist|^<module>|^main$|cli.py:\d+ main|stages.py:\d+ (main|stage)$|"
                      r"stages.py:\d+ <lambda>|analysis.py:\d+ (cached|<lambda>|table)$)")
    cum = [f for f in sorted(funcs, key=lambda f: -f["cum"]) if not skip.search(f["function"])]
    return {
        "profiled_total": st.total_tt,  # type: ignore[attr-defined]
        "self": sorted(funcs, key=lambda f: -f["self"])[:top],
        "cum": cum[:top],
        "groups": sorted(by_group.items(), key=lambda kv: -kv[1])[:12],
    }


def _rel(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def profile_analyse(src: Path, top: int = 20) -> dict[str, Any]:
    """cProfile of ``analyse FILE --no-figures`` (imports included) in a fresh process; and of
    ``benchmarks/stages.py FILE``, which also runs the stages not yet in ``analyse``."""
    out = OUT_DIR / "runs" / "profile"
    prof_file = OUT_DIR / "analyse_x10.prof"
    shutil.rmtree(out, ignore_errors=True)
    _log(f"profile: analyse {src.name} under cProfile")
    r = measure([PY, "-c", _PROFILE_DRIVER, str(prof_file), "analyse", str(src), "--out", str(out), "-q",
                 "--no-figures"], env=_env_engine())
    res = {"input": _rel(src), "chars": _chars(src), "wall": r.wall, **_profile_summary(prof_file, top)}
    stages_prof = OUT_DIR / "stages_x10.prof"
    _log(f"profile: stages.py {src.name} under cProfile")
    r = measure([PY, str(BENCH_DIR / "stages.py"), str(src), "--profile", str(stages_prof)], env=_env_engine())
    res["stages"] = {"wall": r.wall, **_profile_summary(stages_prof, top)}
    return res


def bench_stages(inputs: dict[str, Path], quick: bool) -> dict[str, Any]:
    """Seconds per stage (``benchmarks/stages.py``) on ×10 and ×100: the median of each stage over up to
    three runs (one with ``--quick``; fewer when a run takes long)."""
    res: dict[str, Any] = {}
    for key in ("x10",) if quick else ("x10", "x100"):
        runs: list[dict[str, Any]] = []
        for _ in Budget(1 if quick else 3, 120):
            _log(f"stages: {key}")
            r = measure([PY, str(BENCH_DIR / "stages.py"), str(inputs[key])], env=_env_engine(), check=False,
                        timeout=600)
            if r.rc != 0:
                res[key] = {"error": "timed out after 600 s" if r.rc == -9 else r.stderr.strip().splitlines()[-1:]}
                break
            runs.append(json.loads(r.stdout))
        if not runs:
            continue
        stages = []
        for i, d in enumerate(runs[0]["stages"]):
            same = [rr["stages"][i] for rr in runs if len(rr["stages"]) > i and rr["stages"][i]["stage"] == d["stage"]]
            secs = [x["seconds"] for x in same if x.get("seconds") is not None]
            cpus = [x["cpu"] for x in same if x.get("cpu") is not None]
            stages.append({**d, "seconds": median(secs) if secs else None, "cpu": median(cpus) if cpus else None,
                           "maxrss_mib": median([x["maxrss_mib"] for x in same])})
        res[key] = {"chars": _chars(inputs[key]), "runs": len(runs), "total_s": median([rr["total_s"] for rr in runs]),
                    "stages": stages}
    return res


# --- report ----------------------------------------------------------------------------------------------

def _fmt(x: float | None, nd: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:,.{nd}f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def growth(engine: list[dict[str, Any]], startup: dict[str, Any] | None = None) -> dict[str, float] | None:
    """Exponent k of time ∝ size^k from ×10 to ×100 (1 is linear; None without both).

    ``k_marginal`` is the exponent after subtracting the fixed start-up (the median whole process of
    ``import govreport.tokens`` + a warm ``Segmenter.load()``), which otherwise hides how the work grows.
    """
    plain = {r["input"]: r for r in engine if not r["figures"]}
    if "×10" not in plain or "×100" not in plain:
        return None
    a, b = plain["×10"], plain["×100"]
    size = math.log(b["chars"] / a["chars"])
    k = math.log(b["wall"] / a["wall"]) / size
    out = {"from": a["input"], "to": b["input"], "k": k}
    if startup and startup.get("load_warm_process"):
        fixed = median(startup["load_warm_process"])
        out["fixed"] = fixed
        if a["wall"] > fixed and b["wall"] > fixed:
            out["k_marginal"] = math.log((b["wall"] - fixed) / (a["wall"] - fixed)) / size
    if "bare_lcut" in a and "bare_lcut" in b:
        out["k_bare"] = math.log(b["bare_lcut"] / a["bare_lcut"]) / math.log(b["chars"] / a["chars"])
    return out


def target_values(res: dict[str, Any]) -> dict[str, float | None]:
    """The figure reached for each target key (None when not measured)."""
    vals: dict[str, float | None] = {k: None for k, *_ in TARGETS}
    book = res.get("book")
    if book:
        for kind in ("cold", "noop", "edit"):
            vals[f"book_{kind}"] = median(book[kind]) if book[kind] else None
        for kind in ("cold", "edit"):
            if book.get(f"base_{kind}") and book[kind]:
                vals[f"book_{kind}_change"] = median(book[kind]) / median(book[f"base_{kind}"])
    eng = {r["input"]: r for r in res.get("engine", [])}
    if "×100" in eng:
        vals["engine_x100_ratio"] = eng["×100"].get("ratio_lcut")
        vals["engine_x100_rss"] = eng["×100"]["rss"]
    if "×100 (with figures)" in eng:
        vals["engine_x100_fig_ratio"] = eng["×100 (with figures)"].get("ratio_lcut")
    c = res.get("corpus")
    if c:
        vals["corpus_ratio"] = c.get("ratio_cpu")
        vals["corpus_rss"] = c.get("tree_pss") or c["rss"]
    g = growth(res.get("engine", []), res.get("startup"))
    if g:
        vals["growth"] = g.get("k_marginal", g["k"])
    worst = _stage_exponents(res.get("stages") or {})
    if worst:
        vals["growth_stages"] = max(worst.values())
    s = res.get("startup")
    if s:
        vals["load_warm"] = median(s["load_warm"])
    return vals


def _stage_exponents(st: dict[str, Any], min_seconds: float = 0.05) -> dict[str, float]:
    """Exponent of time ∝ size^k from ×10 to ×100 for every stage taking ``min_seconds`` or more at ×10."""
    if "stages" not in st.get("x10", {}) or "stages" not in st.get("x100", {}):
        return {}
    a = {d["stage"]: d.get("seconds") for d in st["x10"]["stages"]}
    b = {d["stage"]: d.get("seconds") for d in st["x100"]["stages"]}
    ratio = st["x100"]["chars"] / st["x10"]["chars"]
    return {n: math.log(b[n] / a[n]) / math.log(ratio) for n in a
            if a[n] and b.get(n) and min(a[n], b[n]) >= min_seconds and not n.startswith(("import", "Segmenter.load"))}


def render(res: dict[str, Any], *, quick: bool, suggestions: str) -> str:
    """RESULTS.md as markdown."""
    m = res["machine"]
    lines = ["# Benchmark results", ""]
    lines += [f"Run of {m['date']} ({'quick smoke run' if quick else 'full run'}) with `benchmarks/run.py"
              f"{' --quick' if quick else ''}` at commit `{m['commit']}`; it took "
              f"{res['duration'] / 60:.1f} minutes.",
              "Each figure is the median of the runs shown beside it; every run is a fresh process.",
              *([f"**The working tree changed during the run** (`{m['commit']}` at the start, `{m['commit_end']}` at "
                 f"the end; files changed: {', '.join(f'`{x}`' for x in m.get('changed_files', [])) or 'unknown'}): "
                 "figures measured before and after the change may be mixed."]
                if m.get("commit_end", m["commit"]) != m["commit"] else []),
              "", "## Machine", ""]
    lines += [
        f"- CPU: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable); memory {m['memory']}",
        f"- {m['os']}; Python {m['python']}; jieba {m['jieba']}; pandas {m['pandas']}; "
        f"matplotlib {m['matplotlib']}; jupyter-book {m['jupyter-book']}",
        f"- Load average (1, 5, 15 min) at start {m['load_start']}, at end {m.get('load_end', '?')}. "
        "The machine is shared with other developers, whose builds and tests may run at the same time: "
        "expect some noise, mostly upward.",
        "",
    ]
    # targets
    vals = target_values(res)
    rows = []
    for key, desc, limit, unit in TARGETS:
        v = vals[key]
        if key.startswith("book_") and res.get("book", {}).get("failures") and v is not None:
            kinds = {f["kind"] for f in res["book"]["failures"]}
            verdict = "fail (build error)" if key.split("_")[1] in kinds else ("pass" if v <= limit else "fail")
        else:
            verdict = "not measured" if v is None else ("pass" if v <= limit else "fail")
        nd = 2
        rows.append([desc, f"≤ {limit:g} {unit}".strip(), "–" if v is None else f"{_fmt(v, nd)} {unit}".strip(), verdict])
    lines += ["## Targets (issue 16, then those of issue 9 that stand)", "",
              _table(["target", "limit", "reached", "verdict"], rows), ""]
    eng_by = {r["input"]: r for r in res.get("engine", [])}
    goal = [f"{name} {_fmt(r.get('ratio_lcut'))}×" for name, r in eng_by.items() if name.startswith("×100")]
    if res.get("corpus"):
        goal.append(f"corpus {_fmt(res['corpus'].get('ratio_cpu'))}× (CPU)")
    if goal:
        lines += [f"The standing goal of both issues, {GOAL}× bare `jieba.lcut`: reached " + ", ".join(goal) + ".", ""]
    lines += ["The engine ratios divide the whole `analyse` process (start-up, parsing, every table, writing) by the "
              "bare `jieba.lcut` call alone on the same text (HMM on, jieba's default), the practical lower "
              "bound of the issue, measured in the same run, alternating with ours. The corpus ratio divides "
              "CPU time by CPU time (ours: the whole process tree; bare: the `lcut` calls). The book targets "
              "against the baseline divide the median build time by the baseline's (`--baseline`, measured in "
              "the same run, alternating); 1.05 allows for the machine's noise. The engine table also gives "
              "the ratio to a whole bare process and to `lcut(HMM=False)`, the mode the package's segmenter "
              "uses.", ""]
    lines += _render_before_after(res)

    eng = res.get("engine")
    if eng:
        rows = []
        for r in eng:
            rows.append([
                r["input"], f"{r['chars']:,}", str(r["runs"]), _fmt(r["wall"]), f"{r['chars_per_s']:,.0f}",
                _fmt(r["rss"], 0), _fmt(r.get("bare_lcut")), _fmt(r.get("bare_lcut_nohmm")), _fmt(r.get("bare_process")),
                _fmt(r.get("ratio_lcut")), _fmt(r.get("ratio_process")),
            ])
        lines += ["## Engine: `python -m govreport analyse FILE --out DIR -q --no-figures`", "",
                  _table(["input", "characters", "runs", "ours s", "ours chars/s", "peak RSS MiB",
                          "bare lcut s", "bare lcut HMM off s", "bare process s", "ours / lcut",
                          "ours / bare process"], rows), "",
                  "Ratio of each run to the bare run beside it: " + "; ".join(
                      f"{r['input']} " + ", ".join(f"{x:.2f}" for x in r.get("ratio_each", [])) for r in eng) + ".", ""]
        lines += ["Bare: `benchmarks/bare_jieba.py`, a fresh process with a private `jieba.Tokenizer` loaded from the "
                  "warm cache; *bare lcut* times only the `lcut` call, *bare process* is that process's whole "
                  "wall time (interpreter, import, dictionary load, reading, `lcut`). Ours and bare runs alternate. "
                  "The row *with figures* adds the PNG + SVG figures (`--figures`).", ""]
        g = growth(eng, res.get("startup"))
        if g:
            per = " → ".join(f"{r['chars_per_s']:,.0f}" for r in eng if not r["figures"])
            marginal = (f"; without the fixed start-up of {g['fixed']:.2f} s (import and warm tokenizer load, "
                        f"see Start-up) it grows as size^{g['k_marginal']:.2f}, the figure the growth target uses"
                        if "k_marginal" in g else "")
            lines += [f"**Growth.** The whole `analyse` time grows as size^{g['k']:.2f} from {g['from']} to "
                      f"{g['to']}{marginal} (bare `lcut`: size^{g.get('k_bare', math.nan):.2f}); 1.00 is linear. "
                      f"Throughput (characters per second) by input size: {per}. See Stages for the growth of each "
                      "stage.", ""]
        slow = [r for r in eng if r["runs"] < 3]
        if slow:
            lines += ["Fewer than three runs (time budget reached): " + ", ".join(r["input"] for r in slow) + ".", ""]

    c = res.get("corpus")
    if c:
        rows = [[c["input"], f"{c['chars']:,}", str(c["runs"]), _fmt(c["wall"]), f"{c['chars_per_s']:,.0f}",
                 _fmt(c["cpu"]), _fmt(c["cpu_per_wall"]), _fmt(c["rss"], 0), _fmt(c.get("tree_pss"), 0),
                 _fmt(c.get("tree_rss"), 0),
                 _fmt(c.get("bare_lcut")), _fmt(c.get("bare_lcut_cpu")), _fmt(c.get("ratio_lcut")),
                 _fmt(c.get("ratio_cpu"))]]
        lines += ["## Corpus: `python -m govreport analyse data/corpus --out DIR -q`", "",
                  _table(["input", "characters", "runs", "ours s", "ours chars/s", "ours CPU s", "CPU / wall",
                          "peak RSS MiB (largest process)", "peak PSS MiB (tree)", "peak RSS MiB (tree)", "bare lcut s",
                          "bare lcut CPU s", "ours / lcut (wall)", "ours CPU / lcut CPU"], rows), ""]
        lines += [f"The {c['files']} real reports of `data/corpus/` (the same files as `../shared/corpus/`). Ours runs "
                  f"one worker per core ({m['cores_usable']} here; CPU / wall shows how many were busy); bare "
                  "`lcut` is one process on one core, so *ours CPU / lcut* is the like-for-like cost ratio. Memory: the "
                  "largest single process (rusage), and the sampled peak of the whole tree (parent and workers) as "
                  "PSS, which counts pages shared after `fork` once, and as RSS, which counts them once per "
                  "process. The memory target uses the tree's PSS.", ""]
        if c.get("ratio_cpu_each"):
            each = ", ".join(_fmt(x) for x in c["ratio_cpu_each"])
            lines += [f"CPU ratio of each run to the bare run after it: {each}"
                      + (f"; the baseline's: {', '.join(_fmt(x) for x in c['base_ratio_cpu_each'])}"
                         if c.get("base_ratio_cpu_each") else "")
                      + ". The spread is the machine's: the same code on the same files varies by a fifth or more "
                      "between runs minutes apart.", ""]
        if m["cores_usable"] and m["cores_usable"] > 1 and c["cpu_per_wall"] < 0.75 * m["cores_usable"]:
            lines += [f"CPU / wall is {c['cpu_per_wall']:.2f} on {m['cores_usable']} cores: the workers did not have "
                      "every core to themselves for the whole run (other processes were running), so the wall "
                      "time is pessimistic; *ours CPU / lcut* does not depend on that.", ""]

    st = res.get("stages")
    if st:
        lines += _render_stages(st)

    s = res.get("startup")
    if s:
        rows = [
            ["`python -c pass` (interpreter alone)", str(len(s["python"])), _fmt(median(s["python"]), 3)],
            ["`python -c \"import govreport\"`", str(len(s["import"])), _fmt(median(s["import"]), 3)],
            ["`Segmenter.load()`, cold (empty jieba cache)", str(len(s["load_cold"])), _fmt(median(s["load_cold"]), 3)],
            ["  whole process: import govreport.tokens + load, cold", str(len(s["load_cold_process"])),
             _fmt(median(s["load_cold_process"]), 3)],
            ["`Segmenter.load()`, warm", str(len(s["load_warm"])), _fmt(median(s["load_warm"]), 3)],
            ["  whole process: import govreport.tokens + load, warm", str(len(s["load_warm_process"])),
             _fmt(median(s["load_warm_process"]), 3)],
        ]
        lines += ["## Start-up", "", _table(["what", "runs", "seconds"], rows), "",
                  "Cold: `GOVREPORT_CACHE_DIR` points at a new empty folder, so jieba builds its model cache "
                  "from `dict.txt`; warm: the cache written by an earlier run is reused. The load time is "
                  "measured inside the process around `Segmenter.load()` only.", ""]

    b = res.get("book")
    if b:
        kinds = [(kind, name) for kind, name in (("cold", "cold build (`_build` removed)"),
                                                 ("noop", "no-change rebuild"),
                                                 ("edit", "rebuild after a one-chapter prose edit"))]
        kinds += [(f"base_{kind}", f"{name}, baseline") for kind, name in kinds if b.get(f"base_{kind}")]
        rows = [[kind_name, str(len(b[kind])), _fmt(median(b[kind]), 1), _fmt(median(b.get(f"{kind}_rss", [])), 0),
                 " ".join(f"{x:.1f}" for x in b[kind])]
                for kind, kind_name in kinds]
        lines += ["## Book: `jupyter-book build . -W -n --keep-going --builder html`", "",
                  _table(["build", "runs", "median s", "peak RSS MiB", "all runs s"], rows), ""]
        lines += [f"Chapters in `_toc.yml`: {len(b['chapters'])} ({', '.join(b['chapters']) or 'none'}). "
                  f"Built in a temporary copy of the book (intro, config, TOC, `_ext/`, chapters) with "
                  "`GOVREPORT_OUT_DIR` inside the copy, so the project's `_build` is never touched; the copy "
                  "keeps jieba's model cache warm. The edit appends a sentence to "
                  f"{b.get('edited', '?')} (a different sentence each run); the new sentence was "
                  f"found in the rebuilt HTML page in {sum(b.get('edit_visible', []))} of {len(b['edit'])} runs. "
                  f"The cold build wrote {b.get('generated_files', 0)} generated files (tables, figures).", ""]
        if b["failures"]:
            lines += [f"**The build failed in {len(b['failures'])} run(s)** (exit status non-zero with `-W`); the "
                      "times above are still those of the failed builds. Last lines of the first failure:", "",
                      "```text", *b["failures"][0]["tail"], "```", ""]

    p = res.get("profile")
    if p:
        lines += ["## Profile", "",
                  f"cProfile of `analyse {p['input']} --no-figures` ({p['chars']:,} characters), imports included; "
                  f"{p['profiled_total']:.2f} s profiled ({p['wall']:.2f} s wall under the profiler). "
                  "Raw profile: `benchmarks/out/analyse_x10.prof` (open with `python -m pstats`).", "",
                  "Self time by module or package:", "",
                  _table(["module / package", "self s", "share"],
                         [[g, _fmt(t), f"{t / p['profiled_total']:.0%}"] for g, t in p["groups"]]), "",
                  "Top functions by cumulative time:", "",
                  _table(["function", "calls", "cumulative s", "self s"],
                         [[f"`{f['function']}`", f"{f['calls']:,}", _fmt(f["cum"]), _fmt(f["self"])] for f in p["cum"]]),
                  "", "Top functions by self time:", "",
                  _table(["function", "calls", "self s", "cumulative s"],
                         [[f"`{f['function']}`", f"{f['calls']:,}", _fmt(f["self"]), _fmt(f["cum"])] for f in p["self"]]),
                  ""]
        sp = p.get("stages")
        if sp:
            lines += [f"The same for `benchmarks/stages.py {p['input']}` (every stage of the table above; "
                      f"{sp['profiled_total']:.2f} s profiled). Raw profile: "
                      "`benchmarks/out/stages_x10.prof`.", "",
                      _table(["module / package", "self s", "share"],
                             [[g, _fmt(t), f"{t / sp['profiled_total']:.0%}"] for g, t in sp["groups"]]), "",
                      _table(["function", "calls", "self s", "cumulative s"],
                             [[f"`{f['function']}`", f"{f['calls']:,}", _fmt(f["self"]), _fmt(f["cum"])]
                              for f in sp["self"][:15]]), ""]
    if res.get("errors"):
        lines += ["## Benchmarks that failed", ""]
        for name, err in res["errors"].items():
            lines += [f"- **{name}**:", "", "  ```text", *["  " + ln for ln in err.splitlines()[-15:]], "  ```", ""]
    lines += ["### Hotspots and suggestions", "", SUGGESTIONS_START, suggestions.strip("\n"), SUGGESTIONS_END, ""]
    return "\n".join(lines)


def _render_before_after(res: dict[str, Any]) -> list[str]:
    """The baseline (``--baseline``) and the working tree side by side, measured in the same run."""
    base = res.get("baseline")
    rows = []
    for r in [*res.get("engine", []), *([res["corpus"]] if res.get("corpus") else [])]:
        if not r.get("base_runs"):
            continue
        corpus = r["input"].startswith("corpus")
        what, unit = ("CPU s", "cpu") if corpus else ("s", "wall")
        rows.append([f"{r['input']}: `analyse`, {what}", _fmt(r[f"base_{unit}"]), _fmt(r[unit]),
                     f"{r[unit] / r[f'base_{unit}']:.2f}×"])
        key = "ratio_cpu" if corpus else "ratio_lcut"
        rows.append([f"{r['input']}: ratio to bare `lcut`{' (CPU)' if corpus else ''}", _fmt(r.get(f"base_{key}")),
                     _fmt(r.get(key)), ""])
        mem_b, mem = (r.get("base_tree_pss"), r.get("tree_pss")) if corpus else (r.get("base_rss"), r.get("rss"))
        rows.append([f"{r['input']}: peak {'PSS (tree)' if corpus else 'RSS'} MiB", _fmt(mem_b, 0), _fmt(mem, 0),
                     f"{mem / mem_b:.2f}×" if mem and mem_b else ""])
    b = res.get("book") or {}
    for kind, name in (("cold", "cold book build"), ("noop", "no-change rebuild"), ("edit", "one-chapter rebuild")):
        if b.get(f"base_{kind}") and b.get(kind):
            x, y = median(b[f"base_{kind}"]), median(b[kind])
            rows.append([f"{name}, s", _fmt(x, 1), _fmt(y, 1), f"{y / x:.2f}×"])
    if not rows:
        return []
    return [f"## Before and after: baseline `{base}` and this tree, in the same run", "",
            _table(["what", "baseline", "now", "now / baseline"], rows), "",
            "The baseline is the commit given to `--baseline` (its package, data and book, extracted into "
            "`benchmarks/out/baseline/`), run with the same interpreter and libraries, alternating with this tree "
            "run by run, so that the machine's load falls on both alike.", ""]


def _render_stages(st: dict[str, Any]) -> list[str]:
    keys = [k for k in ("x10", "x100") if k in st]
    exps = _stage_exponents(st)
    ok = {k: {d["stage"]: d for d in st[k].get("stages", [])} for k in keys if "stages" in st[k]}
    names: list[str] = []
    for k in ok:
        names += [n for n in ok[k] if n not in names]
    header = ["stage"]
    for k in keys:
        header += [f"{k.replace('x', '×')} s", f"{k.replace('x', '×')} CPU s", f"{k.replace('x', '×')} rows",
                   f"{k.replace('x', '×')} peak RSS MiB"]
    if len(ok) == 2:
        header.append("exponent ×10 → ×100")
    rows = []
    for n in names:
        row = [n]
        for k in keys:
            d = ok.get(k, {}).get(n)
            if d is None:
                row += ["–", "–", "–", "–"]
            else:
                row += [_fmt(d["seconds"], 3) if d.get("seconds") is not None else d.get("error", "error"),
                        _fmt(d.get("cpu"), 3), f"{d['rows']:,}" if d.get("rows") is not None else "",
                        _fmt(d["maxrss_mib"], 0)]
        if len(ok) == 2:
            k = exps.get(n)
            row.append("" if k is None else f"**{k:.2f}**" if k > 1.1 else f"{k:.2f}")
        rows.append(row)
    totals = ", ".join(f"{k.replace('x', '×')}: {_fmt(st[k].get('total_s'), 1)} s" for k in keys if "total_s" in st[k])
    errors = [f"{k}: {st[k]['error']}" for k in keys if "error" in st[k]]
    n_runs = ", ".join(f"{k.replace('x', '×')}: {st[k].get('runs', 1)}" for k in keys if "stages" in st[k])
    out = [f"## Stages: `benchmarks/stages.py FILE` (median of each stage over the runs: {n_runs})", "",
           _table(header, rows), "",
           "Seconds spent in each stage of one report's analysis, in one process, from one `Document` (the "
           "resources are loaded, then the document reads its tokens, sentences and numbers once, then every "
           "table is computed from it). Whole process (median): "
           f"{totals}. The exponent is that of time ∝ size^k (1 is linear; shown for stages of 0.05 s or more "
           "at both sizes, except the fixed import and dictionary load); one above 1.1, in bold, grows faster than its "
           "input and fails the growth target.", ""]
    if errors:
        out += ["Errors: " + "; ".join(map(str, errors)), ""]
    return out


def _kept_suggestions(path: Path) -> str:
    if not path.is_file():
        return "(none yet)"
    text = path.read_text(encoding="utf-8")
    a, b = text.find(SUGGESTIONS_START), text.find(SUGGESTIONS_END)
    if a < 0 or b < a:
        return "(none yet)"
    return text[a + len(SUGGESTIONS_START):b]


def console(res: dict[str, Any]) -> str:
    """A short plain-text summary for the terminal."""
    vals = target_values(res)
    out = []
    for r in res.get("engine", []):
        out.append(f"engine {r['input']:<20} {r['chars']:>9,} chars  {r['wall']:7.2f} s  {r['chars_per_s']:>9,.0f} ch/s  "
                   f"{r['rss']:5.0f} MiB  bare lcut {_fmt(r.get('bare_lcut')):>6} s  ratio {_fmt(r.get('ratio_lcut'))}")
    c = res.get("corpus")
    if c:
        out.append(f"corpus {c['files']} reports {c['chars']:>9,} chars  {c['wall']:7.2f} s  cpu {c['cpu']:.1f} s  "
                   f"tree PSS {_fmt(c.get('tree_pss'), 0)} MiB  bare lcut cpu {_fmt(c.get('bare_lcut_cpu'))} s  "
                   f"cpu ratio {_fmt(c.get('ratio_cpu'))}")
    s = res.get("startup")
    if s:
        out.append(f"start-up: import {median(s['import']):.3f} s, load cold {median(s['load_cold']):.3f} s, "
                   f"warm {median(s['load_warm']):.3f} s")
    b = res.get("book")
    if b:
        out.append(f"book: cold {_fmt(median(b['cold']), 1)} s, no-change {_fmt(median(b['noop']), 1)} s, "
                   f"edit {_fmt(median(b['edit']), 1)} s" + (f"  ({len(b['failures'])} failed builds)" if b["failures"] else ""))
    out.append("")
    out.append(f"{'target':<58} {'limit':>10} {'reached':>10}  verdict")
    for key, desc, limit, _unit in TARGETS:
        v = vals[key]
        verdict = "not measured" if v is None else ("pass" if v <= limit else "FAIL")
        out.append(f"{desc:<58} {limit:>10g} {_fmt(v):>10}  {verdict}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the summary and write the results file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: fewer repetitions, no ×100, no book")
    ap.add_argument("--baseline", metavar="REV", help="also measure commit REV (×100, corpus, book) in the same run")
    ap.add_argument("--skip", action="append", default=[],
                    choices=("startup", "engine", "corpus", "stages", "profile", "book"), help="leave a benchmark out")
    ap.add_argument("--book-reps", type=int, default=3, metavar="N", help="runs of each book build (default 3)")
    ap.add_argument("--results", type=Path, help="where to write the markdown results "
                    "(default benchmarks/RESULTS.md, or benchmarks/out/RESULTS-quick.md with --quick)")
    ap.add_argument("--render", action="store_true",
                    help="run nothing: rewrite the results file from the last run's benchmarks/out/results.json")
    args = ap.parse_args(argv)
    results_path = args.results or (OUT_DIR / "RESULTS-quick.md" if args.quick else RESULTS)
    if args.render:
        res = json.loads((OUT_DIR / ("results-quick.json" if args.quick else "results.json")).read_text(encoding="utf-8"))
        results_path.write_text(render(res, quick=args.quick, suggestions=_kept_suggestions(
            RESULTS if RESULTS.is_file() else results_path)), encoding="utf-8")
        print(console(res))
        return 0
    t_start = time.perf_counter()
    res: dict[str, Any] = {"machine": machine(), "quick": args.quick}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    _log("generating inputs")
    inputs = synth.write_inputs(OUT_DIR, copies=(10,) if args.quick else (10, 100))
    baseline = None
    if args.baseline:
        baseline = prepare_baseline(args.baseline)
        res["baseline"] = baseline.name
        _log(f"baseline {baseline.name}: warming its caches")
        _warm(baseline, inputs["x10"])
    _warm(None, inputs["x10"])
    sections = [
        ("startup", lambda: bench_startup(args.quick)),
        ("engine", lambda: bench_engine(inputs, args.quick, baseline)),
        ("corpus", lambda: bench_corpus(args.quick, baseline)),
        ("stages", lambda: bench_stages(inputs, args.quick)),
        ("profile", lambda: profile_analyse(inputs["x10"])),
        ("book", lambda: bench_book(args.book_reps, baseline)),
    ]
    res["errors"] = {}
    for name, run in sections:
        if name in args.skip or (name == "book" and args.quick):
            continue
        _log(f"--- {name}")
        try:
            res[name] = run()
        except Exception as exc:  # one broken benchmark must not lose the others
            res["errors"][name] = f"{type(exc).__name__}: {exc}"[-1500:]
            _log(f"{name} failed: {res['errors'][name][:300]}")
    res["errors"].update(ERRORS)
    res["machine"]["commit_end"] = _commit_state()
    if res["machine"]["commit_end"] != res["machine"]["commit"]:
        res["machine"]["changed_files"] = _changed_files(res["machine"]["commit"], res["machine"]["commit_end"])
    res["machine"]["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    res["duration"] = time.perf_counter() - t_start
    (OUT_DIR / ("results-quick.json" if args.quick else "results.json")).write_text(
        json.dumps(res, ensure_ascii=False, indent=1, default=lambda o: asdict(o) if hasattr(o, "__dataclass_fields__")
                   else str(o)) + "\n", encoding="utf-8")
    text = render(res, quick=args.quick, suggestions=_kept_suggestions(RESULTS if RESULTS.is_file() else results_path))
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(text, encoding="utf-8")
    print(console(res))
    print(f"\nwrote {results_path.relative_to(PROJECT_ROOT) if results_path.is_relative_to(PROJECT_ROOT) else results_path}"
          f" in {res['duration'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
