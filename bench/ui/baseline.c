/* baseline.c - the smallest honest SDL2 + SDL2_ttf program the game is
 * measured against: open a window, draw one wrapped paragraph, present.
 *   baseline [--software] [--window WxH] [--frames N] [--idle SECONDS]
 * Without --frames it exits right after the first frame is presented (time
 * to first frame, peak memory); with --frames it redraws the cached texture
 * N times and prints the mean frame time; --idle waits in SDL_WaitEvent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

static const char paragraph[] =
    "I'll be blunt. I see a line of 180,000 a year and nobody can tell me what it saves. "
    "Unless you can, it's the first thing I cut. Fair. Before April, late deliveries ran at 4%; "
    "since then they're at 9%, and each one costs you a re-delivery.";

int main(int argc, char **argv)
{
    int w = 1280, h = 720, frames = 0, idle = 0;
    int software = 0;
    const char *font = "assets/fonts/DejaVuSans.ttf";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--software") == 0) software = 1;
        else if (strcmp(argv[i], "--window") == 0 && i + 1 < argc) sscanf(argv[++i], "%dx%d", &w, &h);
        else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = atoi(argv[++i]);
        else if (strcmp(argv[i], "--idle") == 0 && i + 1 < argc) idle = atoi(argv[++i]);
        else if (strcmp(argv[i], "--font") == 0 && i + 1 < argc) font = argv[++i];
    }
    if (software) {
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "baseline: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *win = SDL_CreateWindow("baseline", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, 0);
    SDL_Renderer *ren = win ? SDL_CreateRenderer(win, -1, 0) : NULL;
    TTF_Font *f = TTF_OpenFont(font, 18);
    if (!ren || !f) {
        fprintf(stderr, "baseline: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Color ink = {24, 32, 43, 255};
    SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(f, paragraph, ink, 800);
    SDL_Texture *t = SDL_CreateTextureFromSurface(ren, s);
    SDL_Rect dst = {40, 40, s->w, s->h};
    SDL_FreeSurface(s);
    SDL_SetRenderDrawColor(ren, 243, 244, 246, 255);
    SDL_RenderClear(ren);
    SDL_RenderCopy(ren, t, NULL, &dst);
    SDL_RenderPresent(ren);
    if (frames > 0) {
        Uint64 t0 = SDL_GetPerformanceCounter();
        for (int i = 0; i < frames; i++) {
            SDL_RenderClear(ren);
            SDL_RenderCopy(ren, t, NULL, &dst);
            SDL_RenderPresent(ren);
        }
        double ms = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency();
        printf("frame_ms %.3f\n", ms / frames);
    }
    if (idle > 0) {
        Uint32 end = SDL_GetTicks() + (Uint32)idle * 1000u;
        SDL_Event e;
        while (SDL_GetTicks() < end)
            SDL_WaitEventTimeout(&e, 1000);
    }
    SDL_DestroyTexture(t);
    TTF_CloseFont(f);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
