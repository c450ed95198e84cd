/* inspect.h - the state inspector: for an author testing a scene, the node,
 * the meters, the flags, how much has been visited, the points per skill so
 * far, and for each hidden choice the condition that hides it and why it
 * fails now. Plain lines, the same in the terminal (`s`) and the window. */
#ifndef COMPEL_INSPECT_H
#define COMPEL_INSPECT_H

#include "compel/session.h"

/* The inspector's text for the session's present state: lines ending in
 * "\n". The caller frees it; NULL when out of memory. */
char *inspect_text(const Session *s);

#endif
