#!/usr/bin/env python3
"""Checks a profshim wheel, and with --install installs it into a fresh venv and tests it.

Contents (every platform; ctest bindings.python.wheel, and in the Windows builds
bindings.python.wheel.contents): the file name's tag, exactly the expected files, the
native library's machine matching the tag (read here from the ELF / PE header, apart from
setup.py's reading), WHEEL and METADATA, the LICENSE being the repository's, every
RECORD hash.

--install (Linux): `python3 -m venv` in a fresh folder, `pip install --no-index` of the
wheel, then the binding's pytest suite run by the venv's python with
PROFSHIM_TEST_INSTALLED=1 (the tests then use the installed package and the library inside
it: no PROFSHIM_LIBRARY, LD_LIBRARY_PATH or PYTHONPATH, and the working folder is not the
source tree), and `mypy --strict` over tests/typed_client.py against the installed package.
The venv sees the system's site-packages only for pytest (Debian's python3-pytest).
Prints one line per check and "N passed, N failed"; exits 1 on any failure.
"""

import argparse
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import native_library  # noqa: E402  (tools/native_library.py)

_checks = native_library.Checks()
ok, fail, expect = _checks.ok, _checks.fail, _checks.expect


MANYLINUX_X86_64 = "manylinux_2_17_x86_64.manylinux2014_x86_64"

LIBRARY_OF = {MANYLINUX_X86_64: "libprofshim.so.1", "win_amd64": "profshim.dll", "win32": "profshim.dll"}


WHEEL_PLATFORM = {"linux-x64": MANYLINUX_X86_64, "win-x64": "win_amd64", "win-x86": "win32"}

# PEP 599 (manylinux2014 = PEP 600's manylinux_2_17), x86_64: the libraries a library may
# need, and the newest symbol version of each kind it may need from them. The test's own
# copy, apart from setup.py's, which tags the wheel.
MANYLINUX_2_17 = (
    {"libgcc_s.so.1", "libstdc++.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libc.so.6",
     "libnsl.so.1", "libutil.so.1", "libpthread.so.0", "libresolv.so.2"},
    {"GLIBC": (2, 17), "GLIBCXX": (3, 4, 19), "CXXABI": (1, 3, 7), "GCC": (4, 8, 0)})


def machine_platform(data):
    """The wheel platform a native library is for, from its own header."""
    return WHEEL_PLATFORM.get(native_library.runtime_of(data) or "")


