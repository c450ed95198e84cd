/* results.c - placeholder until the results writer and reader land. */
#include "compel/results.h"
