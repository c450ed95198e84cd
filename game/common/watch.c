/* watch.c - file change notices through inotify (watch.h), for both front
 * ends' --watch. */
#include "compel/watch.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "compel/grow.h"

/* One watched file: its folder's watch descriptor and its name there. */
typedef struct Watched {
    int wd;
    char *name;
} Watched;

struct Watch {
    int fd;
    Watched *files;
    int nfiles, cap;
};

int watch_add(Watch *w, const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
    char *name = strdup(slash ? slash + 1 : path);
    int wd = dir && name ? inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) : -1;
    int e = errno;
    free(dir);
    if (wd < 0 || !GROW(&w->files, &w->cap, w->nfiles + 1)) {
        free(name);
        errno = wd < 0 ? e : ENOMEM;
        return -1;
    }
    w->files[w->nfiles++] = (Watched){wd, name};
    return 0;
}

Watch *watch_open(const char *path)
{
    Watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0 || watch_add(w, path) != 0) {
        int e = errno;
        watch_close(w);
        errno = e;
        return NULL;
    }
    return w;
}

int watch_fd(const Watch *w)
{
    return w->fd;
}

static bool watched(const Watch *w, const struct inotify_event *e)
{
    for (int i = 0; e->len && i < w->nfiles; i++)
        if (w->files[i].wd == e->wd && strcmp(e->name, w->files[i].name) == 0)
            return true;
    return false;
}

/* Read the pending events; true when one names a watched file. */
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
            if (watched(w, e))
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
    for (int i = 0; i < w->nfiles; i++)
        free(w->files[i].name);
    free(w->files);
    free(w);
}
