/* bench_core.c - core benchmarks, each a ratio against a baseline measured
 * in the same process (these machines are shared and noisy):
 *   load   FILE        load + validate vs a bare cJSON_Parse of the same bytes
 *   mem    FILE        memory the loaded scenario keeps, and the peak while loading
 *   scale  SMALL LARGE load + validate + analyze, large vs small
 *   play   FILE        random playthroughs per second */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "compel/analysis.h"
#include "compel/rng.h"
#include "compel/scenario.h"
#include "compel/session.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc(*len + 1);
    if (!b || fread(b, 1, *len, f) != *len)
        exit(2);
    b[*len] = '\0';
    fclose(f);
    return b;
}

static Scenario *load(const char *name, const char *bytes, size_t len)
{
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = scenario_load_buffer(name, NULL, bytes, len, &d);
    if (!sc) {
        for (int i = 0; i < d.count && i < 5; i++)
            diag_print(stderr, &d.items[i], 0);
        exit(2);
    }
    diag_list_free(&d);
    return sc;
}

/* Best of runs: the least disturbed measurement of each side. */
static int bench_load(const char *path)
{
    size_t len;
    char *bytes = slurp(path, &len);
    double parse = 1e9, ours = 1e9;
    for (int i = 0; i < 5; i++) {
        double t0 = now();
        cJSON *root = cJSON_ParseWithLength(bytes, len);
        double t1 = now();
        cJSON_Delete(root);
        if (t1 - t0 < parse) parse = t1 - t0;
        t0 = now();
        Scenario *sc = load(path, bytes, len);
        t1 = now();
        scenario_destroy(sc);
        if (t1 - t0 < ours) ours = t1 - t0;
    }
    double ratio = ours / parse;
    printf("load: %.1f MB; bare cJSON_Parse %.3f s; load + validate %.3f s; ratio %.2f (target <= 2.00) %s\n",
           len / 1e6, parse, ours, ratio, ratio <= 2.0 ? "PASS" : "FAIL");
    free(bytes);
    return ratio <= 2.0 ? 0 : 1;
}

static int bench_mem(const char *path)
{
    size_t len;
    char *bytes = slurp(path, &len);
    struct mallinfo2 before = mallinfo2();
    Scenario *sc = load(path, bytes, len);
    struct mallinfo2 after = mallinfo2();
    free(bytes);
    double kept = (double)(after.uordblks - before.uordblks) + (double)(after.hblkhd - before.hblkhd);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double peak = (double)ru.ru_maxrss * 1024.0;
    double r1 = kept / (double)len, r2 = peak / (double)len;
    printf("memory: file %.1f MB; loaded scenario keeps %.1f MB (%.2f x file, target <= 3.00) %s; "
           "process peak while loading %.1f MB (%.2f x file, with the file, the parse tree and the model alive at once)\n",
           len / 1e6, kept / 1e6, r1, r1 <= 3.0 ? "PASS" : "FAIL", peak / 1e6, r2);
    scenario_destroy(sc);
    return r1 <= 3.0 ? 0 : 1;
}

static double full(const char *path)
{
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        size_t len;
        char *bytes = slurp(path, &len);
        double t0 = now();
        Scenario *sc = load(path, bytes, len);
        AnalysisOptions opt = {1000000, 0, 1};
        Analysis a;
        if (analysis_run(sc, &opt, &a) != 0)
            exit(2);
        double t = now() - t0;
        analysis_free(&a);
        scenario_destroy(sc);
        free(bytes);
        if (t < best) best = t;
    }
    return best;
}

static int bench_scale(const char *small, const char *large)
{
    double a = full(small), b = full(large);
    double ratio = b / a;
    printf("scale: load + validate + analyze %s %.3f s, %s %.3f s; ratio %.2f for 10x the nodes (target <= 12.00) %s\n",
           small, a, large, b, ratio, ratio <= 12.0 ? "PASS" : "FAIL");
    return ratio <= 12.0 ? 0 : 1;
}

static int bench_play(const char *path)
{
    size_t len;
    char *bytes = slurp(path, &len);
    Scenario *sc = load(path, bytes, len);
    free(bytes);
    Rng r;
    rng_seed(&r, 1);
    long n = 0, decisions = 0;
    double t0 = now(), t;
    do {
        for (int k = 0; k < 100; k++, n++) {
            Session *s = session_create(sc, rng_next(&r), "Bench");
            for (int i = 0; i < 10000 && session_status(s) != SESSION_ENDED; i++) {
                if (session_status(s) == SESSION_READING) {
                    session_continue(s);
                    continue;
                }
                int vis[COMPEL_MAX_CHOICES];
                int v = session_visible(s, vis);
                session_choose(s, 1 + (int)rng_below(&r, (uint32_t)v));
                decisions++;
            }
            session_destroy(s);
        }
        t = now() - t0;
    } while (t < 2.0);
    printf("play: %s: %.0f random playthroughs/s (%.1f decisions each, %.0f decisions/s)\n", path,
           n / t, (double)decisions / n, decisions / t);
    scenario_destroy(sc);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "load") == 0) return bench_load(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "mem") == 0) return bench_mem(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "scale") == 0) return bench_scale(argv[2], argv[3]);
    if (argc >= 3 && strcmp(argv[1], "play") == 0) return bench_play(argv[2]);
    fprintf(stderr, "usage: bench_core load|mem|play FILE | scale SMALL LARGE\n");
    return 2;
}
