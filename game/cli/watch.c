/* watch.c - file change notices through inotify (watch.h). */
#include "compel/watch.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

struct Watch {
    int fd;
    char *name;      /* the file's name inside the watched folder */
};

Watch *watch_open(const char *path)
{
    Watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
    w->name = strdup(slash ? slash + 1 : path);
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (!dir || !w->name || w->fd < 0 ||
        inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
        int e = errno;
        free(dir);
        watch_close(w);
        errno = e;
        return NULL;
    }
    free(dir);
    return w;
}

int watch_fd(const Watch *w)
{
    return w->fd;
}

/* Read the pending events; true when one names our file. */
static bool drain(Watch *w)
{
    bool ours = false;
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n <= 0)
            return ours;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *e = (const struct inotify_event *)(void *)p;
            if (e->len && strcmp(e->name, w->name) == 0)
                ours = true;
            p += sizeof *e + e->len;
        }
    }
}

bool watch_changed(Watch *w)
{
    if (!drain(w))
        return false;
    /* an editor's save is often several events: let them arrive, then take them all */
    struct pollfd p = {w->fd, POLLIN, 0};
    while (poll(&p, 1, 100) > 0)
        drain(w);
    return true;
}

void watch_close(Watch *w)
{
    if (!w)
        return;
    if (w->fd >= 0)
        close(w->fd);
    free(w->name);
    free(w);
}
