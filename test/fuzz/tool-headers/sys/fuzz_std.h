// Stand-ins of the standard library for the tool's fuzzer (README.md): the
// declarations bumper-tool's analysis looks at, nothing that runs.
#pragma once
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __INTPTR_TYPE__ intptr_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef __INT8_TYPE__ int8_t;
typedef __INT16_TYPE__ int16_t;
typedef __INT32_TYPE__ int32_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINT8_TYPE__ uint8_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __UINT64_TYPE__ uint64_t;
typedef struct fuzz_FILE FILE;
#define NULL 0
#define SIZE_MAX __SIZE_MAX__
#define INT_MAX __INT_MAX__
#define EOF (-1)
#define offsetof(T, m) __builtin_offsetof(T, m)
#define assert(x) ((void)(x))

#ifdef __cplusplus
extern "C" {
#endif
void *malloc(size_t);
void *calloc(size_t, size_t);
void *realloc(void *, size_t);
void free(void *);
void abort(void);
void exit(int);
int atoi(const char *);
void *memcpy(void *, const void *, size_t);
void *memmove(void *, const void *, size_t);
void *memset(void *, int, size_t);
int memcmp(const void *, const void *, size_t);
size_t strlen(const char *);
int strcmp(const char *, const char *);
char *strcpy(char *, const char *);
char *strchr(const char *, int);
int printf(const char *, ...);
int fprintf(FILE *, const char *, ...);
int snprintf(char *, size_t, const char *, ...);
int puts(const char *);
extern FILE *stdout;
extern FILE *stderr;
int isalpha(int);
int isalnum(int);
int isdigit(int);
int isspace(int);
int tolower(int);
int toupper(int);
#ifdef __cplusplus
}
#endif

