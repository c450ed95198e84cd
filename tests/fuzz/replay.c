/* replay.c - feed files through the fuzz target's entry point without
 * libFuzzer, so `make test` replays the corpus under ASan + UBSan with any
 * compiler. Arguments: files or folders. Prints one line per input and
 * ends with "N passed, N failed" (a crash ends the run instead). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
    fclose(f);
    if (!buf || got != (size_t)n) {
        free(buf);
        return -1;
    }
    LLVMFuzzerTestOneInput(buf, got);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            printf("FAIL %s: cannot read\n", argv[i]);
            failed++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (run_file(argv[i]) == 0) passed++; else failed++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            struct stat est;
            if (stat(path, &est) == 0 && S_ISDIR(est.st_mode))
                continue;   /* e.g. tests/bad/faces: images the broken files point at */
            if (run_file(path) == 0) passed++;
            else { printf("FAIL %s: cannot read\n", path); failed++; }
        }
        if (d)
            closedir(d);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
