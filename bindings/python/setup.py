"""The wheel's platform tag, from the native library it carries (pyproject.toml has the
rest). profshim is ctypes only, so one wheel serves every Python 3 (py3-none-<platform>);
its platform is that of the library in src/profshim/, read from the file's own header
(ELF e_machine, PE Machine), so a wheel can never be tagged for a platform its library is
not for. With no library it is a pure wheel (py3-none-any)."""

import os
import struct
from typing import Optional, Tuple

from setuptools import Distribution, setup
from wheel.bdist_wheel import bdist_wheel

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "src", "profshim")
LIBRARIES = ("libprofshim.so.1", "profshim.dll")

ELF_MACHINES = {62: "linux_x86_64", 183: "linux_aarch64"}   # 64-bit ELF e_machine
PE_MACHINES = {0x8664: "win_amd64", 0x014C: "win32"}         # PE file header Machine


def platform_of(path: str) -> str:
    with open(path, "rb") as f:
        head = f.read(4096)
    if head[:4] == b"\x7fELF" and head[4] == 2:
        machine = struct.unpack_from("<H", head, 18)[0]
        if machine in ELF_MACHINES:
            return ELF_MACHINES[machine]
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


setup(distclass=NativeDistribution, cmdclass={"bdist_wheel": PlatformWheel})
