/* Stand-in of Bumper's C API for the tool's fuzzer (../../README.md). */
#ifndef BUMPER_BUMPER_H
#define BUMPER_BUMPER_H
#include <bumper/config.h>
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct bumper_buffer bumper_buffer;
typedef struct bumper_checkpoint {
  void *buffer_;
  void *position_;
  size_t generation_;
} bumper_checkpoint;
bumper_buffer *bumper_buffer_create(size_t capacity);
bumper_buffer *bumper_slab_buffer_create(size_t slab_size);
bumper_buffer *bumper_resize_buffer_create(size_t initial_capacity);
void bumper_buffer_destroy(bumper_buffer *buffer);
bumper_buffer *bumper_default_buffer(void);
void bumper_set_default_buffer_size(size_t bytes);
BUMPER_ALLOCATOR void *bumper_alloc(bumper_buffer *buffer, size_t size,
                                    size_t alignment);
bumper_checkpoint bumper_checkpoint_save(bumper_buffer *buffer);
void bumper_checkpoint_restore(bumper_buffer *buffer,
                               bumper_checkpoint checkpoint);
void bumper_reset(bumper_buffer *buffer);
size_t bumper_used(const bumper_buffer *buffer);
#ifdef __cplusplus
}
#endif
#endif
