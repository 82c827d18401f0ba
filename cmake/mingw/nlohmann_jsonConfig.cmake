# nlohmann-json (Debian nlohmann-json3-dev) for a mingw-w64 cross build: HostHeaders.cmake
# says why.
include("${CMAKE_CURRENT_LIST_DIR}/HostHeaders.cmake")
psh_host_headers(nlohmann_json nlohmann_json::nlohmann_json nlohmann/json.hpp nlohmann-json3-dev)
