# CLI11 (Debian libcli11-dev) for a mingw-w64 cross build: HostHeaders.cmake says why.
include("${CMAKE_CURRENT_LIST_DIR}/HostHeaders.cmake")
psh_host_headers(CLI11 CLI11::CLI11 CLI/CLI.hpp libcli11-dev)
