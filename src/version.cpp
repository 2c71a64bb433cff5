#include "closeio/version.hpp"

namespace closeio {

const char* version() noexcept { return CLOSEIO_VERSION_STRING; }

}  // namespace closeio
