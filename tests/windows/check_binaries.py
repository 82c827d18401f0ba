#!/usr/bin/env python3
"""Static checks of the Windows binaries, made with the mingw-w64 binutils (no Windows needed,
so they cover the 32-bit DLL too, which cannot be run here).

  exports     the DLL's export table holds exactly the names of exports.def, undecorated
              (`psh_check`, not `_psh_check@12`), nothing else, no export by ordinal only.
  imports     a PE file (DLL or EXE) imports only Windows' own DLLs (plus those named with
              --also), never libstdc++-6.dll, libgcc_s_*.dll, libwinpthread-1.dll or other
              MinGW runtime DLLs.
  versioninfo the DLL carries a VERSIONINFO resource with the project version and names.
  implib      an import library (.dll.a or .lib) offers every export under the symbol a
              caller compiled against profshim.h links with (x86: `_psh_check@12`), and
              imports it from profshim.dll under its undecorated name.
  zip         a CPack zip holds exactly the expected files, and its DLL and import
              library pass the checks above.

Every command prints what it checked and exits 0 when all is well, 1 otherwise.
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import exports_def  # noqa: E402  (tools/exports_def.py reads exports.def)

# Windows' own DLLs a profshim binary may import. MinGW's runtime DLLs are not among them.
SYSTEM_DLLS = {
    "kernel32.dll", "msvcrt.dll", "ntdll.dll", "advapi32.dll", "wldap32.dll", "user32.dll", "gdi32.dll",
    "oleaut32.dll", "ole32.dll", "shell32.dll", "shlwapi.dll", "version.dll", "ws2_32.dll",
    "bcrypt.dll", "crypt32.dll", "ucrtbase.dll", "kernelbase.dll", "secur32.dll",
}
SYSTEM_DLL_PATTERNS = [re.compile(r"^api-ms-win-[a-z0-9-]+\.dll$")]
# What a MinGW DLL would need if libgcc, libstdc++ or winpthread were not linked statically.
MINGW_RUNTIME = re.compile(r"^(libstdc\+\+|libgcc|libwinpthread|libssp|libgomp|libatomic|libquadmath)", re.I)

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def ok(msg):
    print("ok:   " + msg)


def run(cmd):
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        sys.exit("check_binaries: %s failed (%d):\n%s" % (" ".join(cmd), res.returncode, res.stderr))
    return res.stdout


def read_def_names(def_file):
    """(public, private) names of exports.def, read by tools/exports_def.py."""
    try:
        return exports_def.read(def_file)
    except ValueError as error:
        sys.exit("check_binaries: %s" % error)


def objdump_p(objdump, pe):
    return run([objdump, "-p", pe])


def parse_exports(text):
    """(names, address_table_count) from `objdump -p`."""
    names, addresses = [], 0
    section = None
    for line in text.splitlines():
        if line.startswith("Export Address Table -- Ordinal Base"):
            section = "eat"
            continue
        if line.startswith("[Ordinal/Name Pointer] Table"):
            section = "names"
            continue
        if section and not line.strip():
            section = None
            continue
        if section == "eat" and re.match(r"^\s*\[\s*\d+\]", line):
            addresses += 1
        elif section == "names":
            m = re.match(r"^\s*\[\s*\d+\]\s+(\S+)\s*$", line)
            if m:
                names.append(m.group(1))
    return names, addresses


def parse_imports(text):
    return [m.group(1) for m in re.finditer(r"^\s*DLL Name:\s*(\S+)\s*$", text, re.M)]


def is_system_dll(name):
    n = name.lower()
    return n in SYSTEM_DLLS or any(p.match(n) for p in SYSTEM_DLL_PATTERNS)


def check_exports(objdump, dll, def_file):
    public, private = read_def_names(def_file)
    expected = sorted(public + private)
    text = objdump_p(objdump, dll)
    names, addresses = parse_exports(text)
    label = os.path.basename(dll) + " (" + machine_of(text) + ")"
    print("%s exports %d names: %s" % (label, len(names), " ".join(names)))
    if sorted(names) != expected:
        missing = sorted(set(expected) - set(names))
        extra = sorted(set(names) - set(expected))
        fail("%s: export table differs from %s: missing %s, extra %s"
             % (label, os.path.basename(def_file), missing or "none", extra or "none"))
    else:
        ok("%s: export names are exactly the %d of %s" % (label, len(expected), os.path.basename(def_file)))
    decorated = [n for n in names if "@" in n or n.startswith("_") or n.startswith("?")]
    if decorated:
        fail("%s: decorated export names %s" % (label, decorated))
    else:
        ok("%s: every export name is undecorated (no leading _, no @N)" % label)
    if addresses != len(names):
        fail("%s: %d export addresses but %d names (an export by ordinal only?)" % (label, addresses, len(names)))
    else:
        ok("%s: every export has a name (%d addresses, %d names)" % (label, addresses, len(names)))


def machine_of(text):
    m = re.search(r"file format (\S+)", text)
    return m.group(1) if m else "?"


def check_imports(objdump, pe, also=()):
    text = objdump_p(objdump, pe)
    dlls = parse_imports(text)
    label = os.path.basename(pe) + " (" + machine_of(text) + ")"
    print("%s imports from: %s" % (label, " ".join(dlls) or "nothing"))
    allowed_extra = {a.lower() for a in also}
    runtime = [d for d in dlls if MINGW_RUNTIME.match(d)]
    other = [d for d in dlls if not is_system_dll(d) and d.lower() not in allowed_extra and d not in runtime]
    if runtime:
        fail("%s: imports MinGW runtime DLLs %s (link them statically)" % (label, runtime))
    if other:
        fail("%s: imports DLLs that are not Windows' own: %s" % (label, other))
    if not runtime and not other:
        ok("%s: imports Windows' own DLLs only%s"
           % (label, " (and %s)" % ", ".join(sorted(also)) if also else ""))
    return dlls, text


def delay_import_descriptor(objdump, pe, dll_name):
    """True when `pe` holds a delay-import descriptor (ImgDelayDescr, delayimp.h) for
    `dll_name`: grAttrs 1 (RVAs) then the RVA of the DLL's name. GNU ld (2.40) leaves the
    optional header's delay-import directory empty, so the descriptor is found in the file:
    the name's RVA, from the section table of `objdump -h`, then the descriptor's 8 bytes."""
    with open(pe, "rb") as f:
        data = f.read()
    base = int(re.search(r"^ImageBase\s+([0-9a-fA-F]+)", objdump_p(objdump, pe), re.M).group(1), 16)
    headers = subprocess.run([objdump, "-h", pe], check=True, capture_output=True, text=True).stdout
    sections = [(int(vma, 16) - base, int(off, 16), int(size, 16)) for size, vma, off in re.findall(
        r"^\s*\d+\s+\.\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+2\*\*", headers, re.M)]
    for want in {dll_name.encode(), dll_name.lower().encode(), dll_name.upper().encode()}:
        at = data.find(want + b"\0")
        while at >= 0:
            for rva, off, size in sections:
                if off <= at < off + size and struct.pack("<II", 1, rva + at - off) in data:
                    return True
            at = data.find(want + b"\0", at + 1)
    return False


def check_not_imported(objdump, pe, dlls, dll_name):
    """`pe` must not import `dll_name` at all: not at load time, not delay-loaded (a program
    that needs it loads it at run time, LoadLibrary and GetProcAddress)."""
    label = os.path.basename(pe)
    if dll_name.lower() in (d.lower() for d in dlls):
        fail("%s: imports %s at load time; it must be loaded at run time only" % (label, dll_name))
    elif delay_import_descriptor(objdump, pe, dll_name):
        fail("%s: imports %s delay-loaded; it must be loaded at run time only" % (label, dll_name))
    else:
        ok("%s: does not import %s (loaded at run time, if at all)" % (label, dll_name))


def parse_imported_names(text, dll_name):
    """The names a PE file imports from `dll_name`, from `objdump -p`."""
    names, current = [], None
    for line in text.splitlines():
        m = re.match(r"^\s*DLL Name:\s*(\S+)", line)
        if m:
            current = m.group(1).lower()
            continue
        if current == dll_name.lower():
            m = re.match(r"^\s*[0-9a-fA-F]+\s+<none>\s+([0-9a-fA-F]+)\s+(\S+)\s*$", line) or \
                re.match(r"^\s*[0-9a-fA-F]+\s+([0-9a-fA-F]+)\s+(\S+)\s*$", line)
            if m and not m.group(2).startswith("<"):
                names.append(m.group(2))
            elif not line.strip():
                if names:
                    current = None
    return names


def check_versioninfo(dll, version, product, original):
    with open(dll, "rb") as f:
        data = f.read()
    label = os.path.basename(dll)
    sig = struct.pack("<I", 0xFEEF04BD)
    at = data.find(sig)
    if at < 0:
        fail("%s: no VERSIONINFO resource (VS_FIXEDFILEINFO signature not found)" % label)
        return
    _, _, fv_ms, fv_ls, pv_ms, pv_ls = struct.unpack_from("<6I", data, at)
    parts = [int(p) for p in version.split(".")] + [0]
    want_ms = (parts[0] << 16) | parts[1]
    want_ls = (parts[2] << 16) | parts[3]
    fv = "%d.%d.%d.%d" % (fv_ms >> 16, fv_ms & 0xFFFF, fv_ls >> 16, fv_ls & 0xFFFF)
    pv = "%d.%d.%d.%d" % (pv_ms >> 16, pv_ms & 0xFFFF, pv_ls >> 16, pv_ls & 0xFFFF)
    if (fv_ms, fv_ls, pv_ms, pv_ls) != (want_ms, want_ls, want_ms, want_ls):
        fail("%s: VERSIONINFO file version %s, product version %s; want %s.0" % (label, fv, pv, version))
    else:
        ok("%s: VERSIONINFO binary file and product version %s" % (label, fv))

    def utf16(s):
        return s.encode("utf-16-le")

    def string_value(key):
        # A String block: wLength wValueLength wType szKey (UTF-16, NUL) padding Value.
        k = data.find(utf16(key) + b"\0\0")
        if k < 0:
            return None
        v = k + len(utf16(key)) + 2
        # The value is 32-bit aligned: skip the NUL padding after the key.
        while v < len(data) and data[v:v + 2] == b"\0\0":
            v += 2
        end = data.find(b"\0\0", v)
        while end >= 0 and (end - v) % 2:
            end = data.find(b"\0\0", end + 1)
        return data[v:end].decode("utf-16-le", "replace") if end >= 0 else None

    want = {"FileVersion": version, "ProductVersion": version, "ProductName": product,
            "OriginalFilename": original}
    for key, value in want.items():
        got = string_value(key)
        if got != value:
            fail("%s: VERSIONINFO %s is %r, want %r" % (label, key, got, value))
        else:
            ok("%s: VERSIONINFO %s = %r" % (label, key, got))
    desc = string_value("FileDescription")
    if not desc:
        fail("%s: VERSIONINFO has no FileDescription" % label)
    else:
        ok("%s: VERSIONINFO FileDescription = %r" % (label, desc))


def check_implib(nm, objdump, lib, def_file, machine, dll_name="profshim.dll"):
    """Every export is offered under the symbol a header-compiled caller uses, and imported
    by its undecorated name."""
    label = os.path.basename(lib) + " (" + machine + ")"
    public, _ = read_def_names(def_file)
    symbols = set(run([nm, lib]).split())
    # The @N each name has, from the decorated .def of the x86 build (x64: none).
    sizes = {}
    with open(def_file, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\s*([A-Za-z_][A-Za-z0-9_]*)@([0-9]+)", line.split(";", 1)[0])
            if m:
                sizes[m.group(1)] = m.group(2)
    bad = []
    for name in public:
        if machine == "x86":
            if name not in sizes:
                sys.exit("check_binaries: %s has no @N for %s" % (def_file, name))
            want = ["_%s@%s" % (name, sizes[name]), "__imp__%s@%s" % (name, sizes[name])]
        else:
            want = [name, "__imp_" + name]
        for s in want:
            if s not in symbols:
                bad.append(s)
    if bad:
        fail("%s: symbols missing: %s" % (label, " ".join(bad)))
    else:
        ok("%s: offers %s for each of the %d exports"
           % (label, "_name@N and __imp__name@N" if machine == "x86" else "name and __imp_name", len(public)))
    # The import names: the .idata$6 hint/name entries of the archive's members.
    dump = run([objdump, "-s", "-j", ".idata$6", lib])
    imported = set()
    for block in re.split(r"\n(?=\S)", dump):
        hexbytes = bytearray()
        for line in block.splitlines():
            m = re.match(r"^ [0-9a-f]{4,} ((?:[0-9a-f]{2,8} ){1,4})", line + " ")
            if m:
                hexbytes += bytes.fromhex(m.group(1).replace(" ", ""))
        if len(hexbytes) > 2:
            name = bytes(hexbytes[2:]).split(b"\0", 1)[0].decode("ascii", "replace")
            if name:
                imported.add(name)
    if dll_name in imported:
        imported.discard(dll_name)
    if imported != set(public):
        fail("%s: imports by the names %s, want exactly %s" % (label, sorted(imported), sorted(public)))
    else:
        ok("%s: imports each by its undecorated name (%s ...)" % (label, sorted(imported)[0]))


def check_zip(args):
    label = os.path.basename(args.zip)
    if args.cpack:
        if os.path.exists(args.zip):
            os.remove(args.zip)
        cmd = [args.cpack, "-G", "ZIP", "--config", args.cpack_config]
        print("running: " + " ".join(cmd))
        res = subprocess.run(cmd, cwd=os.path.dirname(args.cpack_config), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        print(res.stdout.rstrip())
        if res.returncode != 0:
            fail("cpack failed (%d)" % res.returncode)
            return
    if not os.path.exists(args.zip):
        fail("%s was not made" % args.zip)
        return
    top = os.path.basename(args.zip)[:-len(".zip")]
    with zipfile.ZipFile(args.zip) as z:
        files = sorted(n for n in z.namelist() if not n.endswith("/"))
        print("%s holds:\n  %s" % (label, "\n  ".join(files)))
        want = sorted(top + "/" + f for f in args.expect)
        if files != want:
            fail("%s: contents differ: missing %s, extra %s" % (
                label, sorted(set(want) - set(files)) or "none", sorted(set(files) - set(want)) or "none"))
        else:
            ok("%s: exactly the %d expected files under %s/" % (label, len(want), top))
        tmp = tempfile.mkdtemp(prefix="profshim-zip-")
        try:
            z.extractall(tmp)
            root = os.path.join(tmp, top)
            dll = os.path.join(root, "bin", "profshim.dll")
            if os.path.exists(dll):
                check_exports(args.objdump, dll, os.path.join(root, "exports.def"))
                check_imports(args.objdump, dll)
                check_versioninfo(dll, args.version, "profshim", "profshim.dll")
            for exe in ("bin/profshim.exe",):
                p = os.path.join(root, exe)
                if os.path.exists(p):
                    check_imports(args.objdump, p, also=["profshim.dll"])
            for lib in ("lib/profshim.lib", "lib/libprofshim.dll.a"):
                p = os.path.join(root, lib)
                if os.path.exists(p):
                    check_implib(args.nm, args.objdump, p, args.def_file, args.machine)
            readme = os.path.join(root, "README.txt")
            if os.path.exists(readme):
                with open(readme, encoding="utf-8") as f:
                    text = f.read()
                if args.version not in text:
                    fail("%s: README.txt does not name version %s" % (label, args.version))
                else:
                    ok("%s: README.txt names version %s" % (label, args.version))
            check_zip_callers(args, label, root)
            for a, b in (("include/profshim.h", args.header), ("exports.def", args.exports)):
                p = os.path.join(root, a)
                if os.path.exists(p) and b:
                    with open(p, "rb") as f1, open(b, "rb") as f2:
                        if f1.read() != f2.read():
                            fail("%s: %s differs from the source tree's" % (label, a))
                        else:
                            ok("%s: %s is the source tree's" % (label, a))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def check_zip_callers(args, label, root):
    """What the zip holds for each kind of caller (issue 12): files that must be the
    source tree's (--same ZIPPATH=FILE, byte for byte; --same-text, once CRLF is LF), the
    README's word on how each caller starts (--readme-says), and the Python wheel, checked
    by bindings/python/check_wheel.py and carrying the very DLL of bin/."""
    for spec, as_text in [(s, False) for s in args.same] + [(s, True) for s in args.same_text]:
        inside, source = spec.split("=", 1)
        p = os.path.join(root, inside)
        if not os.path.exists(p):
            continue  # the file list check has said it is missing
        with open(p, "rb") as f1, open(source, "rb") as f2:
            a, b = f1.read(), f2.read()
        if as_text:
            a, b = a.replace(b"\r\n", b"\n"), b.replace(b"\r\n", b"\n")
        if a != b:
            fail("%s: %s differs from %s" % (label, inside, source))
        else:
            ok("%s: %s is %s%s" % (label, inside, os.path.basename(source), " (as text)" if as_text else ""))
    readme = os.path.join(root, "README.txt")
    if args.readme_says and os.path.exists(readme):
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        missing = [t for t in args.readme_says if t not in text]
        if missing:
            fail("%s: README.txt does not say %s" % (label, missing))
        else:
            ok("%s: README.txt says how each caller starts (%d phrases)" % (label, len(args.readme_says)))
    if args.wheel_check:
        wheels = [os.path.join(root, "python", n) for n in sorted(os.listdir(os.path.join(root, "python")))
                  if n.endswith(".whl")] if os.path.isdir(os.path.join(root, "python")) else []
        for wheel in wheels:
            res = subprocess.run([sys.executable, args.wheel_check, wheel, "--version", args.version,
                                  "--license", args.license], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
            print(res.stdout.rstrip())
            if res.returncode != 0:
                fail("%s: %s failed check_wheel.py" % (label, os.path.basename(wheel)))
            else:
                ok("%s: %s passes check_wheel.py" % (label, os.path.basename(wheel)))
            with zipfile.ZipFile(wheel) as w, open(os.path.join(root, "bin", "profshim.dll"), "rb") as f:
                if pe_without_stamps(w.read("profshim/profshim.dll")) != pe_without_stamps(f.read()):
                    fail("%s: the wheel's profshim.dll is not bin/profshim.dll" % label)
                else:
                    ok("%s: the wheel carries bin/profshim.dll itself (stripped apart: "
                       "time stamp and checksum aside)" % label)


def pe_without_stamps(data):
    """A PE image with the two fields each strip run rewrites zeroed: the COFF header's
    TimeDateStamp and the optional header's CheckSum."""
    data = bytearray(data)
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    struct.pack_into("<I", data, pe + 8, 0)        # TimeDateStamp
    struct.pack_into("<I", data, pe + 24 + 64, 0)  # CheckSum (same offset in PE32 and PE32+)
    return bytes(data)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("exports")
    e.add_argument("--objdump", required=True)
    e.add_argument("--def", dest="def_file", required=True)
    e.add_argument("dll")
    i = sub.add_parser("imports")
    i.add_argument("--objdump", required=True)
    i.add_argument("--also", action="append", default=[], help="a non-system DLL allowed too")
    i.add_argument("--not-imported", action="append", default=[], metavar="DLL",
                   help="a DLL the PE must not import, at load time or delay-loaded")
    i.add_argument("--imported-names", metavar="DLL:NAMESFILE",
                   help="the names imported from DLL must be exactly those of NAMESFILE")
    i.add_argument("pe", nargs="+")
    v = sub.add_parser("versioninfo")
    v.add_argument("--version", required=True)
    v.add_argument("--product", default="profshim")
    v.add_argument("--original", default="profshim.dll")
    v.add_argument("dll")
    l = sub.add_parser("implib")
    l.add_argument("--nm", required=True)
    l.add_argument("--objdump", required=True)
    l.add_argument("--def", dest="def_file", required=True, help="the .def the DLL was linked with")
    l.add_argument("--machine", choices=["x86", "x64"], required=True)
    l.add_argument("lib", nargs="+")
    z = sub.add_parser("zip")
    for a in ("--objdump", "--nm", "--machine", "--version"):
        z.add_argument(a, required=True)
    z.add_argument("--def", dest="def_file", required=True, help="the .def the DLL was linked with")
    z.add_argument("--header")
    z.add_argument("--exports")
    z.add_argument("--expect", action="append", default=[], help="a file the zip must hold, below its top folder")
    z.add_argument("--same", action="append", default=[], metavar="ZIPPATH=FILE",
                   help="a file of the zip that must be FILE, byte for byte")
    z.add_argument("--same-text", action="append", default=[], metavar="ZIPPATH=FILE",
                   help="a file of the zip that must be FILE once CRLF is LF")
    z.add_argument("--readme-says", action="append", default=[], help="a phrase README.txt must hold")
    z.add_argument("--wheel-check", help="bindings/python/check_wheel.py, for python/*.whl")
    z.add_argument("--license", help="the repository's LICENSE, for --wheel-check")
    z.add_argument("--cpack", help="run this cpack first (-G ZIP)")
    z.add_argument("--cpack-config", help="the CPackConfig.cmake for --cpack")
    z.add_argument("zip")
    args = p.parse_args()

    if args.cmd == "exports":
        check_exports(args.objdump, args.dll, args.def_file)
    elif args.cmd == "imports":
        for pe in args.pe:
            dlls, text = check_imports(args.objdump, pe, args.also)
            for dll in args.not_imported:
                check_not_imported(args.objdump, pe, dlls, dll)
            if args.imported_names:
                dll, names_file = args.imported_names.split(":", 1)
                with open(names_file, encoding="utf-8") as f:
                    want = sorted(n.strip() for n in f if n.strip())
                got = sorted(parse_imported_names(text, dll))
                if got != want:
                    fail("%s: imports %s from %s, want %s" % (os.path.basename(pe), got, dll, want))
                else:
                    ok("%s: imports exactly the %d names from %s, undecorated" % (os.path.basename(pe), len(got), dll))
    elif args.cmd == "versioninfo":
        check_versioninfo(args.dll, args.version, args.product, args.original)
    elif args.cmd == "implib":
        for lib in args.lib:
            check_implib(args.nm, args.objdump, lib, args.def_file, args.machine)
    elif args.cmd == "zip":
        check_zip(args)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
