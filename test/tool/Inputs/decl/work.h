#pragma once
#include "bumper-stub.hpp"

// The annotation is on the declaration; the definition is elsewhere.
[[bumper::no_escape]] int work(int N);
