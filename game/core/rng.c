/* rng.c - SplitMix64: small, fast, and identical on every platform. */
#include "compel/rng.h"

void rng_seed(Rng *r, uint64_t seed)
{
    r->state = seed;
}

uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

double rng_unit(Rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

bool rng_chance(Rng *r, double chance)
{
    return rng_unit(r) < chance;
}

uint32_t rng_below(Rng *r, uint32_t n)
{
    /* Lemire-free simple rejection: discard the top partial range. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = rng_next(r);
    while (x >= limit);
    return (uint32_t)(x % n);
}
