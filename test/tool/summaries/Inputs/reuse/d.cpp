// No annotation: its findings do not depend on other files' summaries.
// A compiler warning (-Wall), which a reused run prints too.
int unused_local() {
  int x;
  return 0;
}
