// The main() of the ABI test executables: load profshim by path, then run the tests.
#include "abi_support.hpp"

int main(int argc, char** argv) { return psh_abi::abi_main(argc, argv); }
