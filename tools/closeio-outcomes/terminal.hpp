// What the standard streams are connected to, the yes/no prompt, and checked stdout flushing.
#pragma once

#include <string>

namespace closeio_cli {

bool stdin_is_terminal();   ///< True when standard input is a terminal.
bool stdout_is_terminal();  ///< True when standard output is a terminal.
bool stderr_is_terminal();  ///< True when standard error is a terminal.

/// Writes `question` and " [y/N] " to stderr and reads one line from stdin. True only for
/// "y" or "yes" (any case); end of input counts as no.
bool confirm(const std::string& question);

/// Writes "closeio-outcomes: <message>" as one line on stderr, after clearing a progress line,
/// with control characters neutralised. For warnings and notices that do not end the command.
void notice(const std::string& message);

/// Flushes stdout; throws CliError (ExitCode::failure) when writing failed (disk full, closed
/// pipe), so a truncated output never ends with exit code 0.
void flush_stdout();

}  // namespace closeio_cli
