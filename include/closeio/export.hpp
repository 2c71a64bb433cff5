/// @file
/// Symbol visibility for the closeio library.
#pragma once

/// Marks a public class or function as part of the shared library's ABI. The library is built
/// with hidden visibility by default, so only what carries this macro is exported.
#if defined(_WIN32) && defined(CLOSEIO_SHARED)
#if defined(CLOSEIO_BUILDING)
#define CLOSEIO_EXPORT __declspec(dllexport)
#else
#define CLOSEIO_EXPORT __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define CLOSEIO_EXPORT __attribute__((visibility("default")))
#else
#define CLOSEIO_EXPORT
#endif
