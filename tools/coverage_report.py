#!/usr/bin/env python3
"""Line coverage of shim/ from a `coverage` preset run (clang source-based coverage).

    cmake --preset coverage && cmake --build --preset coverage && ctest --preset coverage
    python3 tools/coverage_report.py [--build build/coverage] [--min 95]

Merges the .profraw files ctest left in <build>/profiles (LLVM_PROFILE_FILE in the test
preset) with llvm-profdata, reports every instrumented binary of the build (the library,
the unit and ABI tests, the fuzz corpus replays, the CLI) with llvm-cov, restricted to the
files of shim/, writes the table to <build>/coverage.txt, and exits 1 when the total line
coverage is below --min percent.
"""
import argparse
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def tool(name):
    for candidate in (f"{name}-14", name):
        path = shutil.which(candidate)
        if path:
            return path
    sys.exit(f"coverage_report: {name} not found (Debian package llvm-14; run tools/setup)")


def instrumented_binaries(build):
    found = []
    for path in sorted(build.rglob("*")):
        if not path.is_file() or path.is_symlink() or "CMakeFiles" in path.parts:
            continue
        if not (path.suffix == ".so" or ".so." in path.name or path.stat().st_mode & 0o111):
            continue
        with open(path, "rb") as f:
            head = f.read(4)
            if head != b"\x7fELF":
                continue
            if b"__llvm_covmap" not in f.read():
                continue
        found.append(path)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=str(ROOT / "build" / "coverage"))
    parser.add_argument("--min", type=float, default=95.0)
    args = parser.parse_args()
    build = pathlib.Path(args.build).resolve()

    profiles = sorted((build / "profiles").glob("*.profraw"))
    if not profiles:
        sys.exit(f"coverage_report: no profiles in {build / 'profiles'}: run ctest --preset coverage first")
    profdata = build / "coverage.profdata"
    subprocess.run([tool("llvm-profdata"), "merge", "-sparse", "-o", str(profdata)] + [str(p) for p in profiles],
                   check=True)

    binaries = instrumented_binaries(build)
    if not binaries:
        sys.exit("coverage_report: no instrumented binaries found")
    objects = [str(binaries[0])]
    for b in binaries[1:]:
        objects += ["-object", str(b)]
    shim = ROOT / "shim"
    sources = sorted(str(p) for p in shim.rglob("*") if p.suffix in (".cpp", ".hpp", ".h")
                     and "com" not in p.relative_to(shim).parts[:-1])   # shim/com is Windows only
    report = subprocess.run([tool("llvm-cov"), "report", f"-instr-profile={profdata}"] + objects + sources,
                            check=True, capture_output=True, text=True).stdout
    text = (f"Line coverage of shim/ ({len(profiles)} profiles, {len(binaries)} binaries: "
            + ", ".join(b.name for b in binaries) + ")\n\n" + report)
    (build / "coverage.txt").write_text(text)
    print(text)

    total = [line for line in report.splitlines() if line.startswith("TOTAL")]
    if not total:
        sys.exit("coverage_report: no TOTAL line in llvm-cov's report")
    # TOTAL  regions missed cover%  functions missed exec%  lines missed cover%  branches ...
    percents = re.findall(r"([0-9.]+)%", total[0])
    line_cover = float(percents[2])
    verdict = "ok" if line_cover >= args.min else "BELOW THE FLOOR"
    print(f"coverage_report: shim/ line coverage {line_cover:.2f}% (floor {args.min:g}%): {verdict}")
    return 0 if line_cover >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
