// Every reason bumper-heap-temporary refuses a std::vector v(n) or v(n, x),
// each a remark under --explain (none without it), and --fix leaves the
// file as it was. Vectors that are not constructed with their size are not
// candidates at all: no remark.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/t.cpp
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain %t/t.cpp -- %bumper-cxxflags -Xclang -verify -Xclang -verify-ignore-unexpected=note
// RUN: %bumper-tool --checks=bumper-heap-temporary %t/t.cpp -- %bumper-cxxflags -Wno-return-stack-address 2>&1 | count 0
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain --fix --summary %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: , 0 heap temporaries converted (38 refused),
// RUN: diff %s %t/t.cpp
// The note of a refusal points at the use that refuses it.
// RUN: %bumper-tool --checks=bumper-heap-temporary --explain %t/t.cpp -- %bumper-cxxflags 2>&1 | FileCheck %s --check-prefix=NOTE
// NOTE: t.cpp:34:20: remark: 'V' is not converted to arena memory: resized ('resize') at line 35 [bumper-heap-temporary]
// NOTE: t.cpp:35:3: note: here
// (The line numbers below are those of this file.)
#include <coroutine>
#include <span>
#include <string>
#include <utility>
#include <vector>

int *Global;
std::span<int> Kept;
void keep(std::span<int> S) { Kept = S; }
void takesVector(std::vector<int> &V);
void takesPointer(int *P);
template <class C> void generic(C &Container) { (void)Container; }
struct Holder {
  int *P = nullptr;
  void hold(int *Q) { P = Q; }
};

int resized(int N) {
  std::vector<int> V(N); // expected-remark {{'V' is not converted to arena memory: resized ('resize') at line 35}}
  V.resize(2 * N);
  return V[0];
}

int assigned(int N) {
  std::vector<int> V(N); // expected-remark {{resized ('assign') at line 41}}
  V.assign(3, 1);
  return V[0];
}

int reserved(int N) {
  std::vector<int> V(N); // expected-remark {{its capacity is changed ('reserve') at line 47}}
  V.reserve(100);
  return V[0];
}

int pushed(int N) {
  std::vector<int> V(N); // expected-remark {{pushed to ('push_back') at line 53}}
  V.push_back(1);
  return V[0];
}

int shrunk(int N) {
  std::vector<int> V(N); // expected-remark {{shrunk ('clear') at line 59}}
  V.clear();
  return int(V.size());
}

int swapped(int N) {
  std::vector<int> V(N), W; // expected-remark {{'V' is not converted to arena memory: it is declared together with other variables}}
  std::vector<int> X(N); // expected-remark {{'X' is not converted to arena memory: swapped at line 66}}
  X.swap(W);
  return int(X.size() + V.size());
}

int noSpanMember(int N) {
  std::vector<int> V(N); // expected-remark {{'at' is called, which std::span does not have at line 72}}
  return V.at(0);
}

int capacity(int N) {
  std::vector<int> V(N); // expected-remark {{'capacity' is called, which std::span does not have at line 77}}
  return int(V.capacity());
}

int assignedTo(int N) {
  std::vector<int> V(N); // expected-remark {{assigned to at line 83}}
  std::vector<int> W(N + 1); // expected-remark {{'W' is not converted to arena memory: copied into 'V' at line 83}}
  V = W;
  return V[0];
}

int copied(int N) {
  std::vector<int> V(N); // expected-remark {{copied into 'W' at line 89}}
  std::vector<int> W = V;
  return W[0];
}

std::vector<int> moved(int N) {
  std::vector<int> V(N); // expected-remark {{moved into 'Result' at line 95}}
  std::vector<int> Result = std::move(V);
  return Result;
}

std::vector<int> returned(int N) {
  std::vector<int> V(N, 2); // expected-remark {{returned at line 101}}
  return V;
}

int asVector(int N) {
  std::vector<int> V(N); // expected-remark {{passed to 'takesVector' as 'std::vector<int> &' at line 106}}
  takesVector(V);
  return V[0];
}

int toTemplate(int N) {
  std::vector<int> V(N); // expected-remark {{passed to the template 'generic', which may use it as a 'std::vector' at line 112}}
  generic(V);
  return V[0];
}

int addressTaken(int N) {
  std::vector<int> V(N); // expected-remark {{its address is taken at line 118}}
  std::vector<int> *P = &V;
  return (*P)[0];
}

