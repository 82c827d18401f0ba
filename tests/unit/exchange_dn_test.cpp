#include <gtest/gtest.h>
#include "exchange_dn.hpp"
#include "rewrite.hpp"
#include "profile_name.hpp"
TEST(Smoke, Compiles) {}
