# The tests import bindings/python/profshim.py itself, never an installed copy; it loads
# the library named by PROFSHIM_LIBRARY (ctest passes the one this build made).
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..")))
