// Included inside a namespace by includes.cpp: plain declarations only.
inline int twice(int X) { return 2 * X; }
