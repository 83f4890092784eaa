// Shapes real projects gave annotate-all.py: yaml-cpp's dragonbox.h builds a
// static table with an immediately-invoked lambda in a class template (its
// closure is dumped twice), fmt's FMT_FUNC expands to nothing.
#pragma once
#define PROJ_FUNC
template <class T> struct Table {
  struct Holder { int v[4]; };
  static constexpr Holder cache = [] {
    Holder h{};
    for (int i = 0; i < 4; ++i) {
      h.v[i] = i * 2;
    }
    return h;
  }();
};
template <class T> int first(const T &t) { return t.v[0]; }
