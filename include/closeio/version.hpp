/// @file
/// Version of the closeio-cpp library. CMake reads the numbers from this file.
#pragma once

#include "closeio/export.hpp"

/// Major version: incremented on incompatible API or ABI changes.
#define CLOSEIO_VERSION_MAJOR 0
/// Minor version: incremented on backwards-compatible additions.
#define CLOSEIO_VERSION_MINOR 1
/// Patch version: incremented on backwards-compatible fixes.
#define CLOSEIO_VERSION_PATCH 0
/// The version as a string literal, "MAJOR.MINOR.PATCH".
#define CLOSEIO_VERSION_STRING "0.1.0"

namespace closeio {

/// The version of the library the program is linked against, "MAJOR.MINOR.PATCH". It can differ
/// from CLOSEIO_VERSION_STRING when a program runs against a newer shared library.
CLOSEIO_EXPORT const char* version() noexcept;

}  // namespace closeio
