#!/usr/bin/env python3
"""windows.msi: the Windows Installer package as an administrator deploys it, under Wine.

    msi_install.py --wine-run WINE_RUN --wine-run-x64 WINE_RUN_X64 --msi PACKAGE.msi
                   --next-msi NEXT.msi --next-version X.Y.Z --dll profshim.dll --probe side_by_side_probe.vbs --bits 64|32
                   --version X.Y.Z --source-dir SRC --license LICENSE --work DIR

In a fresh Wine prefix (DIR/prefix, removed at the end) whose only drive besides C: is
D: = DIR/d (the package and the probe script; no Z:, so nothing of the build tree is
reachable), in this order:

 1. the registry (HKLM and HKCU, exported by regedit /E) and the files of C: before;
 2. what `regsvr32` writes for the DLL at the path the package installs it to (the
    reference: the package's Registry rows must write the same keys), then `regsvr32 /u`;
 3. `msiexec /i D:\\PACKAGE.msi /qn`; every file in place, equal to its source;
 4. the COM keys the package wrote, in the package's registry view, equal to regsvr32's
    (HELPDIR aside: a Windows Installer folder path always ends in a backslash);
 5. the probe run by cscript of the package's bitness (WINE_RUN's loader: the 32-bit
    cscript for the x86 package) creates ProfShim.ProfileInfo from the installed DLL and
    calls it;
 6. `profshim.exe demo` run from the installed folder; `profshim --version` run by
    cmd.exe from C:\\ through the system PATH;
 7. `msiexec /x D:\\PACKAGE.msi /qn`;
 8. nothing of profshim left: every registry key or value that names profshim, its
    CLSID, type library, interfaces, the package's ProductCode or UpgradeCode (packed as
    Windows Installer writes them), or the install folder is as it was in 1; the system
    PATH is as it was; no file of C: that was not there in 1 (the cached package in
    C:\\windows\\Installer included), no folder named profshim;
 9. an upgrade: PACKAGE.msi again, then NEXT.msi (the same package built as the next
    version) over it: one profshim product left, of the next version, whose object works;
    PACKAGE.msi over that is refused (a downgrade); `msiexec /x NEXT.msi /qn`, and nothing
    left, as in 8.

Prints one line per check and "N passed, M failed"; exits 1 when any failed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CLSID = "{00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}"
LIBID = "{3713F1FA-457C-4971-835D-8EA728E59C8D}"
IIDS = ("{FC860B51-8363-4DC5-A1EE-542BD731AFC3}", "{0750A5CB-4786-48A7-B2F7-9923569746FC}",
        "{5E69BFB4-B5D2-4731-814D-A43547F0CFDB}")
PROGIDS = ("ProfShim.ProfileInfo", "ProfShim.ProfileInfo.1")
KB_ANSWER = "EXCH01\\njdoe"  # the probe prints the rewrite's LF as \n


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, what, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok: {what}")
        else:
            self.failed += 1
            print(f"FAIL: {what}" + (f": {detail}" if detail else ""))
        sys.stdout.flush()
        return ok


class Wine:
    """Runs programs in the test's own prefix through cmake/wine-run.sh."""

    def __init__(self, runner, runner_x64, prefix, cwd):
        self.runner = runner
        self.runner_x64 = runner_x64
        self.env = dict(os.environ, PROFSHIM_WINEPREFIX=str(prefix))
        self.cwd = cwd

    def run(self, *args, x64=False, timeout=300):
        cmd = ["bash", self.runner_x64 if x64 else self.runner, *args]
        p = subprocess.run(cmd, env=self.env, cwd=self.cwd, capture_output=True, text=True,
                           errors="replace", timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def stop(self):
        subprocess.run(["wineserver", "-k"], env=dict(self.env, WINEPREFIX=self.env["PROFSHIM_WINEPREFIX"]),
                       capture_output=True)


def registry(wine, d_dir, name):
    """HKLM and HKCU as regedit /E exports them (the 64-bit regedit: both views), parsed
    into {key: [value lines]}; the Wow6432Node copy of a shared key is a key of its own."""
    keys = {}
    for hive in ("HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER"):
        out = d_dir / f"{name}-{hive}.reg"
        rc, _, err = wine.run("regedit", "/E", f"D:\\{out.name}", hive, x64=True)
        if rc != 0 or not out.exists():
            raise RuntimeError(f"regedit /E {hive} failed ({rc}): {err.strip()}")
        text = out.read_bytes().decode("utf-16").replace("\r\n", "\n")
        out.unlink()
        key = None
        for line in re.sub(r"\\\n\s*", "", text).split("\n"):  # a long value goes on over lines ending in \\
            if line.startswith("[") and line.endswith("]"):
                key = line[1:-1]
                keys[key] = []
            elif key is not None and line:
                keys[key].append(readable(line))
    return keys


def readable(value_line):
    """A REG_EXPAND_SZ or REG_MULTI_SZ value (hex(2), hex(7): UTF-16 bytes) as its text, so
    that a search finds the names in it (the system PATH is a REG_EXPAND_SZ)."""
    m = re.match(r'^(.*?)=hex\(([27])\):([0-9a-fA-F,]*)$', value_line)
    if not m:
        return value_line
    text = bytes(int(b, 16) for b in m.group(3).split(",") if b).decode("utf-16-le", "replace")
    return f"{m.group(1)}=str({m.group(2)}):" + text.rstrip("\0").replace("\0", "|")


def packed_guid(guid):
    """A GUID as Windows Installer writes it in its own keys (Installer\\Products\\...)."""
    h = guid.strip("{}").replace("-", "").upper()
    swap = "".join(h[i + 1] + h[i] for i in range(16, 32, 2))
    return h[0:8][::-1] + h[8:12][::-1] + h[12:16][::-1] + swap


def about_profshim(keys, words):
    """The keys, and their values, that mention any of `words` (case-insensitive)."""
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    found = {}
    for key, values in keys.items():
        if pattern.search(key):
            found[key] = values
        else:
            hits = [v for v in values if pattern.search(v)]
            if hits:
                found[key] = hits
    return found


def com_keys(keys, bits):
    """The COM object's keys in one registry view, named as that view's programs see them
    (HKEY_LOCAL_MACHINE\\Software\\Classes\\..., lower case). The 32-bit view is
    Software\\Classes\\Wow6432Node for what WoW64 redirects (CLSID, Interface) and the
    64-bit keys for what it shares (ProgIDs; Wine links TypeLib into both)."""
    classes = "hkey_local_machine\\software\\classes\\"
    wow = classes + "wow6432node\\"
    lower = {k.lower(): v for k, v in keys.items()}
    ours = [f"clsid\\{CLSID}", f"typelib\\{LIBID}"] + [f"interface\\{i}" for i in IIDS] + list(PROGIDS)
    ours = [o.lower() for o in ours]
    view = {}
    for key, values in lower.items():
        if not key.startswith(classes):
            continue
        rest = key[len(classes):]
        if bits == 32:
            if key.startswith(wow):
                rest = key[len(wow):]
            elif wow + rest.split("\\")[0] in lower:
                continue   # redirected: the 32-bit view has its own
        elif key.startswith(wow):
            continue
        if any(rest == o or rest.startswith(o + "\\") for o in ours):
            # HELPDIR: regsvr32 writes the folder, Windows Installer the folder and "\".
            norm = [re.sub(r'\\\\"$', '"', v) if rest.endswith("\\helpdir") else v for v in values]
            view[classes + rest] = sorted(norm)
    return view


def c_files(prefix):
    root = prefix / "drive_c"
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def system_path(keys):
    env = keys.get("HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Control\\Session Manager\\Environment", [])
    return [v for v in env if v.lower().startswith('"path"=')]


def crlf_text(path):
    return path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def main():
    ap = argparse.ArgumentParser()
    for a in ("--wine-run", "--wine-run-x64", "--msi", "--next-msi", "--dll", "--probe", "--version",
              "--next-version", "--source-dir", "--license", "--work"):
        ap.add_argument(a, required=True)
    ap.add_argument("--bits", type=int, choices=(32, 64), required=True)
    args = ap.parse_args()
    for a in ("wine_run", "wine_run_x64", "msi", "next_msi", "dll", "probe", "source_dir", "license", "work"):
        setattr(args, a, str(Path(getattr(args, a)).resolve()))

    c = Checks()
    msi, next_msi = Path(args.msi), Path(args.next_msi)
    for package in (msi, next_msi):
        if not package.is_file():
            c.expect(f"{package} was built", False, "no such file (the build needs wixl and msitools: tools/setup)")
    if c.failed:
        print(f"{c.passed} passed, {c.failed} failed")
        return 1

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="msi-", dir=work))
    prefix = tmp / "prefix"
    d_dir = tmp / "d"
    d_dir.mkdir()
    shutil.copy(msi, d_dir / msi.name)
    shutil.copy(next_msi, d_dir / next_msi.name)
    shutil.copy(args.probe, d_dir / "probe.vbs")
    wine = Wine(args.wine_run, args.wine_run_x64, prefix, tmp)
    try:
        if not fresh_prefix(c, wine, prefix, d_dir):
            return 1
        return run(args, c, wine, prefix, d_dir, msi.name, next_msi.name)
    finally:
        wine.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"{c.passed} passed, {c.failed} failed")


