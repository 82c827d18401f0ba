# Microsoft.GSL (Debian libmsgsl-dev) for a mingw-w64 cross build: HostHeaders.cmake says why.
include("${CMAKE_CURRENT_LIST_DIR}/HostHeaders.cmake")
psh_host_headers(Microsoft.GSL Microsoft.GSL::GSL gsl/span libmsgsl-dev)
