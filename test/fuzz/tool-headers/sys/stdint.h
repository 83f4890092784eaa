#pragma once
#include "fuzz_std.h"
