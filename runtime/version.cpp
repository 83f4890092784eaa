// The library's version, for the C API and for diagnostics of mismatched
// headers and library.
#include "bumper/bumper.h"

extern "C" const char *bumper_version(void) { return BUMPER_VERSION_STRING; }
