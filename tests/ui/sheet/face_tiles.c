/* face_tiles.c - paint drawn faces to PPM files, one per character and mood,
 * for the expression sheet (tests/ui/sheet/face-sheet.sh). Uses game/ui/face.c alone:
 * no window, no font.
 *   face_tiles OUTDIR SIZE SURFACE_HEX NAME:STANCE[:#rrggbb]...
 * writes OUTDIR/<row>-<mood index>.ppm, composited over the surface colour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../game/ui/face.h"

static int stance_of(const char *s)
{
    static const char *const names[] = {"champion", "ally", "neutral", "skeptic", "blocker"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return STANCE_NEUTRAL;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: face_tiles OUTDIR SIZE SURFACE_HEX NAME:STANCE[:#rrggbb]...\n");
        return 2;
    }
    int size = atoi(argv[2]);
    uint32_t surface = (uint32_t)strtoul(argv[3], NULL, 16);
    uint32_t *px = malloc((size_t)size * (size_t)size * sizeof *px);
    if (!px || size < 8)
        return 1;
    for (int row = 0; row + 4 < argc; row++) {
        char spec[256];
        snprintf(spec, sizeof spec, "%s", argv[row + 4]);
        char *stance = strchr(spec, ':'), *colour = NULL;
        if (stance) {
            *stance++ = '\0';
            colour = strchr(stance, ':');
            if (colour)
                *colour++ = '\0';
        }
        uint8_t rgb[3];
        if (colour && *colour == '#') {
            unsigned long c = strtoul(colour + 1, NULL, 16);
            rgb[0] = (uint8_t)(c >> 16), rgb[1] = (uint8_t)(c >> 8), rgb[2] = (uint8_t)c;
        }
        FaceLook lk;
        face_look(&lk, spec, colour ? rgb : NULL, (Stance)stance_of(stance ? stance : ""), surface);
        for (int m = 0; m < FACE_MOODS; m++) {
            FaceExpr ex;
            face_expr(&ex, (Mood)m);
            if (face_render(&lk, &ex, px, size, size) != 0)
                return 1;
            char path[512];
            snprintf(path, sizeof path, "%s/%d-%d.ppm", argv[1], row, m);
            FILE *f = fopen(path, "wb");
            if (!f)
                return 1;
            fprintf(f, "P6 %d %d 255\n", size, size);
            for (int i = 0; i < size * size; i++) {
                double a = (px[i] >> 24) / 255.0;
                for (int k = 16; k >= 0; k -= 8) {
                    double v = ((px[i] >> k) & 255) * a + ((surface >> k) & 255) * (1 - a);
                    fputc((int)(v + 0.5), f);
                }
            }
            fclose(f);
        }
    }
    free(px);
    return 0;
}
