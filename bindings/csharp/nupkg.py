#!/usr/bin/env python3
"""Packs the NuGet package ProfShim.<version>.nupkg, checks it, and with --test unpacks it
into a fresh folder and runs the C# test program against it under Mono.

Made by hand to NuGet's documented layout (an OPC zip), because Debian's `nuget` (2.8.7)
predates the nuspec <license> element:
  ProfShim.nuspec                          id, version, license expression MIT, description
  [Content_Types].xml, _rels/.rels         the OPC parts NuGet reads the manifest through
  LICENSE.txt                              the repository's LICENSE
  lib/net45/ProfShim.dll, ProfShim.xml     the assembly (bindings/csharp/ProfShim.cs, mcs)
  runtimes/win-x64/native/profshim.dll     the native libraries, one per runtime identifier:
  runtimes/win-x86/native/profshim.dll     .NET (PackageReference) copies the one for the
  runtimes/linux-x64/native/libprofshim.so   app's RID beside it, where DllImport("profshim")
                                           finds it (Mono and .NET on Linux try lib*.so)
Each native library is checked to be for its runtime (ELF / PE machine) before packing, and
stripped with the given tool. Every file is a Unix regular file of mode 0644 and every folder
has an entry of mode 0755 (tools/zip_modes.py): zipfile's default (no mode) unpacks with
`unzip` as 0600, and a folder without an entry as 0700 under `umask 077`, which a service
account other than the one that unpacked it cannot load from. The test unpacks with `unzip`
under umask 077, as the README does, and checks the modes it gets (NuGet reads folder
entries as no part: NuGet/Home#16, fixed in NuGet 3). Prints one line per check and
"N passed, N failed".
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import native_library  # noqa: E402  (tools/native_library.py)
import zip_modes  # noqa: E402  (tools/zip_modes.py)

_checks = native_library.Checks()
ok, fail, expect = _checks.ok, _checks.fail, _checks.expect


NATIVE_NAME = {"win-x64": "profshim.dll", "win-x86": "profshim.dll", "linux-x64": "libprofshim.so"}


runtime_of = native_library.runtime_of


NUSPEC = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>ProfShim</id>
    <version>{version}</version>
    <title>profshim</title>
    <authors>The profshim authors</authors>
    <license type="expression">MIT</license>
    <licenseUrl>https://licenses.nuget.org/MIT</licenseUrl>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
    <description>Checks, rewrites and names the ProfileInfo strings given to CDO 1.21 Session.Logon, so that MAPI never gets a profile name it cannot create a file for (KB Q271913). P/Invoke over the native profshim library, which the package carries for win-x64, win-x86 and linux-x64.</description>
    <tags>CDO MAPI Exchange ProfileInfo KB271913</tags>
    <dependencies>
      <group targetFramework=".NETFramework4.5" />
    </dependencies>
  </metadata>
</package>
"""

CONTENT_TYPES = """<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="txt" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="so" ContentType="application/octet" />
</Types>
"""

RELS = """<?xml version="1.0" encoding="utf-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/ProfShim.nuspec" Id="R0" />
</Relationships>
"""