def fresh_prefix(c, wine, prefix, d_dir):
    rc, _, err = wine.run("--init")
    if not c.expect("a fresh Wine prefix", rc == 0, err.strip()):
        return False
    (prefix / "dosdevices" / "z:").unlink(missing_ok=True)
    (prefix / "dosdevices" / "d:").symlink_to(d_dir)
    return True


def product_codes(msi):
    """The package's ProductCode and UpgradeCode, and their packed forms."""
    props = subprocess.run(["msiinfo", "export", str(msi), "Property"], capture_output=True, text=True).stdout
    codes = dict(line.split("\t", 1) for line in props.splitlines() if "\t" in line)
    words = []
    for code in ("ProductCode", "UpgradeCode"):
        if code in codes:
            words += [codes[code], packed_guid(codes[code])]
    return words


def nothing_left(c, wine, prefix, d_dir, reg0, files0, reg_installed, msi_names):
    """The registry and C: after an uninstall, against before."""
    reg2 = registry(wine, d_dir, "uninstalled")
    words = ["profshim", CLSID, LIBID, *IIDS]
    for msi_name in msi_names:
        codes = product_codes(d_dir / msi_name)
        c.expect(f"{msi_name}'s ProductCode and UpgradeCode", len(codes) == 4)
        words += codes
    during = about_profshim(reg_installed, words)
    c.expect(f"installed, {len(during)} registry keys name profshim (so the search below finds them)",
             len(during) > 23)   # the object's own 23, and Windows Installer's records
    before = about_profshim(reg0, words)
    after = about_profshim(reg2, words)
    left = {k: v for k, v in after.items() if before.get(k) != v}
    c.expect("uninstalled, the registry holds nothing of profshim that was not there before",
             not left, "\n  " + "\n  ".join(f"[{k}] {v}" for k, v in sorted(left.items())))
    c.expect("uninstalled, the system PATH is as it was", system_path(reg2) == system_path(reg0),
             f"{system_path(reg2)} != {system_path(reg0)}")
    new_files = sorted(c_files(prefix) - files0)
    c.expect("uninstalled, C: holds no file it did not hold before (nor the cached package)",
             not new_files, str(new_files))
    named = sorted(str(p.relative_to(prefix)) for p in (prefix / "drive_c").rglob("*profshim*"))
    c.expect("uninstalled, no file or folder named profshim on C:", not named, str(named))


