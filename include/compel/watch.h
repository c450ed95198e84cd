/* watch.h - noticing that files changed on disk (Linux inotify), for both
 * front ends' --watch: the scenario file, and in the window its portraits.
 * Folders are watched, not files, so an editor that saves by writing a new
 * file and renaming it is seen too. */
#ifndef COMPEL_WATCH_H
#define COMPEL_WATCH_H

#include <stdbool.h>

typedef struct Watch Watch;

/* Start watching the file at path. NULL (with errno) when inotify is not
 * available or the folder cannot be watched. */
Watch *watch_open(const char *path);

/* Watch one more file (a portrait). 0, or -1 (with errno) when its folder
 * cannot be watched; the others stay watched. */
int watch_add(Watch *w, const char *path);

/* The descriptor to poll for POLLIN. */
int watch_fd(const Watch *w);

/* Read what is pending; true when a watched file was written, created or
 * renamed into place. Waits a moment and drains the events that follow, so
 * one save is one change. Never blocks otherwise. */
bool watch_changed(Watch *w);

void watch_close(Watch *w);

#endif
