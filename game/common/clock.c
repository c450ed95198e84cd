/* clock.c - the wall clock, to the microsecond, for the results file. */
#include "compel/common.h"

#include <sys/time.h>

void clock_now(time_t *t, double *frac)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    *t = tv.tv_sec;
    *frac = tv.tv_usec / 1e6;
}
