// Bumper: scratch memory as cheap as the stack. The whole C++ API.
//
//   int f(std::span<const int> x) {
//     bumper::NoEscape guard;                       // resets on every exit
//     std::span<int> y = bumper::alloc<int>(x.size());
//     for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] + 1;
//     return std::accumulate(y.begin(), y.end(), 0);
//   }
//
// Code that only needs the guard, alloc, checkpoints and the buffers includes
// the light <bumper/core.hpp> instead, which costs a translation unit far
// less to compile. See docs/runtime.md for the whole API.
#ifndef BUMPER_BUMPER_HPP
#define BUMPER_BUMPER_HPP

#include <bumper/core.hpp>
#include <bumper/interop.hpp>
#include <bumper/mdview.hpp>
#include <bumper/string.hpp>
#include <bumper/with_buffer.hpp>

#endif // BUMPER_BUMPER_HPP