def installed_products(keys):
    """The DisplayVersion of every product named profshim in the Uninstall keys (both views)."""
    versions = []
    for key, values in keys.items():
        if re.search(r"\\Uninstall\\\{[0-9A-F-]+\}$", key, re.IGNORECASE) and \
                any(v.startswith('"DisplayName"="profshim ') for v in values):
            versions += [v.split("=", 1)[1].strip('"') for v in values if v.startswith('"DisplayVersion"=')]
    return versions


def run(args, c, wine, prefix, d_dir, msi_name, next_name):
    program_files = "Program Files" if args.bits == 64 else "Program Files (x86)"
    install_dir = prefix / "drive_c" / program_files / "profshim"
    install_win = f"C:\\{program_files}\\profshim"
    dll_win = f"{install_win}\\bin\\profshim.dll"

    # 1. Before.
    reg0 = registry(wine, d_dir, "before")
    files0 = c_files(prefix)

    # 2. The reference: regsvr32 on the DLL where the package puts it.
    (install_dir / "bin").mkdir(parents=True)
    shutil.copy(args.dll, install_dir / "bin" / "profshim.dll")
    rc, _, err = wine.run("regsvr32", "/s", dll_win)
    c.expect(f"regsvr32 {dll_win} (the reference registration)", rc == 0, f"exit status {rc} {err.strip()}")
    reference = com_keys(registry(wine, d_dir, "regsvr32"), args.bits)
    rc, _, err = wine.run("regsvr32", "/u", "/s", dll_win)
    c.expect("regsvr32 /u", rc == 0, f"exit status {rc} {err.strip()}")
    shutil.rmtree(install_dir)
    c.expect("regsvr32 /u left none of the object's keys",
             not com_keys(registry(wine, d_dir, "regsvr32-u"), args.bits))

    # 3. Install.
    rc, out, err = wine.run("msiexec", "/i", f"D:\\{msi_name}", "/qn")
    if not c.expect(f"msiexec /i {msi_name} /qn", rc == 0, f"exit status {rc} {out.strip()} {err.strip()}"):
        return 1
    src = Path(args.source_dir)
    expected = {
        "LICENSE.txt": crlf_text(Path(args.license)),  # for Notepad, as in the zip
        "bin/profileinfo-samples.txt": (src / "examples/profileinfo-samples.txt").read_bytes(),
        "vb/ProfShim.bas": (src / "bindings/vb/ProfShim.bas").read_bytes(),
        "csharp/ProfShim.cs": (src / "bindings/csharp/ProfShim.cs").read_bytes(),
        "bin/profshim.dll": None,
        "bin/profshim.exe": None,
    }
    installed = {str(p.relative_to(install_dir)) for p in install_dir.rglob("*") if p.is_file()}
    c.expect(f"{install_win} holds exactly {', '.join(sorted(expected))}",
             installed == set(expected), f"holds {sorted(installed)}")
    for name, content in expected.items():
        if content is not None and (install_dir / name).is_file():
            c.expect(f"{name} is its source", (install_dir / name).read_bytes() == content)

    # 4. The package's COM keys, against regsvr32's.
    reg1 = registry(wine, d_dir, "installed")
    installed_keys = com_keys(reg1, args.bits)
    missing = sorted(set(reference) - set(installed_keys))
    extra = sorted(set(installed_keys) - set(reference))
    differ = sorted(k for k in set(reference) & set(installed_keys) if reference[k] != installed_keys[k])
    c.expect(f"the package wrote regsvr32's {len(reference)} keys of the object in the {args.bits}-bit view",
             len(reference) >= 10 and not missing and not extra and not differ,
             f"missing {missing}, extra {extra}, "
             + "; ".join(f"{k}: {installed_keys[k]} != {reference[k]}" for k in differ))
    other = com_keys(reg1, 96 - args.bits)
    other_class = [k for k in other if k.startswith("hkey_local_machine\\software\\classes\\clsid\\")]
    c.expect(f"no class registered in the other ({96 - args.bits}-bit) view", not other_class, str(other_class))

    # 5. The object, from cscript of the package's bitness.
    rc, out, err = wine.run("cscript", "//nologo", "D:\\probe.vbs")
    want = f"bits={args.bits} server={dll_win} created=yes answer={KB_ANSWER}"
    c.expect(f"cscript ({args.bits}-bit): CreateObject(\"ProfShim.ProfileInfo\").Rewrite", out.strip() == want,
             f"got '{out.strip()}' {err.strip()}, expected '{want}'")

    # 6. The CLI: from its folder, and through PATH.
    rc, out, err = wine.run(f"{install_win}\\bin\\profshim.exe", "demo")
    c.expect("profshim.exe demo, run from the installed folder",
             rc == 0 and re.search(r"kb-q271913.*ERROR_PATH_NOT_FOUND", out, re.DOTALL) is not None
             and re.search(r"\d+ samples:", out) is not None,
             f"exit status {rc}, output ends {out[-300:]!r} {err.strip()}")
    path_installed = system_path(reg1)
    c.expect("the system PATH starts with the bin folder",
             len(path_installed) == 1 and path_installed[0].lower().startswith(f'"path"=str(2):{install_win}\\bin\\;'.lower()),
             str(path_installed))
    rc, out, err = wine.run("cmd", "/c", "cd /d C:\\ && profshim --version")
    c.expect("cmd.exe in C:\\ finds profshim through PATH", rc == 0 and out.startswith(f"profshim {args.version}"),
             f"exit status {rc}: {out.strip()} {err.strip()}")

    # 7. Uninstall.
    rc, out, err = wine.run("msiexec", "/x", f"D:\\{msi_name}", "/qn")
    c.expect(f"msiexec /x {msi_name} /qn", rc == 0, f"exit status {rc} {out.strip()} {err.strip()}")

    # 8. Nothing left.
    nothing_left(c, wine, prefix, d_dir, reg0, files0, reg1, [msi_name])

    # 9. An upgrade: this package, then the same built as the next version, which must
    #    replace it (MajorUpgrade), work, and uninstall as cleanly.
    for name in (msi_name, next_name):
        rc, out, err = wine.run("msiexec", "/i", f"D:\\{name}", "/qn")
        c.expect(f"msiexec /i {name} /qn", rc == 0, f"exit status {rc} {out.strip()} {err.strip()}")
    reg3 = registry(wine, d_dir, "upgraded")
    products = installed_products(reg3)
    c.expect(f"upgraded: one profshim product installed, {args.next_version}", products == [args.next_version],
             str(products))
    rc, out, err = wine.run("cscript", "//nologo", "D:\\probe.vbs")
    c.expect("upgraded: cscript creates the object and calls it", out.strip() == want, f"got '{out.strip()}'")
    rc, out, err = wine.run("msiexec", "/i", f"D:\\{msi_name}", "/qn")
    products = installed_products(registry(wine, d_dir, "downgrade"))
    c.expect(f"msiexec /i {msi_name} over {args.next_version} is refused, and changes nothing",
             rc != 0 and products == [args.next_version], f"exit status {rc}, products {products}")
    rc, out, err = wine.run("msiexec", "/x", f"D:\\{next_name}", "/qn")
    c.expect(f"msiexec /x {next_name} /qn", rc == 0, f"exit status {rc} {out.strip()} {err.strip()}")
    nothing_left(c, wine, prefix, d_dir, reg0, files0, reg3, [msi_name, next_name])
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
