/* Bumper's C API: arena (bump) allocation with checkpoints, for C99 and C++.
 *
 *   bumper_buffer *buf = bumper_slab_buffer_create(1 << 20);
 *   bumper_checkpoint cp = bumper_checkpoint_save(buf);
 *   double *xs = bumper_alloc(buf, n * sizeof *xs, _Alignof(double));
 *   ...
 *   bumper_checkpoint_restore(buf, cp);   frees xs and everything after cp
 *   bumper_buffer_destroy(buf);
 *
 * A buffer belongs to one thread at a time. See docs/runtime.md. */
#ifndef BUMPER_BUMPER_H
#define BUMPER_BUMPER_H

#include <bumper/config.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A buffer (any kind; opaque). */
typedef struct bumper_buffer bumper_buffer;

/** A saved position of one buffer. Opaque: pass it back to
 * bumper_checkpoint_restore on the buffer it came from. */
typedef struct bumper_checkpoint {
  void *buffer_;
  void *position_;
  size_t generation_;
} bumper_checkpoint;

/** A fixed-capacity buffer (an AllocBuffer) owning `capacity` bytes; NULL if
 * the memory cannot be had. */
bumper_buffer *bumper_buffer_create(size_t capacity);
/** A growable buffer (a SlabBuffer) of slabs of `slab_size` bytes; NULL on
 * failure. Its first slab is taken at creation. */
bumper_buffer *bumper_slab_buffer_create(size_t slab_size);
/** A ResizeBuffer with an initial block of `initial_capacity` bytes. */
bumper_buffer *bumper_resize_buffer_create(size_t initial_capacity);
/** Frees a buffer made by one of the create functions (NULL is ignored).
 * Never pass bumper_default_buffer(). */
void bumper_buffer_destroy(bumper_buffer *buffer);

/** The calling thread's default buffer (created on first use), or the buffer
 * installed by the C++ with_buffer. */
bumper_buffer *bumper_default_buffer(void);
/** Sets the slab size of default buffers (see set_default_buffer_size). */
void bumper_set_default_buffer_size(size_t bytes);

/** `size` uninitialised bytes aligned to `alignment` (a power of two) from
 * `buffer`; NULL if the buffer cannot satisfy the request or the alignment is
 * not a power of two, the buffer unchanged. A zero size gets a non-null
 * pointer (which may be the next allocation's address; never dereference
 * it). */
BUMPER_ALLOCATOR void *bumper_alloc(bumper_buffer *buffer, size_t size,
                                    size_t alignment);

/** Changes the size of the allocation at `p` (of `old_size` bytes) to
 * `new_size` in place: 1 if done, 0 if not (the buffer unchanged). The
 * newest allocation grows into its block's free space and shrinks giving its
 * tail back; others only shrink. See Buffer::try_resize. */
int bumper_resize(bumper_buffer *buffer, void *p, size_t old_size,
                  size_t new_size);
/** 1 if `p` points into one of the blocks `buffer` holds in use, else 0. */
int bumper_owns(const bumper_buffer *buffer, const void *p);
/** Caps the bytes a growable buffer (slab or resize buffer) holds: a request
 * that would need more returns NULL. 1 if set, 0 for a fixed buffer. */
int bumper_set_limit(bumper_buffer *buffer, size_t bytes);
/** Gives memory back to the system; the bytes given back: a slab buffer's
 * spare slab, an empty resize buffer's block (its high-water mark then starts
 * afresh); 0 for other kinds. */
size_t bumper_trim(bumper_buffer *buffer);

/** The current position of `buffer`. */
bumper_checkpoint bumper_checkpoint_save(bumper_buffer *buffer);
/** Frees everything allocated from `buffer` since `checkpoint` was saved. */
void bumper_checkpoint_restore(bumper_buffer *buffer,
                               bumper_checkpoint checkpoint);
/** Frees everything allocated from `buffer`. */
void bumper_reset(bumper_buffer *buffer);

/** Bytes in use. */
size_t bumper_used(const bumper_buffer *buffer);
/** Bytes the buffer holds, in use or not. */
size_t bumper_capacity(const bumper_buffer *buffer);
/** The most bytes ever in use at once. */
size_t bumper_high_water(const bumper_buffer *buffer);
/** How many separate blocks of memory the buffer holds. */
size_t bumper_slab_count(const bumper_buffer *buffer);

/** The library's version, "major.minor.patch". */
const char *bumper_version(void);

#ifdef __cplusplus
}
#endif

#endif /* BUMPER_BUMPER_H */
