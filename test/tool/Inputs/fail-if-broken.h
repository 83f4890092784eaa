#if BROKEN
#error BROKEN was defined by --extra-arg
#endif