def check_manylinux(name, data, objdump):
    """The library meets the manylinux_2_17 policy its tag claims: what objdump -p says it
    needs (NEEDED, and the versions under "Version References")."""
    tmp = tempfile.mkdtemp(prefix="profshim-manylinux-")
    try:
        path = os.path.join(tmp, "lib.so")
        with open(path, "wb") as f:
            f.write(data)
        r = subprocess.run([objdump, "-p", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if r.returncode != 0:
        fail("%s: objdump -p failed: %s" % (name, r.stdout.strip()))
        return
    needed = set(re.findall(r"^\s*NEEDED\s+(\S+)", r.stdout, re.M))
    versions = re.findall(r"^\s+0x[0-9a-f]+ 0x[0-9a-f]+ \d+ ([A-Z]+)_([0-9.]+)$", r.stdout, re.M)
    libraries, limits = MANYLINUX_2_17
    expect(needed and needed <= libraries, "%s: needs only libraries manylinux_2_17 allows (%s)"
           % (name, ", ".join(sorted(needed))))
    too_new = ["%s_%s" % (kind, v) for kind, v in versions
               if kind not in limits or tuple(int(p) for p in v.split(".")) > limits[kind]]
    expect(versions and not too_new, "%s: every symbol version it needs is within manylinux_2_17 "
           "(%s)%s" % (name, ", ".join(sorted({"%s_%s" % kv for kv in versions})),
                       " (too new: %s)" % too_new if too_new else ""))


def check_contents(wheel, version, license_path, objdump=None):
    name = os.path.basename(wheel)
    m = re.fullmatch(r"profshim-([0-9.]+)-py3-none-([\w.]+)\.whl", name)
    if not m:
        fail("%s: not a profshim-<version>-py3-none-<platform>.whl name" % name)
        return
    expect(m.group(1) == version, "%s: version %s (the library's: %s)" % (name, m.group(1), version))
    platform = m.group(2)
    lib = LIBRARY_OF.get(platform)
    if lib is None:
        fail("%s: unknown platform %s" % (name, platform))
        return
    info = "profshim-%s.dist-info" % version
    want = sorted(["profshim/__init__.py", "profshim/_texts.py", "profshim/py.typed", "profshim/" + lib,
                   info + "/LICENSE", info + "/METADATA", info + "/WHEEL",
                   info + "/top_level.txt", info + "/RECORD"])
    with zipfile.ZipFile(wheel) as z:
        files = sorted(n for n in z.namelist() if not n.endswith("/"))
        expect(files == want, "%s holds exactly the %d expected files%s" % (
            name, len(want), "" if files == want else " (missing %s, extra %s)" % (
                sorted(set(want) - set(files)), sorted(set(files) - set(want)))))
        names = set(files)
        if "profshim/" + lib in names:
            data = z.read("profshim/" + lib)
            expect(machine_platform(data) == platform,
                   "%s: profshim/%s is for %s (%d bytes)" % (name, lib, machine_platform(data), len(data)))
            if platform == MANYLINUX_X86_64:
                if objdump:
                    check_manylinux(name, data, objdump)
                else:
                    fail("%s: no objdump to read what profshim/%s needs (Debian: binutils)" % (name, lib))
        if info + "/WHEEL" in names:
            text = z.read(info + "/WHEEL").decode()
            # A compressed tag set (a.b) is one Tag line per platform.
            expect(all("Tag: py3-none-%s\n" % p in text for p in platform.split("."))
                   and "Root-Is-Purelib: false" in text,
                   "%s: WHEEL says Tag py3-none-%s, Root-Is-Purelib false" % (name, platform))
        if info + "/METADATA" in names:
            text = z.read(info + "/METADATA").decode()
            expect("\nVersion: %s\n" % version in text and "\nLicense: MIT\n" in text,
                   "%s: METADATA has Version %s and License MIT" % (name, version))
            expect("\nDescription-Content-Type: text/markdown\n" in text and "KB Q271913" in
                   text.split("\n\n", 1)[-1], "%s: METADATA has the description (README.md)" % name)
            systems = sorted(re.findall(r"^Classifier: Operating System :: (.+)$", text.split("\n\n", 1)[0], re.M))
            system = "Microsoft :: Windows" if platform.startswith("win") else "POSIX :: Linux"
            expect(systems == [system], "%s: METADATA names its one operating system, %s (names %s)" % (
                name, system, systems))
        if info + "/LICENSE" in names:
            with open(license_path, "rb") as f:
                expect(z.read(info + "/LICENSE") == f.read(), "%s: LICENSE is the repository's" % name)
        if info + "/RECORD" in names:
            bad = []
            for line in z.read(info + "/RECORD").decode().splitlines():
                path, digest, _size = line.rsplit(",", 2)
                if path == info + "/RECORD":
                    continue
                algo, _, value = digest.partition("=")
                actual = base64.urlsafe_b64encode(hashlib.new(algo, z.read(path)).digest()).rstrip(b"=")
                if actual.decode() != value:
                    bad.append(path)
            expect(not bad, "%s: every RECORD hash matches%s" % (name, (" (not: %s)" % bad) if bad else ""))


def run(cmd, **kw):
    print("running: " + " ".join(cmd))
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    print(r.stdout.rstrip())
    return r


def install_and_test(args):
    tmp = tempfile.mkdtemp(prefix="profshim-wheel-")
    try:
        venv = os.path.join(tmp, "venv")
        r = run([args.python, "-m", "venv", "--system-site-packages", venv])
        if r.returncode != 0:
            fail("python3 -m venv failed (Debian: python3-venv)")
            return
        py = os.path.join(venv, "bin", "python")
        env = {k: v for k, v in os.environ.items()
               if k not in ("PROFSHIM_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH")}
        env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1", PYTHONDONTWRITEBYTECODE="1")
        r = run([py, "-m", "pip", "install", "--no-index", "--no-deps", args.wheel], env=env, cwd=tmp)
        expect(r.returncode == 0, "pip install --no-index %s into a fresh venv" % os.path.basename(args.wheel))
        if r.returncode != 0:
            return
        where = run([py, "-c", "import profshim; print(profshim.__file__)"], env=env, cwd=tmp)
        expect(where.returncode == 0 and where.stdout.strip().startswith(venv),
               "import profshim finds the venv's copy")

        test_env = dict(env, PROFSHIM_TEST_INSTALLED="1", PROFSHIM_HEADER=args.header,
                        PROFSHIM_README=args.readme)
        r = run([py, "-m", "pytest", "-q", "-p", "no:cacheprovider", args.tests], env=test_env, cwd=tmp)
        summary = [l for l in r.stdout.splitlines() if re.search(r"\d+ (passed|failed)", l)]
        expect(r.returncode == 0, "the binding's tests over the installed wheel: %s"
               % (summary[-1].strip("= ") if summary else "no summary"))

        client = os.path.join(args.tests, "typed_client.py")
        r = run([py, client], env=env, cwd=tmp)
        expect(r.returncode == 0, "tests/typed_client.py runs against the installed package")
        if args.mypy:
            r = run([args.mypy, "--strict", "--python-executable", py, "--no-incremental",
                     "--cache-dir", os.path.join(tmp, "mypy"), client], env=env, cwd=tmp)
            expect(r.returncode == 0, "mypy --strict accepts a typed caller of the installed package (py.typed)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("wheel")
    p.add_argument("--version", required=True)
    p.add_argument("--license", required=True, help="the repository's LICENSE")
    p.add_argument("--install", action="store_true")
    p.add_argument("--python", default=sys.executable, help="the python3 the venv is made from")
    p.add_argument("--tests", help="bindings/python/tests")
    p.add_argument("--header", help="include/profshim.h")
    p.add_argument("--readme", help="README.md")
    p.add_argument("--mypy", help="mypy, to check tests/typed_client.py")
    p.add_argument("--objdump", default=shutil.which("objdump"),
                   help="objdump, to read what a Linux wheel's library needs (default: on PATH)")
    args = p.parse_args()
    if not os.path.exists(args.wheel):
        fail("%s was not made (build the target profshim_wheel)" % args.wheel)
    else:
        check_contents(args.wheel, args.version, args.license, args.objdump)
        if args.install:
            install_and_test(args)
    return _checks.finish()


if __name__ == "__main__":
    sys.exit(main())
