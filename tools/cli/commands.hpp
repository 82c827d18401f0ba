// The commands of profshim, one file each; main.cpp dispatches to them.
#pragma once

#include "opt.hpp"

namespace profshim_cli {

extern const Command kCheckCommand;    // check.cpp
extern const Command kRewriteCommand;  // rewrite.cpp
extern const Command kNameCommand;     // name.cpp
extern const Command kDemoCommand;     // demo.cpp

}  // namespace profshim_cli
