#!/usr/bin/env python3
"""Baseline 3a: Python pathvalidate.sanitize_filename, the sanitising step alone.

    sanitise_python.py CORPUS.json [--smoke] [--preload=profshim_alloc_count.so]

CORPUS.json is written by `profshim_bench --sanitiser-corpus=...`: file-name cases (the alias
or DN mailbox parts of the sample corpus, each with profshim's verdict: unsafe as a Windows
file name or not) and the inputs to time. First the answers are checked: pathvalidate must
change a case (replacement "_") exactly when profshim calls it unsafe, apart from the
differences listed in EXPECTED_DIFFERENCES, which must each still occur (so a stale list
fails too). Then each timed input is sanitised in batches; the per-call time of every batch
is taken, and the median reported. With --preload, the script runs itself again with
PYTHONMALLOC=malloc and the malloc counter LD_PRELOAD'ed, so every Python object is a counted
malloc, and reports mallocs per call.

Prints one JSON object on stdout; exits 1 on any mismatch.
"""
import json
import os
import statistics
import subprocess
import sys
import time

import pathvalidate
from pathvalidate import sanitize_filename

# Where pathvalidate's reserved names differ from profshim's (profshim.h section 5 reserves COM0,
# LPT0, CLOCK$, CONIN$, CONOUT$ too, and judges the stem before the first '.').
EXPECTED_DIFFERENCES = {
    "COM0": "pathvalidate does not reserve COM0",
    "conin$": "pathvalidate does not reserve CONIN$",
    "con.x.y": "pathvalidate reserves con.x but not the stem of con.x.y",
}
UNSAFE = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def sanitise(text):
    return sanitize_filename(text, replacement_text="_")


def verify(corpus):
    failures = []
    seen = set()
    for case in corpus["cases"]:
        text, unsafe = case["text"], case["unsafe"]
        out = sanitise(text)
        if any(c in UNSAFE for c in out):
            failures.append(f"{case['name']}: {text!r} sanitised to {out!r}, still unsafe")
        changed = out != text
        if changed != unsafe:
            if text in EXPECTED_DIFFERENCES:
                seen.add(text)
                continue
            failures.append(f"{case['name']}: {text!r} -> {out!r}: pathvalidate says "
                            f"{'unsafe' if changed else 'safe'}, profshim {'unsafe' if unsafe else 'safe'}")
    for text in EXPECTED_DIFFERENCES:
        if text not in seen:
            failures.append(f"expected difference on {text!r} did not occur (or the case is gone)")
    return failures


def time_per_call(text, batch, batches):
    """CPU time and wall time per call of each batch (CPU time, as for profshim_bench)."""
    for _ in range(batch):   # warm up
        sanitise(text)
    cpu, wall = [], []
    for _ in range(batches):
        start_cpu, start_wall = time.process_time_ns(), time.perf_counter_ns()
        for _ in range(batch):
            sanitise(text)
        cpu.append((time.process_time_ns() - start_cpu) / batch)
        wall.append((time.perf_counter_ns() - start_wall) / batch)
    return cpu, wall


def count_allocations(corpus, calls):
    import ctypes
    counter = ctypes.CDLL(None).profshim_bench_allocations
    counter.restype = ctypes.c_uint64
    result = {}
    for timed in corpus["timed"]:
        text = timed["text"]
        for _ in range(100):
            sanitise(text)
        before = counter()
        for _ in range(calls):
            sanitise(text)
        result[timed["name"]] = (counter() - before) / calls
    return result


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    smoke = "--smoke" in argv
    preload = next((a.split("=", 1)[1] for a in argv if a.startswith("--preload=")), None)
    with open(args[0], encoding="utf-8") as f:
        corpus = json.load(f)

    if "--count-allocations" in argv:
        json.dump(count_allocations(corpus, 200 if smoke else 2000), sys.stdout)
        return 0

    failures = verify(corpus)
    if failures:
        for failure in failures:
            print(f"MISMATCH python pathvalidate: {failure}", file=sys.stderr)
        print(f"sanitise_python: FAILED: {len(failures)} mismatches with profshim; nothing was timed",
              file=sys.stderr)
        return 1
    print(f"verify: pathvalidate.sanitize_filename gives profshim's file-name verdicts on "
          f"{len(corpus['cases'])} cases ({len(EXPECTED_DIFFERENCES)} known differences)", file=sys.stderr)

    allocations = {}
    if preload:
        env = dict(os.environ, PYTHONMALLOC="malloc", LD_PRELOAD=preload)
        done = subprocess.run([sys.executable, __file__, args[0], "--count-allocations"] +
                              (["--smoke"] if smoke else []),
                              env=env, check=True, capture_output=True, text=True)
        allocations = json.loads(done.stdout)

    batch, batches = (200, 3) if smoke else (20000, 15)
    rows = []
    for timed in corpus["timed"]:
        per_call, wall = time_per_call(timed["text"], batch, batches)
        rows.append({
            "name": f"python_pathvalidate/{timed['name']}",
            "input": timed["name"],
            "bytes": len(timed["text"]),
            "ns_median": statistics.median(per_call),
            "wall_ns_median": statistics.median(wall),
            "cv": statistics.pstdev(per_call) / statistics.mean(per_call),
            "repetitions": batches,
            "allocs": allocations.get(timed["name"]),
            "allocs_note": "mallocs, PYTHONMALLOC=malloc" if allocations else None,
        })
    json.dump({
        "runtime": f"Python {sys.version.split()[0]} ({sys.executable})",
        "library": f"pathvalidate {pathvalidate.__version__}",
        "rows": rows,
    }, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
