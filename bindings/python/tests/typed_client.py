"""A typed caller of the installed package: `mypy --strict` must accept it, which it does
only when the wheel ships py.typed and the package's own types hold. Run by
check_wheel.py (ctest bindings.python.wheel) with the venv's python, and executed there."""

from typing import List, Optional

import profshim
from profshim import ProfShimError, Report, Status


def safe_profile_info(info: str) -> Optional[str]:
    report: Report = profshim.check(info)
    if report.ok:
        return info
    try:
        return profshim.rewrite(info)
    except ProfShimError as e:
        status: int = e.status
        assert status == Status.UNSAFE_CHAR or status < 0
        return None


def main() -> None:
    infos: List[str] = ["EXCH01\njdoe", "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"]
    for info in infos:
        safe = safe_profile_info(info)
        name: str = profshim.profile_name(info)
        print(repr(safe), name, profshim.hex32(profshim.check(info).status))
    version: int = profshim.version()
    print(version, profshim.__version__, profshim.library_path())


if __name__ == "__main__":
    main()
