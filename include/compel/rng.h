/* rng.h - the playthrough's seeded random source.
 *
 * SplitMix64 (Steele, Lea, Flood 2014): state += 0x9E3779B97F4A7C15, then two
 * xor-shift-multiply rounds. It uses only 64-bit unsigned arithmetic, so the
 * same seed gives the same sequence on every machine and compiler. A chance
 * draw takes the top 53 bits as a double u in [0, 1) and succeeds when
 * u < chance; that is exact IEEE-754 arithmetic, identical everywhere.
 * Gameplay and cosmetics must use separate Rng values. */
#ifndef COMPEL_RNG_H
#define COMPEL_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Rng { uint64_t state; } Rng;

/* Seed the generator; every seed, 0 included, is valid. */
void rng_seed(Rng *r, uint64_t seed);

/* Next 64 random bits. */
uint64_t rng_next(Rng *r);

/* A double uniform in [0, 1), from the top 53 bits of rng_next. */
double rng_unit(Rng *r);

/* True with probability chance (0 < chance <= 1); always consumes one draw. */
bool rng_chance(Rng *r, double chance);

/* Uniform integer in [0, n) for n > 0 (rejection sampling, no modulo bias). */
uint32_t rng_below(Rng *r, uint32_t n);

#endif
