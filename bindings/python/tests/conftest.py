# Over the source tree (ctest bindings.python): bindings/python/src goes first on sys.path,
# and the package loads the library named by PROFSHIM_LIBRARY (ctest passes the one this
# build made). Over an installed wheel (bindings.python.wheel, PROFSHIM_TEST_INSTALLED=1):
# nothing is added, so `import profshim` is the venv's.
import os
import sys

if os.environ.get("PROFSHIM_TEST_INSTALLED") != "1":
    sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "src")))