def pack(args):
    """{path in the package: bytes}, written to args.out; None when an input is wrong."""
    parts = {
        "ProfShim.nuspec": NUSPEC.format(version=args.version).encode(),
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": RELS.encode(),
    }
    with open(args.license, "rb") as f:
        parts["LICENSE.txt"] = f.read()
    for path, name in ((args.assembly, "ProfShim.dll"), (args.doc, "ProfShim.xml")):
        with open(path, "rb") as f:
            parts["lib/net45/" + name] = f.read()
    strip = dict(s.split("=", 1) for s in args.strip)
    good = True
    for spec in args.native:
        rid, path = spec.split("=", 1)
        if not os.path.exists(path):
            fail("%s: %s is missing (build the windows-x64 and windows-x86 presets first: "
                 "cmake --preset windows-x64 && cmake --build --preset windows-x64, likewise x86)" % (rid, path))
            good = False
            continue
        tmp = tempfile.mkdtemp(prefix="profshim-nupkg-")
        try:
            copy = os.path.join(tmp, NATIVE_NAME[rid])
            shutil.copyfile(path, copy)
            if strip.get(rid):
                subprocess.run([strip[rid], copy], check=True)
            with open(copy, "rb") as f:
                data = f.read()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if runtime_of(data) != rid:
            fail("%s: %s is for %s" % (rid, path, runtime_of(data)))
            good = False
        # A Windows build left at another version would be packed without a word: the
        # DLL's VERSIONINFO must carry this version (FileVersion "1.2.0", UTF-16, NUL-ended).
        if rid.startswith("win-") and ("%s\0" % args.version).encode("utf-16-le") not in data:
            fail("%s: %s is not version %s (rebuild that preset)" % (rid, path, args.version))
            good = False
        parts["runtimes/%s/native/%s" % (rid, NATIVE_NAME[rid])] = data
    if not good:
        return None
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    zip_modes.write_zip(args.out, parts)
    ok("packed %s (%d bytes)" % (args.out, os.path.getsize(args.out)))
    return parts


def check(args, license_bytes):
    with zipfile.ZipFile(args.out) as z:
        names = sorted(n for n in z.namelist() if not n.endswith("/"))
        want = sorted(["ProfShim.nuspec", "[Content_Types].xml", "_rels/.rels", "LICENSE.txt",
                       "lib/net45/ProfShim.dll", "lib/net45/ProfShim.xml"]
                      + ["runtimes/%s/native/%s" % (rid, NATIVE_NAME[rid]) for rid in sorted(NATIVE_NAME)])
        expect(names == want, "the package holds exactly the %d parts of the layout%s" % (
            len(want), "" if names == want else " (missing %s, extra %s)" % (
                sorted(set(want) - set(names)), sorted(set(names) - set(want)))))
        ns = {"n": "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"}
        meta = ET.fromstring(z.read("ProfShim.nuspec")).find("n:metadata", ns)
        expect(meta.findtext("n:id", None, ns) == "ProfShim"
               and meta.findtext("n:version", None, ns) == args.version,
               "nuspec: id ProfShim, version %s" % args.version)
        lic = meta.find("n:license", ns)
        expect(lic is not None and lic.get("type") == "expression" and lic.text == "MIT",
               "nuspec: license expression MIT")
        expect(z.read("LICENSE.txt") == license_bytes, "LICENSE.txt is the repository's LICENSE")
        types = ET.fromstring(z.read("[Content_Types].xml"))
        exts = {d.get("Extension") for d in types}
        uncovered = [n for n in names if n != "[Content_Types].xml" and n.rsplit(".", 1)[-1] not in exts]
        expect(not uncovered, "[Content_Types].xml covers every part%s" % (" (not %s)" % uncovered if uncovered else ""))
        rels = ET.fromstring(z.read("_rels/.rels"))
        expect([r.get("Target") for r in rels] == ["/ProfShim.nuspec"], "_rels/.rels points at the nuspec")
        modes = {i.filename: (i.create_system, i.external_attr >> 16) for i in z.infolist()}
        wrong = sorted(n for n, m in modes.items()
                       if m != (zip_modes.UNIX, zip_modes.FOLDER_MODE if n.endswith("/") else zip_modes.FILE_MODE))
        expect(not wrong, "every part is a regular file of mode 0644, every folder an entry of 0755, made on Unix%s" % (
            " (not: %s)" % wrong if wrong else ""))
        folders = sorted(n for n in modes if n.endswith("/"))
        expect(folders == zip_modes.folders_of(names), "an entry for each folder and no other: %s" % folders)
        for rid, name in sorted(NATIVE_NAME.items()):
            part = "runtimes/%s/native/%s" % (rid, name)
            if part in names:
                data = z.read(part)
                expect(runtime_of(data) == rid, "%s is for %s (%d bytes)" % (part, rid, len(data)))


