// Catch2 v2 (Debian bookworm) needs one translation unit to provide main().
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