#ifdef __cplusplus
namespace std {
using ::size_t;
using ::ptrdiff_t;
using ::intptr_t;
using ::uintptr_t;
using ::int8_t;
using ::int16_t;
using ::int32_t;
using ::int64_t;
using ::uint8_t;
using ::uint16_t;
using ::uint32_t;
using ::uint64_t;
using ::FILE;
using ::malloc;
using ::free;
using ::abort;
using ::memcpy;
using ::memmove;
using ::memset;
using ::memcmp;
using ::strlen;
using ::strcmp;
using ::printf;
using ::fprintf;
using ::snprintf;
using ::puts;
using ::isalpha;
using ::isalnum;
using ::isdigit;
using ::isspace;
using ::tolower;
using ::toupper;
using nullptr_t = decltype(nullptr);
using max_align_t = long double;
enum class byte : unsigned char {};

template <class T> struct remove_reference { using type = T; };
template <class T> struct remove_reference<T &> { using type = T; };
template <class T> struct remove_reference<T &&> { using type = T; };
template <class T> using remove_reference_t = typename remove_reference<T>::type;
template <class T> struct remove_cv { using type = T; };
template <class T> struct remove_cv<const T> { using type = T; };
template <class T> using remove_cv_t = typename remove_cv<T>::type;
template <class T> using remove_cvref_t = remove_cv_t<remove_reference_t<T>>;
template <class T> using decay_t = __decay(T);
template <bool B, class T = void> struct enable_if {};
template <class T> struct enable_if<true, T> { using type = T; };
template <bool B, class T = void> using enable_if_t = typename enable_if<B, T>::type;
template <class T, class U> inline constexpr bool is_same_v = __is_same(T, U);
template <class T> inline constexpr bool is_integral_v = __is_integral(T);
template <class T> inline constexpr bool is_pointer_v = __is_pointer(T);
template <class T>
inline constexpr bool is_trivially_destructible_v = __is_trivially_destructible(T);
template <class T> T &&declval() noexcept;
#if __cplusplus >= 202002L
template <class T> concept integral = __is_integral(T);
template <class T, class U> concept same_as = __is_same(T, U);
#endif

template <class T> constexpr remove_reference_t<T> &&move(T &&t) noexcept {
  return static_cast<remove_reference_t<T> &&>(t);
}
template <class T> constexpr T &&forward(remove_reference_t<T> &t) noexcept {
  return static_cast<T &&>(t);
}
template <class T> constexpr T &&forward(remove_reference_t<T> &&t) noexcept {
  return static_cast<T &&>(t);
}
template <class T> constexpr const T &as_const(T &t) noexcept { return t; }
template <class T> void swap(T &a, T &b) noexcept;
template <class T, class U = T> T exchange(T &obj, U &&v);
template <class T> constexpr T *addressof(T &t) noexcept {
  return __builtin_addressof(t);
}
template <class T> constexpr const T &min(const T &a, const T &b) {
  return b < a ? b : a;
}
template <class T> constexpr const T &max(const T &a, const T &b) {
  return a < b ? b : a;
}

template <class E> class initializer_list {
  const E *b_;
  size_t n_;

public:
  constexpr initializer_list() noexcept : b_(nullptr), n_(0) {}
  constexpr const E *begin() const noexcept { return b_; }
  constexpr const E *end() const noexcept { return b_ + n_; }
  constexpr size_t size() const noexcept { return n_; }
};

template <class A, class B> struct pair {
  A first;
  B second;
  pair();
  pair(const A &a, const B &b);
  template <class U, class V> pair(U &&a, V &&b);
};
template <class A, class B> pair<decay_t<A>, decay_t<B>> make_pair(A &&, B &&);

template <class... T> struct tuple {
  tuple();
  tuple(const T &...);
};
template <class... T> tuple<decay_t<T>...> make_tuple(T &&...);
template <size_t I, class T> struct tuple_element;
template <class H, class... T> struct tuple_element<0, tuple<H, T...>> {
  using type = H;
};
template <size_t I, class H, class... T>
struct tuple_element<I, tuple<H, T...>> : tuple_element<I - 1, tuple<T...>> {};
template <size_t I, class... T>
typename tuple_element<I, tuple<T...>>::type &get(tuple<T...> &);
template <size_t I, class... T>
const typename tuple_element<I, tuple<T...>>::type &get(const tuple<T...> &);
template <class T, class... U> T &get(tuple<U...> &);
template <class... T> tuple<T &...> tie(T &...);

template <class It, class Out> Out copy(It first, It last, Out out);
template <class It, class T> void fill(It first, It last, const T &v);
template <class It> void sort(It first, It last);
template <class It, class T> It find(It first, It last, const T &v);
template <class It, class T> T accumulate(It first, It last, T init);
template <class It, class T> void iota(It first, It last, T v);
template <class It, class P> ptrdiff_t count_if(It first, It last, P p) {
  ptrdiff_t n = 0;
  for (; first != last; ++first)
    n += p(*first) ? 1 : 0;
  return n;
}
template <class It, class P> bool any_of(It first, It last, P p) {
  for (; first != last; ++first)
    if (p(*first))
      return true;
  return false;
}
template <class It, class F> F for_each(It first, It last, F f) {
  for (; first != last; ++first)
    f(*first);
  return f;
}
template <class It, class Out, class F>
Out transform(It first, It last, Out out, F f) {
  for (; first != last; ++first, ++out)
    *out = f(*first);
  return out;
}
template <class It, class P> It find_if(It first, It last, P p) {
  for (; first != last; ++first)
    if (p(*first))
      return first;
  return last;
}
template <class It, class C> void sort(It first, It last, C c) {
  (void)c(*first, *last);
}

template <class T> struct hash {
  size_t operator()(const T &) const;
};
template <class T = void> struct less {
  bool operator()(const T &, const T &) const;
};

struct forward_iterator_tag {};
struct random_access_iterator_tag : forward_iterator_tag {};

// Views of memory: the escape analysis follows what they point to.
template <class T> class span {
  T *p_ = nullptr;
  size_t n_ = 0;

public:
  using element_type = T;
  using value_type = remove_cv_t<T>;
  using iterator = T *;
  constexpr span() noexcept = default;
  constexpr span(T *p, size_t n) : p_(p), n_(n) {}
  constexpr span(T *first, T *last) : p_(first), n_(last - first) {}
  template <size_t N> constexpr span(T (&a)[N]) noexcept : p_(a), n_(N) {}
  template <class U> constexpr span(const span<U> &o) noexcept
      : p_(o.data()), n_(o.size()) {}
  template <class C> constexpr span(C &c) : p_(c.data()), n_(c.size()) {}
  constexpr T *data() const noexcept { return p_; }
  constexpr size_t size() const noexcept { return n_; }
  constexpr size_t size_bytes() const noexcept { return n_ * sizeof(T); }
  constexpr bool empty() const noexcept { return n_ == 0; }
  constexpr T &operator[](size_t i) const { return p_[i]; }
  constexpr T &front() const { return p_[0]; }
  constexpr T &back() const { return p_[n_ - 1]; }
  constexpr T *begin() const noexcept { return p_; }
  constexpr T *end() const noexcept { return p_ + n_; }
  constexpr span first(size_t k) const { return {p_, k}; }
  constexpr span last(size_t k) const { return {p_ + n_ - k, k}; }
  constexpr span subspan(size_t o, size_t k = size_t(-1)) const {
    return {p_ + o, k == size_t(-1) ? n_ - o : k};
  }
};
template <class T> span<const byte> as_bytes(span<T>) noexcept;

template <class C> class basic_string_view {
  const C *p_ = nullptr;
  size_t n_ = 0;

public:
  using iterator = const C *;
  using size_type = size_t;
  static constexpr size_t npos = size_t(-1);
  constexpr basic_string_view() noexcept = default;
  constexpr basic_string_view(const C *p, size_t n) : p_(p), n_(n) {}
  constexpr basic_string_view(const C *p) : p_(p), n_(__builtin_strlen(p)) {}
  constexpr basic_string_view(const C *first, const C *last)
      : p_(first), n_(last - first) {}
  constexpr const C *data() const noexcept { return p_; }
  constexpr size_t size() const noexcept { return n_; }
  constexpr size_t length() const noexcept { return n_; }
  constexpr bool empty() const noexcept { return n_ == 0; }
  constexpr const C &operator[](size_t i) const { return p_[i]; }
  constexpr const C &front() const { return p_[0]; }
  constexpr const C &back() const { return p_[n_ - 1]; }
  constexpr const C *begin() const noexcept { return p_; }
  constexpr const C *end() const noexcept { return p_ + n_; }
  constexpr basic_string_view substr(size_t o, size_t k = npos) const;
  constexpr size_t find(C c, size_t from = 0) const;
  constexpr void remove_prefix(size_t k) { p_ += k, n_ -= k; }
  constexpr void remove_suffix(size_t k) { n_ -= k; }
  friend constexpr bool operator==(basic_string_view, basic_string_view);
  friend constexpr bool operator<(basic_string_view, basic_string_view);
};
using string_view = basic_string_view<char>;

template <class C> class basic_string {
  C *p_ = nullptr;
  size_t n_ = 0;

public:
  using iterator = C *;
  using const_iterator = const C *;
  using size_type = size_t;
  static constexpr size_t npos = size_t(-1);
  basic_string();
  basic_string(const C *);
  basic_string(const C *, size_t);
  basic_string(size_t, C);
  template <class It> basic_string(It first, It last);
  explicit basic_string(basic_string_view<C>);
  basic_string(const basic_string &);
  basic_string(basic_string &&) noexcept;
  ~basic_string();
  basic_string &operator=(const basic_string &);
  basic_string &operator=(basic_string &&) noexcept;
  basic_string &operator=(const C *);
  basic_string &operator+=(const basic_string &);
  basic_string &operator+=(C);
  basic_string &append(const C *, size_t);
  template <class It> basic_string &assign(It first, It last);
  void push_back(C);
  const C *c_str() const noexcept;
  C *data() noexcept;
  const C *data() const noexcept;
  size_t size() const noexcept;
  size_t length() const noexcept;
  bool empty() const noexcept;
  void clear() noexcept;
  void reserve(size_t);
  void resize(size_t);
  C &operator[](size_t);
  const C &operator[](size_t) const;
  C *begin() noexcept;
  C *end() noexcept;
  const C *begin() const noexcept;
  const C *end() const noexcept;
  basic_string substr(size_t o, size_t k = npos) const;
  operator basic_string_view<C>() const noexcept;
  friend bool operator==(const basic_string &, const basic_string &);
  friend bool operator<(const basic_string &, const basic_string &);
  friend basic_string operator+(const basic_string &, const basic_string &);
};
using string = basic_string<char>;
string to_string(int);

// Containers: the insertion members keep what they are given.
template <class T> class fuzz_sequence {
  T *p_ = nullptr;
  size_t n_ = 0;

public:
  using value_type = T;
  using iterator = T *;
  using const_iterator = const T *;
  using size_type = size_t;
  fuzz_sequence();
  explicit fuzz_sequence(size_t n);
  fuzz_sequence(size_t n, const T &v);
  fuzz_sequence(initializer_list<T>);
  template <class It, class = decltype(*declval<It &>())>
  fuzz_sequence(It first, It last);
  fuzz_sequence(const fuzz_sequence &);
  fuzz_sequence(fuzz_sequence &&) noexcept;
  ~fuzz_sequence();
  fuzz_sequence &operator=(const fuzz_sequence &);
  fuzz_sequence &operator=(fuzz_sequence &&) noexcept;
  void push_back(const T &);
  void push_back(T &&);
  template <class... A> T &emplace_back(A &&...);
  void push_front(const T &);
  template <class... A> T &emplace_front(A &&...);
  T *insert(const T *pos, const T &);
  template <class It> T *insert(const T *pos, It first, It last);
  template <class... A> T *emplace(const T *pos, A &&...);
  template <class It> void assign(It first, It last);
  void assign(size_t n, const T &v);
  void pop_back();
  void pop_front();
  T *erase(const T *pos);
  void clear() noexcept;
  void resize(size_t);
  void reserve(size_t);
  T *data() noexcept;
  const T *data() const noexcept;
  size_t size() const noexcept;
  bool empty() const noexcept;
  T &operator[](size_t);
  const T &operator[](size_t) const;
  T &at(size_t);
  T &front();
  T &back();
  T *begin() noexcept;
  T *end() noexcept;
  const T *begin() const noexcept;
  const T *end() const noexcept;
};
template <class T> class vector : public fuzz_sequence<T> {
public:
  using fuzz_sequence<T>::fuzz_sequence;
};
template <class T> class deque : public fuzz_sequence<T> {
public:
  using fuzz_sequence<T>::fuzz_sequence;
};
template <class T> class list : public fuzz_sequence<T> {
public:
  using fuzz_sequence<T>::fuzz_sequence;
};
template <class T> class forward_list : public fuzz_sequence<T> {
public:
  using fuzz_sequence<T>::fuzz_sequence;
};

template <class T, class C = deque<T>> class queue {
public:
  void push(const T &);
  template <class... A> void emplace(A &&...);
  T &front();
  T &back();
  void pop();
  size_t size() const;
  bool empty() const;
};
template <class T, class C = deque<T>> class stack {
public:
  void push(const T &);
  template <class... A> void emplace(A &&...);
  T &top();
  void pop();
  size_t size() const;
  bool empty() const;
};
template <class T, class C = vector<T>> class priority_queue {
public:
  void push(const T &);
  template <class... A> void emplace(A &&...);
  const T &top() const;
  void pop();
  bool empty() const;
};

template <class K, class V> class fuzz_map {
public:
  using value_type = pair<const K, V>;
  using iterator = value_type *;
  fuzz_map();
  fuzz_map(initializer_list<value_type>);
  V &operator[](const K &);
  V &at(const K &);
  pair<iterator, bool> insert(const value_type &);
  template <class P> pair<iterator, bool> insert(P &&);
  template <class... A> pair<iterator, bool> emplace(A &&...);
  template <class... A> pair<iterator, bool> try_emplace(const K &, A &&...);
  template <class M> pair<iterator, bool> insert_or_assign(const K &, M &&);
  iterator find(const K &);
  const value_type *find(const K &) const;
  size_t count(const K &) const;
  bool contains(const K &) const;
  size_t erase(const K &);
  void clear() noexcept;
  size_t size() const noexcept;
  bool empty() const noexcept;
  iterator begin();
  iterator end();
  const value_type *begin() const;
  const value_type *end() const;
};
template <class K, class V, class L = less<K>> class map : public fuzz_map<K, V> {
public:
  using fuzz_map<K, V>::fuzz_map;
};
template <class K, class V, class L = less<K>>
class multimap : public fuzz_map<K, V> {};
template <class K, class V, class H = hash<K>>
class unordered_map : public fuzz_map<K, V> {
public:
  using fuzz_map<K, V>::fuzz_map;
};
template <class K, class V, class H = hash<K>>
class unordered_multimap : public fuzz_map<K, V> {};

template <class K> class fuzz_set {
public:
  using value_type = K;
  using iterator = const K *;
  fuzz_set();
  fuzz_set(initializer_list<K>);
  pair<iterator, bool> insert(const K &);
  template <class... A> pair<iterator, bool> emplace(A &&...);
  iterator find(const K &) const;
  size_t count(const K &) const;
  bool contains(const K &) const;
  size_t erase(const K &);
  void clear() noexcept;
  size_t size() const noexcept;
  bool empty() const noexcept;
  iterator begin() const;
  iterator end() const;
};
template <class K, class L = less<K>> class set : public fuzz_set<K> {
public:
  using fuzz_set<K>::fuzz_set;
};
template <class K, class L = less<K>> class multiset : public fuzz_set<K> {};
template <class K, class H = hash<K>> class unordered_set : public fuzz_set<K> {
public:
  using fuzz_set<K>::fuzz_set;
};
template <class K, class H = hash<K>>
class unordered_multiset : public fuzz_set<K> {};

template <class T, size_t N> struct array {
  T elems_[N ? N : 1];
  constexpr T &operator[](size_t i) { return elems_[i]; }
  constexpr const T &operator[](size_t i) const { return elems_[i]; }
  constexpr T *data() noexcept { return elems_; }
  constexpr const T *data() const noexcept { return elems_; }
  constexpr size_t size() const noexcept { return N; }
  constexpr T *begin() noexcept { return elems_; }
  constexpr T *end() noexcept { return elems_ + N; }
  constexpr const T *begin() const noexcept { return elems_; }
  constexpr const T *end() const noexcept { return elems_ + N; }
  void fill(const T &);
};

struct nullopt_t {
  explicit constexpr nullopt_t(int) {}
};
inline constexpr nullopt_t nullopt{0};
template <class T> class optional {
public:
  optional() noexcept;
  optional(nullopt_t) noexcept;
  optional(const T &);
  optional(T &&);
  optional &operator=(const T &);
  optional &operator=(nullopt_t) noexcept;
  template <class... A> T &emplace(A &&...);
  void reset() noexcept;
  bool has_value() const noexcept;
  explicit operator bool() const noexcept;
  T &value();
  T &operator*();
  T *operator->();
  template <class U> T value_or(U &&) const;
};

template <class... T> class variant {
public:
  variant();
  template <class U> variant(U &&) {}
  template <class U> variant &operator=(U &&) { return *this; }
};

template <class T> class unique_ptr {
public:
  unique_ptr() noexcept;
  explicit unique_ptr(T *) noexcept;
  unique_ptr(unique_ptr &&) noexcept;
  ~unique_ptr();
  T *get() const noexcept;
  T &operator*() const;
  T *operator->() const noexcept;
  void reset(T * = nullptr) noexcept;
};
template <class T, class... A> unique_ptr<T> make_unique(A &&...);
template <size_t N, class T> constexpr T *assume_aligned(T *p) { return p; }

template <class> class function;
template <class R, class... A> class function<R(A...)> {
public:
  function() noexcept;
  function(nullptr_t) noexcept;
  // Defined: a lambda's type has no linkage, so what takes one must be.
  template <class F> function(F) {}
  function(const function &);
  ~function();
  function &operator=(const function &);
  template <class F> function &operator=(F &&) { return *this; }
  R operator()(A...) const;
  explicit operator bool() const noexcept;
};

class any {
public:
  any() noexcept;
  template <class T> any(T &&) {}
  template <class T> any &operator=(T &&) { return *this; }
};

class exception {
public:
  virtual ~exception();
  virtual const char *what() const noexcept;
};
class bad_alloc : public exception {};
class runtime_error : public exception {
public:
  explicit runtime_error(const char *);
  explicit runtime_error(const string &);
};
class invalid_argument : public exception {
public:
  explicit invalid_argument(const char *);
};
} // namespace std

inline void *operator new(size_t, void *p) noexcept { return p; }
#endif // __cplusplus