def run_program(args):
    """Unpack under umask 077 and check the modes unzip gives (tools/zip_modes.py); unpack
    into a fresh folder with `unzip`, as the README does, and check that every file can be
    read by any account (a service account loads the native library); compile
    the test program against the package's assembly; deploy it as a linux-x64 build would
    (the assembly and the RID's native library beside the program); run it with nothing on
    LD_LIBRARY_PATH."""
    zip_modes.check_unzip(args.out, expect)
    tmp = tempfile.mkdtemp(prefix="profshim-nuget-")
    try:
        pkg = os.path.join(tmp, "package")
        unzip = shutil.which("unzip")
        if unzip is None:
            fail("no unzip to unpack the package as the README does (Debian: unzip)")
            return
        # The README's commands: mkdir -m 755 first, since unzip makes a missing -d folder
        # with the umask's mode (0700 under umask 077), no entry of the package's.
        r = subprocess.run(["sh", "-c", 'umask 077 && mkdir -m 755 "$2" && exec "$0" -q "$1" -d "$2"',
                            unzip, args.out, pkg], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        expect(r.returncode == 0, "unzip -q unpacks the package" + ("" if r.returncode == 0 else ": " + r.stdout))
        unreadable = [] if os.stat(pkg).st_mode & 0o055 == 0o055 else ["the folder itself %o" % (os.stat(pkg).st_mode & 0o777)]
        for folder, _dirs, files in os.walk(pkg):
            for f in files:
                mode = os.stat(os.path.join(folder, f)).st_mode
                if mode & 0o044 != 0o044:
                    unreadable.append("%s %o" % (os.path.relpath(os.path.join(folder, f), pkg), mode & 0o777))
        expect(not unreadable, "unzip gives every file read access for group and others%s" % (
            " (not: %s)" % unreadable if unreadable else ""))
        app = os.path.join(tmp, "app")
        os.makedirs(app)
        shutil.copy(os.path.join(pkg, "lib", "net45", "ProfShim.dll"), app)
        shutil.copy(os.path.join(pkg, "runtimes", "linux-x64", "native", "libprofshim.so"), app)
        exe = os.path.join(app, "ProfShimTest.exe")
        r = subprocess.run([args.mcs, "-nologo", "-warnaserror+", "-langversion:7.2", "-target:exe",
                            "-r:" + os.path.join(pkg, "lib", "net45", "ProfShim.dll"),
                            "-out:" + exe, args.test], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        expect(r.returncode == 0, "mcs compiles the test program against lib/net45/ProfShim.dll" +
               ("" if r.returncode == 0 else ":\n" + r.stdout))
        if r.returncode != 0:
            return
        env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "MONO_PATH")}
        r = subprocess.run([args.mono, "--debug", exe, args.header], cwd=tmp, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(r.stdout.rstrip())
        lines = r.stdout.strip().splitlines()
        expect(r.returncode == 0, "mono runs it against the package: %s" % (lines[-1] if lines else "no output"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="the .nupkg to write")
    p.add_argument("--version", required=True)
    p.add_argument("--license", required=True)
    p.add_argument("--assembly", required=True, help="ProfShim.dll built by mcs")
    p.add_argument("--doc", required=True, help="its XML documentation, ProfShim.xml")
    p.add_argument("--native", action="append", default=[], help="RID=path, for each of " + ", ".join(NATIVE_NAME))
    p.add_argument("--strip", action="append", default=[], help="RID=strip tool")
    p.add_argument("--test", help="the C# test program to run against the package")
    p.add_argument("--header", help="include/profshim.h, the test program's argument")
    p.add_argument("--mcs")
    p.add_argument("--mono")
    args = p.parse_args()
    if sorted(s.split("=", 1)[0] for s in args.native) != sorted(NATIVE_NAME):
        fail("--native must name each of %s once" % ", ".join(sorted(NATIVE_NAME)))
    elif pack(args) is not None:
        with open(args.license, "rb") as f:
            check(args, f.read())
        if args.test:
            run_program(args)
    return _checks.finish()


if __name__ == "__main__":
    sys.exit(main())
