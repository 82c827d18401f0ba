"""The wheel's platform tag, from the native library it carries (pyproject.toml has the
rest). profshim is ctypes only, so one wheel serves every Python 3 (py3-none-<platform>);
its platform is that of the library in src/profshim/, read from the file's own header
(ELF e_machine, PE Machine), so a wheel can never be tagged for a platform its library is
not for. With no library it is a pure wheel (py3-none-any).

A Linux library is tagged with the oldest manylinux policy it meets (PEP 600; package
indexes take no plain linux_* wheel): the shared libraries it needs (DT_NEEDED) and the
symbol versions it needs from them (.gnu.version_r), read here from the ELF file, within
the policy's limits. A library that meets none keeps linux_<arch>, and the wheel's test
(check_wheel.py, which reads the same with objdump) says which symbol is too new."""

import os
import re
import struct
from typing import Dict, List, Optional, Set, Tuple

from setuptools import Distribution, setup
from wheel.bdist_wheel import bdist_wheel

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "src", "profshim")
LIBRARIES = ("libprofshim.so.1", "profshim.dll")

ELF_MACHINES = {62: "linux_x86_64", 183: "linux_aarch64"}   # 64-bit ELF e_machine
PE_MACHINES = {0x8664: "win_amd64", 0x014C: "win32"}         # PE file header Machine


# PEP 599 / PEP 600 policies, oldest first, for x86_64: the newest symbol version of each
# kind a library may need, and the libraries it may need. (manylinux2010, glibc 2.12, is
# left out: the library needs memcpy@GLIBC_2.14.)
MANYLINUX = [
    ("manylinux_2_17_x86_64.manylinux2014_x86_64",
     {"GLIBC": (2, 17), "GLIBCXX": (3, 4, 19), "CXXABI": (1, 3, 7), "GCC": (4, 8, 0)},
     {"libgcc_s.so.1", "libstdc++.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libc.so.6",
      "libnsl.so.1", "libutil.so.1", "libpthread.so.0", "libresolv.so.2"}),
]


def elf_needs(data: bytes) -> Tuple[Set[str], Dict[str, Tuple[int, ...]]]:
    """A 64-bit little-endian ELF file's DT_NEEDED libraries, and the newest version it
    needs of each kind of symbol version (GLIBC_2.14 -> {"GLIBC": (2, 14)})."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]

    def string(table: int, at: int) -> str:
        start = sections[table][4] + at
        return data[start:data.index(b"\0", start)].decode()

    needed: Set[str] = set()
    newest: Dict[str, Tuple[int, ...]] = {}
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, _entsize in sections:
        if kind == 6:  # SHT_DYNAMIC: DT_NEEDED entries
            for at in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", data, at)
                if tag == 1:
                    needed.add(string(link, value))
        elif kind == 0x6FFFFFFE:  # SHT_GNU_verneed
            at = offset
            while True:
                _version, count, _file, aux, following = struct.unpack_from("<HHIII", data, at)
                entry = at + aux
                for _ in range(count):
                    _hash, _vflags, _other, name, following_aux = struct.unpack_from("<IHHII", data, entry)
                    m = re.fullmatch(r"([A-Z]+)_([0-9.]+)", string(link, name))
                    if m:
                        version = tuple(int(p) for p in m.group(2).split("."))
                        newest[m.group(1)] = max(newest.get(m.group(1), version), version)
                    entry += following_aux
                if not following:
                    break
                at += following
    return needed, newest


def manylinux_of(path: str, plain: str) -> str:
    """The oldest manylinux tag the library at ``path`` meets, else ``plain``."""
    if plain != "linux_x86_64":
        return plain
    with open(path, "rb") as f:
        needed, newest = elf_needs(f.read())
    for tag, limits, libraries in MANYLINUX:
        if needed <= libraries and all(kind in limits and version <= limits[kind]
                                       for kind, version in newest.items()):
            return tag
    return plain


def platform_of(path: str) -> str:
    with open(path, "rb") as f:
        head = f.read(4096)
    if head[:4] == b"\x7fELF" and head[4] == 2:
        machine = struct.unpack_from("<H", head, 18)[0]
        if machine in ELF_MACHINES:
            return manylinux_of(path, ELF_MACHINES[machine])
    if head[:2] == b"MZ":
        pe = struct.unpack_from("<I", head, 0x3C)[0]
        if head[pe:pe + 4] == b"PE\0\0":
            machine = struct.unpack_from("<H", head, pe + 4)[0]
            if machine in PE_MACHINES:
                return PE_MACHINES[machine]
    raise SystemExit("setup.py: %s is no library this package knows a platform for" % path)


def native_platform() -> Optional[str]:
    present = [n for n in LIBRARIES if os.path.exists(os.path.join(PACKAGE, n))]
    if len(present) > 1:
        raise SystemExit("setup.py: src/profshim holds %s; a wheel carries one library" % present)
    return platform_of(os.path.join(PACKAGE, present[0])) if present else None


class NativeDistribution(Distribution):  # type: ignore[misc]
    # A wheel with a library goes to platlib, the wheel's root (not .data/purelib).
    def has_ext_modules(self) -> bool:
        return native_platform() is not None


class PlatformWheel(bdist_wheel):  # type: ignore[misc]
    def finalize_options(self) -> None:
        super().finalize_options()
        self.platform = native_platform()
        self.root_is_pure = self.platform is None

    def get_tag(self) -> Tuple[str, str, str]:
        return ("py3", "none", self.platform or "any")


# Each wheel names the one operating system its library runs on (a Linux wheel said Windows
# too); a wheel without a library loads the system's, on either.
CLASSIFIERS = ["License :: OSI Approved :: MIT License", "Programming Language :: Python :: 3",
               "Typing :: Typed"]
WINDOWS = "Operating System :: Microsoft :: Windows"
LINUX = "Operating System :: POSIX :: Linux"


def operating_systems(platform: Optional[str]) -> List[str]:
    if platform is None:
        return [WINDOWS, LINUX]
    return [WINDOWS] if platform.startswith("win") else [LINUX]


setup(distclass=NativeDistribution, cmdclass={"bdist_wheel": PlatformWheel},
      classifiers=CLASSIFIERS + operating_systems(native_platform()))
