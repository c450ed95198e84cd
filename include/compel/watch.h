/* watch.h - noticing that a scenario file changed on disk (Linux inotify),
 * for `compel run --watch`. The folder is watched, not the file, so an
 * editor that saves by writing a new file and renaming it is seen too. */
#ifndef COMPEL_WATCH_H
#define COMPEL_WATCH_H

#include <stdbool.h>

typedef struct Watch Watch;

/* Start watching the file at path. NULL (with errno) when inotify is not
 * available or the folder cannot be watched. */
Watch *watch_open(const char *path);

/* The descriptor to poll for POLLIN. */
int watch_fd(const Watch *w);

/* Read what is pending; true when the file was written, created or renamed
 * into place. Waits a moment and drains the events that follow, so one save
 * is one change. Never blocks otherwise. */
bool watch_changed(Watch *w);

void watch_close(Watch *w);

#endif
