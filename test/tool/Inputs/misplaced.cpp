#include "bumper-stub.hpp"

[[bumper::no_escape]] int Misplaced;
