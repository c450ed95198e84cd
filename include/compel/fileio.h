/* fileio.h - opening a file to read it, safely, whoever names it: a trainer's
 * scenario, a settings file, a font, a results file. A FIFO, a device or a
 * folder must never make a command wait forever or read without end, so
 * every reader opens without blocking and refuses anything but a regular file
 * before it reads a byte. */
#ifndef COMPEL_FILEIO_H
#define COMPEL_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum FileStatus {
    FILE_OK,
    FILE_CANNOT_OPEN,   /* open(2) failed: errno says why */
    FILE_NOT_REGULAR,   /* a FIFO, device, socket or folder */
    FILE_TOO_LARGE,     /* over the caller's limit */
    FILE_READ_FAILED,   /* read(2) failed, or out of memory */
} FileStatus;

/* Open path read-only as a stdio stream ("rb") - O_NONBLOCK|O_CLOEXEC, so
 * a FIFO with no writer cannot block - check with fstat that it is a regular
 * file, then make reads block again. Returns the stream (close it with
 * fclose), or NULL with *status (when not NULL) set and a one-line reason
 * (e.g. "not a regular file (a FIFO)") in why. */
FILE *file_fopen_regular(const char *path, FileStatus *status, char *why, size_t whycap);

/* Read the whole regular file at path, up to max bytes. It reads to the end
 * rather than trusting the size fstat reports (files under /proc report 0).
 * Returns a malloc'd buffer with a NUL after the last byte (the caller frees)
 * and its length in *len; NULL with *status and why set otherwise. When the
 * file is too large, *len is the size found so far (at least max + 1). */
char *file_read_all(const char *path, size_t max, size_t *len, FileStatus *status, char *why,
                    size_t whycap);

/* Whether path names something other than a regular file or a folder (a
 * device such as /dev/null or /dev/stdout, a FIFO, a socket): output goes
 * into it directly, since a rename would replace it. */
bool file_is_special(const char *path);

/* Open such a path for writing without blocking on a FIFO nobody reads
 * (that fails at once); NULL with errno set. */
FILE *file_open_direct(const char *path);

/* Write text to path through a temporary file and a rename, so a reader
 * never sees half a file (into path itself when file_is_special). false
 * when it could not be written. */
bool file_write_atomic(const char *path, const char *text);
/* The same, readable and writable by the owner alone (a file holding a
 * secret); the mode applies to a file it creates. */
bool file_write_private(const char *path, const char *text);

#endif
