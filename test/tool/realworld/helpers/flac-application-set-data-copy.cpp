// CASE: xiph/flac src/libFLAC/metadata_object.c
// FLAC__metadata_object_application_set_data (and its helper copy_bytes_),
// same file here: it copies the data when its FLAC__bool copy is true and
// takes the pointer over otherwise. The caller follows xmcd's if_flac.c
// if_flac_addmeta: the application data is formatted into a local buffer
// ("char data[STR_BUF_SZ * 4]", here scratch) and set with copy TRUE. Clean.
// RUN: %bumper-tool %s -- %bumper-cxxflags -fno-caret-diagnostics 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=error: --allow-empty
// ESCAPE-NOT: error:
#include <bumper/bumper.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

typedef int FLAC__bool;
typedef unsigned char FLAC__byte;
struct FLAC__StreamMetadata_Application {
  FLAC__byte id[4];
  FLAC__byte *data;
};
struct FLAC__StreamMetadata {
  unsigned length;
  struct {
    FLAC__StreamMetadata_Application application;
  } data;
};

static FLAC__bool copy_bytes_(FLAC__byte **to, const FLAC__byte *from,
                              unsigned bytes) {
  if (bytes > 0 && from != 0) {
    FLAC__byte *x = (FLAC__byte *)std::malloc(bytes);
    if (x == 0)
      return false;
    std::memcpy(x, from, bytes);
    *to = x;
  } else {
    *to = 0;
  }
  return true;
}

FLAC__bool FLAC__metadata_object_application_set_data(
    FLAC__StreamMetadata *object, FLAC__byte *data, unsigned length,
    FLAC__bool copy) {
  FLAC__byte *save = object->data.application.data;
  if (copy) {
    if (!copy_bytes_(&object->data.application.data, data, length))
      return false;
  } else {
    object->data.application.data = data;
  }
  if (save != 0)
    std::free(save);
  object->length = 4 + length;
  return true;
}

FLAC__bool if_flac_addmeta(FLAC__StreamMetadata *mdp, const char *version) {
  [[bumper::no_escape]] {
    bumper::NoEscape guard;
    char *data = bumper::alloc<char>(256).data();
    std::memcpy(mdp->data.application.id, "xmcd", 4);
    std::snprintf(data, 256, "%s\n", version);
    return FLAC__metadata_object_application_set_data(
        mdp, (FLAC__byte *)data, (unsigned)std::strlen(data), 1);
  }
}