int reference(int N) {
  std::vector<int> V(N); // expected-remark {{bound to the reference 'R' at line 124}}
  std::vector<int> &R = V;
  return R[0];
}

int captured(int N) {
  std::vector<int> V(N); // expected-remark {{copied into a lambda's capture at line 130}}
  auto F = [V] { return V[0]; };
  return F();
}

int iteratorNamed(int N) {
  std::vector<int> V(N); // expected-remark {{its iterator is used where a 'std::vector' iterator is named at line 136}}
  std::vector<int>::iterator It = V.begin();
  return *It;
}

int sized(int N) {
  std::vector<int> V(N); // expected-remark {{its type is used (sizeof) at line 142}}
  return int(sizeof V) + V[0];
}

bool compared(int N) {
  std::vector<int> V(N), W(N); // expected-remark 2 {{declared together with other variables}}
  std::vector<int> X(N); // expected-remark {{used by the std::vector's operator '==' at line 148}}
  return X == W && V.empty();
}

int notTrivial(int N) {
  std::vector<std::string> V(N); // expected-remark {{its element type 'std::string' is not trivial}}
  return int(V[0].size());
}

int constant(int N) {
  const std::vector<int> V(N, 1); // expected-remark {{it is declared const}}
  return V[0];
}

#define SCRATCH(name, n) std::vector<int> name(n)
int macro(int N) {
  SCRATCH(V, N); // expected-remark {{its declaration is written in a macro}}
  return V[0];
}

int forInit(int N) {
  int R = 0;
  for (std::vector<int> V(N); R < 1; ++R) // expected-remark {{it is not declared directly in a block}}
    R += V[0];
  return R;
}

int inLambda(int N) {
  auto F = [N] {
    std::vector<int> V(N); // expected-remark {{it is declared in a lambda}}
    return V[0];
  };
  return F();
}

int inTry(int N) {
  try {
    std::vector<int> V(N); // expected-remark {{its block cannot carry the 'bumper::no_escape' annotation}}
    return V[0];
  } catch (...) {
    return -1;
  }
}

// Escapes, found by the escape analysis with the vector's storage taken as
// arena memory.
int storedGlobal(int N) {
  std::vector<int> V(N); // expected-remark {{its data escapes at line 195: a pointer into it is stored into 'Global', which outlives the block}}
  Global = V.data();
  return V[0];
}

int storedByReference(int N) {
  std::vector<int> V(N); // expected-remark {{its data escapes at line 202: a pointer into it is stored into 'Global'}}
  for (int &X : V)
    Global = &X;
  return V[0];
}

int keptByCallee(int N) {
  std::vector<int> V(N); // expected-remark {{its data escapes at line 208: a pointer into it is passed to 'keep', which stores it into 'Kept'}}
  keep(V);
  return V[0];
}

int keptByMember(Holder &H, int N) {
  std::vector<int> V(N); // expected-remark {{its data escapes at line 214: a pointer into it is passed to 'H.hold', which stores it into 'H'}}
  H.hold(&V[1]);
  return V[0];
}

int *returnedPointer(int N) {
  std::vector<int> V(N); // expected-remark {{its data escapes at line 220: a pointer into it is returned}}
  return V.data(); // expected-warning {{address of stack memory}}
}

int escapesBlock(int N) {
  int *Out = nullptr;
  {
    std::vector<int> V(N); // expected-remark {{its data escapes at line 227: a pointer into it is stored into 'Out', which outlives the block}}
    Out = V.data();
  }
  return Out ? 1 : 0;
}

struct Gen {
  struct promise_type {
    Gen get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Gen coroutine(int N) {
  std::vector<int> V(N); // expected-remark {{it is declared in a coroutine}}
  takesPointer(V.data());
  co_return;
}

constexpr int constantEvaluated(int N) {
  std::vector<int> V(N, 4); // expected-remark {{its function is constexpr, and bumper::alloc is not}}
  return V[0];
}
static_assert(constantEvaluated(2) == 4);

// Not candidates: no size given, a template. (A list and a range are:
// range-list.cpp.)
int notCandidates(int N) {
  std::vector<int> A;
  A.push_back(N);
  return A[0];
}
template <class T> T inTemplate(int N) {
  std::vector<T> V(N);
  return V[0];
}
int useTemplate() { return inTemplate<int>(3); }
