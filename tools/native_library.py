"""What the packaging checks share (bindings/csharp/nupkg.py, bindings/python/check_wheel.py):
which platform a native library is built for, read from its own header, and a counter of
checks that prints one line each and the closing "N passed, N failed"."""
import struct
from typing import Optional

PE_MACHINES = {0x8664: "win-x64", 0x014C: "win-x86"}   # PE file header Machine


def runtime_of(data: bytes) -> Optional[str]:
    """The .NET runtime identifier of a native library ("linux-x64", "win-x64", "win-x86"),
    from its ELF or PE header; None for anything else."""
    if data[:4] == b"\x7fELF" and data[4] == 2 and struct.unpack_from("<H", data, 18)[0] == 62:
        return "linux-x64"   # ELFCLASS64, EM_X86_64
    if data[:2] == b"MZ":
        pe = struct.unpack_from("<I", data, 0x3C)[0]
        if data[pe:pe + 4] == b"PE\0\0":
            return PE_MACHINES.get(struct.unpack_from("<H", data, pe + 4)[0])
    return None


class Checks:
    """One line per check, "ok: ..." or "FAILED: ...", and a closing count."""

    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def ok(self, msg: str) -> None:
        self.passed += 1
        print("ok: " + msg)

    def fail(self, msg: str) -> None:
        self.failed += 1
        print("FAILED: " + msg)

    def expect(self, cond: bool, msg: str) -> None:
        (self.ok if cond else self.fail)(msg)

    def finish(self) -> int:
        """Prints "N passed, N failed"; the exit status: 0 only when some passed and none failed."""
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed or not self.passed else 0
