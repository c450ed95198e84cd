/* fileio.c - safe opening for every reader (see fileio.h). */
#include "compel/fileio.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a plain file";
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void say(FileStatus *status, FileStatus s, char *why, size_t whycap, const char *fmt, ...)
{
    if (status)
        *status = s;
    if (why && whycap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, whycap, fmt, ap);
        va_end(ap);
    }
}

/* file_fopen_regular's descriptor: -1 with *status and why set when path
 * cannot be opened or is not a regular file. */
static int file_open_regular(const char *path, FileStatus *status, char *why, size_t whycap)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        say(status, FILE_CANNOT_OPEN, why, whycap, "cannot open the file: %s", strerror(e));
        errno = e;
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        say(status, FILE_CANNOT_OPEN, why, whycap, "cannot open the file: %s", strerror(e));
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        say(status, FILE_NOT_REGULAR, why, whycap, "not a regular file (%s)", kind_of(st.st_mode));
        close(fd);
        errno = EINVAL;
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    if (status)
        *status = FILE_OK;
    return fd;
}

FILE *file_fopen_regular(const char *path, FileStatus *status, char *why, size_t whycap)
{
    int fd = file_open_regular(path, status, why, whycap);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        say(status, FILE_READ_FAILED, why, whycap, "cannot read the file: %s", strerror(e));
        close(fd);
        errno = e;
    }
    return f;
}

char *file_read_all(const char *path, size_t max, size_t *len, FileStatus *status, char *why,
                    size_t whycap)
{
    *len = 0;
    int fd = file_open_regular(path, status, why, whycap);
    if (fd < 0)
        return NULL;
    struct stat st;
    size_t cap = 4096;
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        if ((unsigned long long)st.st_size > max) {
            *len = (size_t)st.st_size;
            say(status, FILE_TOO_LARGE, why, whycap, "%s", "the file is too large");
            close(fd);
            return NULL;
        }
        cap = (size_t)st.st_size + 1;   /* +1: one more read sees the end at once */
    }
    char *buf = malloc(cap + 1);
    size_t n = 0;
    while (buf) {
        if (n == cap) {
            if (cap > max) {
                *len = n;
                free(buf);
                say(status, FILE_TOO_LARGE, why, whycap, "%s", "the file is too large");
                close(fd);
                return NULL;
            }
            cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            say(status, FILE_READ_FAILED, why, whycap, "cannot read the file: %s", strerror(e));
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (!buf) {
        say(status, FILE_READ_FAILED, why, whycap, "%s", "out of memory reading the file");
        return NULL;
    }
    if (n > max) {
        *len = n;
        free(buf);
        say(status, FILE_TOO_LARGE, why, whycap, "%s", "the file is too large");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

bool file_is_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

FILE *file_open_direct(const char *path)
{
    /* O_NONBLOCK: a FIFO nobody reads fails at once (ENXIO) instead of hanging */
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "wb");
    if (!f)
        close(fd);
    return f;
}

static bool write_atomic_mode(const char *path, const char *text, mode_t mode)
{
    if (file_is_special(path)) {   /* /dev/null, /dev/stdout, a pipe: write into it, never replace it */
        FILE *f = file_open_direct(path);
        if (!f)
            return false;
        bool ok = fputs(text, f) >= 0;
        return (fclose(f) == 0) && ok;
    }
    char tmp[4200];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return false;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    bool ok = fputs(text, f) >= 0;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return false;
    }
    return true;
}

bool file_write_atomic(const char *path, const char *text)
{
    return write_atomic_mode(path, text, 0666);
}

bool file_write_private(const char *path, const char *text)
{
    return write_atomic_mode(path, text, 0600);
}
