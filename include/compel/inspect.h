/* inspect.h - the state inspector: for an author testing a scene, the node,
 * the meters, the flags, how much has been visited, the points per skill so
 * far, and for each hidden choice the condition that hides it and why it
 * fails now. Plain lines, the same in the terminal (`s`) and the window. */
#ifndef COMPEL_INSPECT_H
#define COMPEL_INSPECT_H

#include "compel/session.h"

/* The inspector's text for the session's present state: lines ending in
 * "\n". In assessment mode only a line saying the inspector is closed (its
 * points and hidden choices would give the debrief away). The caller frees
 * it; NULL when out of memory. */
char *inspect_text(const Session *s);

/* Whether the inspector shows anything in this session (not in an
 * assessment), so a front end offers its key only where it works. */
bool inspect_open(const Session *s);

#endif
