/* image.h - what an image file says about itself before anyone decodes it,
 * and whether a path a scenario names stays inside the scenario's folder.
 * A portrait is a file a trainer (or anyone who sends one a scenario)
 * chose: its header may claim a size no decoder should try to allocate, and
 * a symbolic link may lead anywhere. Both are checked here, without SDL, so
 * the validator and the window refuse the same files for the same reasons. */
#ifndef COMPEL_IMAGE_H
#define COMPEL_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ImageKind { IMAGE_UNKNOWN, IMAGE_PNG, IMAGE_JPEG, IMAGE_BMP } ImageKind;

/* Larger images are refused before decoding: 24 million pixels (about
 * 100 MB once decoded), far above any portrait. */
#define IMAGE_MAX_PIXELS (24L * 1000 * 1000)
#define IMAGE_MAX_SIDE 20000L

/* The kind and size an image's header claims, reading only the header.
 * IMAGE_UNKNOWN (w and h 0) when the bytes are not a PNG, JPEG or BMP, or
 * the header is cut short. */
ImageKind image_header(const unsigned char *bytes, size_t len, long *w, long *h);

/* Whether an image with this header may be decoded: true, or false with a
 * one-line reason in why ("is not a PNG, JPEG or BMP image", "claims
 * 100000x100000 pixels, more than ..."). */
bool image_header_ok(const unsigned char *bytes, size_t len, char *why, size_t whycap);

/* Whether path, with every symbolic link followed, is inside folder (also
 * resolved; "" is the current folder). false with a reason in why when it
 * leads outside, or cannot be resolved (missing, unreadable folder). */
bool path_inside_folder(const char *folder, const char *path, char *why, size_t whycap);

#endif
