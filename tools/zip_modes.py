#!/usr/bin/env python3
"""The Unix modes of the zips profshim ships (the NuGet package, the Windows zips), so that
`unzip` gives every account read access whatever the umask of the one who unpacks.

Info-ZIP's unzip applies the mode an entry made on Unix carries, and a folder's mode only
when the folder has an entry of its own: a folder without one is made with the umask of
the moment, 0700 under `umask 077`, and then a service account other than the one that
unpacked cannot reach the native library inside. So every folder gets an entry of mode
0755 (before its contents), every file 0644, a program 0755.

Used as a module by bindings/csharp/nupkg.py (write) and tests/windows/check_binaries.py
(check), and as a program by cmake/WindowsPackageModes.cmake, which rewrites the zip cpack
made (cpack writes no entry for the top folder):
    zip_modes.py normalise ZIP
"""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile

UNIX = 3                                   # ZipInfo.create_system: made on Unix
FOLDER_MODE = stat.S_IFDIR | 0o755
FILE_MODE = stat.S_IFREG | 0o644
PROGRAM_MODE = stat.S_IFREG | 0o755
MSDOS_DIRECTORY = 0x10                     # the low byte of external_attr, for Windows tools


def folders_of(names):
    """Every folder the names lie in ("a/", "a/b/" for "a/b/c"), parents first."""
    folders = set()
    for name in names:
        parts = name.rstrip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folders.add("/".join(parts[:i]) + "/")
    return sorted(folders)


def _folder_entry(name, date_time):
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.create_system = UNIX
    entry.external_attr = (FOLDER_MODE << 16) | MSDOS_DIRECTORY
    return entry


def write_zip(path, parts, date_time=(2026, 1, 1, 0, 0, 0), programs=()):
    """Writes {name: bytes} to the zip `path`: each folder's entry first, then the files,
    0644 (0755 for the names in `programs`), deflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for folder in folders_of(parts):
            z.writestr(_folder_entry(folder, date_time), b"")
        for name in sorted(parts):
            entry = zipfile.ZipInfo(name, date_time=date_time)
            entry.create_system = UNIX
            entry.external_attr = (PROGRAM_MODE if name in programs else FILE_MODE) << 16
            z.writestr(entry, parts[name], compress_type=zipfile.ZIP_DEFLATED)


def normalise(path):
    """Rewrites the zip `path` in place with the modes above: a file that had an execute
    bit stays a program (0755), every other file 0644; every folder an entry of 0755."""
    with zipfile.ZipFile(path) as z:
        files = [(i, z.read(i)) for i in z.infolist() if not i.is_dir()]
    dates = [i.date_time for i, _ in files] or [(2026, 1, 1, 0, 0, 0)]
    tmp = path + ".modes"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for folder in folders_of(i.filename for i, _ in files):
            z.writestr(_folder_entry(folder, max(dates)), b"")
        for info, data in files:
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.create_system = UNIX
            program = (info.external_attr >> 16) & 0o111
            entry.external_attr = (PROGRAM_MODE if program else FILE_MODE) << 16
            z.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    os.replace(tmp, path)


def check_unzip(path, expect, programs=()):
    """Unpacks `path` with `unzip` under umask 077 into a fresh folder made first by
    `mkdir -m 755`, as the README does (unzip makes a missing -d folder itself, 0700 under
    that umask: no entry of the zip's gives its mode), and checks what that gives: every
    folder, that one included, 0755, every file 0644 (the names in `programs`, relative to
    the zip's root, 0755), and that the zip has an entry for each of its folders. `expect`
    is Checks.expect of tools/native_library.py."""
    label = os.path.basename(path)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    missing = sorted(set(folders_of(n for n in names if not n.endswith("/"))) - set(names))
    expect(not missing, "%s: an entry for each folder%s" % (label, " (none for %s)" % missing if missing else ""))
    unzip = shutil.which("unzip")
    if unzip is None:
        expect(False, "%s: no unzip to unpack it as a user does (Debian: unzip)" % label)
        return
    tmp = tempfile.mkdtemp(prefix="profshim-umask-")
    try:
        out = os.path.join(tmp, "unpacked")
        r = subprocess.run(["sh", "-c", 'umask 077 && mkdir -m 755 "$2" && exec "$0" -q "$1" -d "$2"',
                            unzip, path, out],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        expect(r.returncode == 0, "%s: unzip under umask 077 unpacks it%s" % (label, "" if r.returncode == 0 else ": " + r.stdout))
        wrong, folders, files = [], 0, 0
        if os.path.isdir(out) and stat.S_IMODE(os.stat(out).st_mode) != 0o755:
            wrong.append("the -d folder %o" % stat.S_IMODE(os.stat(out).st_mode))
        for folder, dirs, names_here in os.walk(out):
            for d in dirs:
                p = os.path.join(folder, d)
                folders += 1
                if stat.S_IMODE(os.stat(p).st_mode) != 0o755:
                    wrong.append("%s/ %o" % (os.path.relpath(p, out), stat.S_IMODE(os.stat(p).st_mode)))
            for f in names_here:
                p = os.path.join(folder, f)
                rel = os.path.relpath(p, out).replace(os.sep, "/")
                files += 1
                want = 0o755 if rel in programs else 0o644
                if stat.S_IMODE(os.stat(p).st_mode) != want:
                    wrong.append("%s %o (want %o)" % (rel, stat.S_IMODE(os.stat(p).st_mode), want))
        expect(files > 0 and not wrong,
               "%s: under umask 077, unzip makes its %d folders 0755 and its %d files 0644%s%s" % (
                   label, folders, files, " (programs 0755)" if programs else "",
                   "" if not wrong else ": not " + ", ".join(wrong)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    if len(argv) != 3 or argv[1] != "normalise":
        print("usage: zip_modes.py normalise ZIP", file=sys.stderr)
        return 2
    normalise(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
