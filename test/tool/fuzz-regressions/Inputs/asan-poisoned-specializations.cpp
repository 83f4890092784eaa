#include <bumper/bumper.hpp>
#include <functional>
#include <map>
#include <span>
#include <string_view>
#include <vector>

int *g_ptr;
std::vector<int *> g_vec;
std::map<int, std::span<int>> g_map;
std::function<int()> g_fn;
struct Holder {
  int *p = nullptr;
  std::span<int> s;
  void keep(int *q) { p = q; }
};
Holder g_holder;
void keep(int *q) { g_ptr = q; }
int use(const int *q) { return q ? *q : 0; }
BUMPER_ALLOCATOR int *make_ints(bumper::Buffer &buf, int n) {
  return bumper::alloc<int>(buf, n).data();
}
#define NO_ESCAPE [[bumper::no_escape]]
#define BLOCK(...) [[bumper::no_escape]] { __VA_ARGS__ }

template <class T> int *f0(T t, int n, int *out, int *&ref, Holder &h, bumper::Buffer &buf) {
	[[bumper::no_escape]] { use(out); }
	NO_ESCAPE {
		[[bumper::no_escape(bumper::default_buffer())]] {
			[[bumper::no_escape(buf)]] {
				std::vector<int> c1(out, out + n);
				{
					BLOCK(int *b2 = &bumper::alloc<int>(n)[1]; use(b2);)
					static int *st3 = out;
					use(out);
					/* { */ // }
				}
				std::span<int> s4 = bumper::alloc<int>(buf, n);
				[[bumper::no_escape(buf)]] {
					int *p5 = make_ints(buf, n);
					int *p6 = make_ints(buf, n);
					g_holder.p = p5;
					g_vec.push_back(p5);
					auto l7 = [=]() mutable -> int * {
						{
							BLOCK(int *b8 = bumper::alloc<int>(buf, n + 1).data(); use(b8);)
							int *p9 = p6 + 1;
							g_holder.p = p6;
							if (n > 3) {
								for (int i = 0; i < n; ++i) {
								}
								int *p10 = bumper::alloc<int>(n).data();
								[[bumper::no_escape]] { use(p6); }
								h.p = p5;
								static int *st11 = p9;
							}
							auto l12 = [&]() -> int * {
								p5[0] = n;
								try {
									/* { */ // }
									[[bumper::no_escape]] {
										NO_ESCAPE {
											[[bumper::no_escape]] { use(p6); }
											auto l13 = [&]() -> int * {
												std::string_view v14(reinterpret_cast<const char *>(p6), 4);
												BLOCK(int *b15 = bumper::alloc<int>(n).data(); use(b15);)
												ref = (&s4[1]);
												std::span<int> s16 = bumper::alloc<int>(n);
												throw p5;
												int *p17 = make_ints(buf, n);
											return nullptr; };
											use(l13());
											h.p = (&s4[1]);
											g_vec.push_back((&s4[1])); // NOLINT(bumper-escape)
											int *p18 = static_cast<int *>(bumper::alloc_bytes(buf, n * sizeof(int)));
											h.keep((s4.data()));
											int *p19 = &p5[3];
											g_holder.p = p19;
											bumper::with_buffer(buf, [&] {
												g_holder.p = p18;
												int *p20 = &bumper::alloc<int>(n)[1];
												ref = (s4.data());
												out[0] = *p5;
												int *p21 = std::move(p9);
												int *p22 = make_ints(buf, n);
												out[0] = *p5;
												g_vec.push_back(p18);
												g_holder.s = std::span<int>((s4.data()), n);
												g_map[n] = std::span<int>(p9, 1); // NOLINT(bumper-escape)
												keep(p9);
											});
											std::vector<int> c23((s4.data()), (s4.data()) + n);
										}
										{
										}
										NO_ESCAPE {
											if (n > 6) {
												g_fn = [=] { return use(p9); };
												int *p24 = nullptr;
												p9[0] = n;
												int *p25 = bumper::alloc<int>(buf, n + 1).data();
												int *p26 = bumper::alloc<int>(n).data();
											}
											throw (s4.data());
											p9 = nullptr;
											g_holder.s = std::span<int>((&s4[1]), n);
											int *p27 = nullptr;
											int *p28 = &(s4.data())[2];
										}
										throw (s4.data());
										std::string_view v29(reinterpret_cast<const char *>(p9), 4);
										[&] {
										}();
										try {
											int *p30 = make_ints(buf, n);
											int *p31 = static_cast<int *>(bumper::alloc_bytes(buf, n * sizeof(int)));
											int *p32 = &p5[1];
											int *p33 = bumper::alloc<int>(n).data();
										} catch (int *e) { g_ptr = e; }
									}
									g_holder.s = std::span<int>((&s4[1]), n);
									switch (n) { case 0: {
										[[bumper::no_escape(bumper::default_buffer())]] {
											std::string_view v34(reinterpret_cast<const char *>(p6), 4);
											if (n > 4) {
												int *p35 = bumper::alloc<int>(n, 2).data();
												g_map[n] = std::span<int>(p5, 1);
												int *p36 = bumper::alloc<int>(n, 2).data();
												h.keep((&s4[1]));
												int *p37 = bumper::alloc<int>(n).data();
												[[bumper::no_escape]] { use((&s4[1])); }
												h.p = p5;
												static int *st38 = p6;
											}
											auto l39 = [&]() -> int * {
												p5[0] = n;
												/* { */ // }
												[[bumper::no_escape]] { use(p6); }
												std::string_view v40(reinterpret_cast<const char *>(p6), 4);
												BLOCK(int *b41 = bumper::alloc<int>(n).data(); use(b41);)
												ref = (&s4[1]);
												std::span<int> s42 = bumper::alloc<int>(n);
												throw p5;
												int *p43 = make_ints(buf, n);
											return nullptr; };
											use(l39());
											h.p = (&s4[1]);
											g_vec.push_back((&s4[1])); // NOLINT(bumper-escape)
											int *p44 = static_cast<int *>(bumper::alloc_bytes(buf, n * sizeof(int)));
											h.keep((s4.data()));
											int *p45 = &p5[3];
											g_holder.p = p45;
											bumper::with_buffer(buf, [&] {
												g_holder.p = p44;
												int *p46 = &bumper::alloc<int>(n)[1];
												ref = (s4.data());
												out[0] = *p5;
												int *p47 = std::move(p9);
												int *p48 = make_ints(buf, n);
												out[0] = *p5;
												g_vec.push_back(p44);
												g_holder.s = std::span<int>((s4.data()), n);
												g_map[n] = std::span<int>(p9, 1); // NOLINT(bumper-escape)
												keep(p9);
											});
											std::vector<int> c49((s4.data()), (s4.data()) + n);
										}
										{
										}
										NO_ESCAPE {
											if (n > 6) {
												g_fn = [=] { return use(p9); };
												int *p50 = nullptr;
												p9[0] = n;
												int *p51 = bumper::alloc<int>(buf, n + 1).data();
												int *p52 = bumper::alloc<int>(n).data();
											}
											throw (s4.data());
											p9 = nullptr;
											g_holder.s = std::span<int>((&s4[1]), n);
											int *p53 = nullptr;
											int *p54 = &(s4.data())[1];
											h.keep(p5);
											g_ptr = nullptr;
											g_ptr = p9;
										}
										throw (s4.data());
										std::string_view v55(reinterpret_cast<const char *>(p9), 4);
										[&] {
										}();
										try {
											int *p56 = make_ints(buf, n);
											int *p57 = static_cast<int *>(bumper::alloc_bytes(buf, n * sizeof(int)));
											int *p58 = &p5[1];
											int *p59 = bumper::alloc<int>(n).data();
										} catch (int *e) { g_ptr = e; }
									} default: break; }
									g_holder.s = std::span<int>((&s4[1]), n);
									switch (n) { case 0: {
										[[bumper::no_escape(bumper::default_buffer())]] {
											std::string_view v60(reinterpret_cast<const char *>((&s4[1])), 4);
											int *p61 = make_ints(buf, n);
											std::vector<int> c62(p9, p9 + n);
											for (int i = 0; i < n; ++i) {
												int *p63 = bumper::alloc<int>(buf, n + 1).data();
												int *p64 = nullptr;
												out[0] = *p63;
												int *p65 = bumper::alloc<int>(n, 2).data();
												g_ptr = nullptr;
												/* { */ // }
												g_holder.s = std::span<int>(p63, n);
												int *p66 = bumper::alloc<int>(buf, n + 1).data();
												throw p64;
												int *p67 = &p64[3];
											}
											{
												int *p68 = bumper::alloc<int>(buf, n + 1).data();
												int *p69 = bumper::alloc<int>(buf, n + 1).data();
												int *p70 = bumper::alloc<int>(n).data();
												int *p71 = static_cast<int *>(bumper::alloc_bytes(buf, n * sizeof(int)));
												int *p72 = bumper::alloc<int>(buf, n + 1).data();
												int *p73 = make_ints(buf, n);
											}
										}
										for (int i = 0; i < n; ++i) {
											[&] {
												int *p74 = &bumper::alloc<int>(n)[1];
												int *p75 = nullptr;
												g_holder.s = std::span<int>(p6, n);
												return;
												std::string_view v76(reinterpret_cast<const char *>(p74), 4);
												g_holder.s = std::span<int>(p5, n);
												g_fn = [=] { return use(p74); };
												int *p77 = bumper::alloc<int>(n, 2).data();
												p75 = (&s4[1]);
												g_ptr = nullptr;
												std::span<int> s78 = bumper::alloc<int>(buf, n);
												int *p79 = std::move(p9);
												int *p80 = std::move((&s4[1]));
												std::string_view v81(reinterpret_cast<const char *>((s78.data())), 4);
												int *p82 = bumper::alloc<int>(buf, n + 1).data();
												throw p82;
												g_ptr = p74;
												h.keep(p80);
											}();
										}
										p6 = (&s4[1]);
										int *p83 = p6 + 1;
										auto l84 = [&]() -> int * {
											for (int i = 0; i < n; ++i) {
												int *p85 = bumper::alloc<int>(buf, n + 1).data();
												int *p86 = nullptr;
												out[0] = *p85;
												int *p87 = bumper::alloc<int>(n, 2).data();
												g_ptr = nullptr;
												/* { */ // }
												g_holder.s = std::span<int>(p85, n);
												int *p88 = bumper::alloc<int>(buf, n + 1).data();
												throw p86;
												int *p89 = &p86[0];
												int *p90 = &bumper::alloc<int>(n)[1];
												int *p91 = nullptr;
												g_holder.s = std::span<int>(p91, n);
												return p89; // NOLINT(bumper-escape)
												std::string_view v92(reinterpret_cast<const char *>(p88), 4);
												g_holder.s = std::span<int>((&s4[1]), n);
												g_fn = [=] { return use(p87); };
												int *p93 = bumper::alloc<int>(n, 2).data();
												p93 = p6;
												g_ptr = nullptr;
												std::span<int> s94 = bumper::alloc<int>(buf, n);
												int *p95 = std::move(p9);
												int *p96 = std::move(p9);
												std::string_view v97(reinterpret_cast<const char *>(p90), 4);
												int *p98 = bumper::alloc<int>(buf, n + 1).data();
												throw p88;
												g_ptr = p89;
												h.keep(p89);
											}
										return nullptr; };
										use(l84());
										p83 = (s4.data());
									} default: break; }
									return p9;
									/* { */ // }
									(&s4[1])[0] = n;
									return (s4.data());
									std::span<int> s99 = bumper::alloc<int>(buf, n);
									int *p100 = static_cast<int *>(bumper::alloc_bytes(buf, n * sizeof(int)));
									int *p101 = &(s4.data())[0];
								} catch (int *e) { g_ptr = e; }
								int *p102 = make_ints(buf, n);
								int *p103 = bumper::alloc<int>(n, 2).data();
							return nullptr; };
							use(l12());
							int *p104 = &(&s4[1])[1];
							g_ptr = (s4.data());
							int *p105 = bumper::alloc<int>(n, 2).data();
							switch (n) { case 0: {
								int *p106 = bumper::alloc<int>(buf, n + 1).data();
								/* { */ // }
								p105 = p105;
							} default: break; }
						}
					return nullptr; };
					g_fn = [=]() mutable { return use(l7()); };
				}
			}
		}
	}
	  return nullptr;
}
template int *f0<long>(long, int, int *, int *&, Holder &, bumper::Buffer &);
