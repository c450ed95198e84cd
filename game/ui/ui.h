/* ui.h - the SDL2 front end's private contract: the App context that holds
 * every piece of window state, and the modules that draw and drive it.
 *
 * The UI never decides anything about the scenario: it lays out core's
 * display model (display.h) and sends commands (choose, continue, undo,
 * restart). The model is built once after each command and kept until the
 * next; each frame is drawn from it and the App's own state; buttons register
 * their rectangles as "hits" while they are drawn, and the next input is
 * matched against those (mouse) or walked in order (keyboard focus). */
#ifndef COMPEL_UI_H
#define COMPEL_UI_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "compel/display.h"
#include "compel/playthrough.h"
#include "compel/results.h"
#include "compel/scenario.h"
#include "compel/session.h"
#include "compel/startat.h"
#include "ui_keys.h"
#include "ui_layout.h"
#include "ui_theme.h"
#include "ui_utf8.h"
#include "compel/lrs.h"

/* ---- Options and settings ---- */

typedef struct Settings {
    char player[64];
    bool assessment;
    ThemeId theme;
    double text_scale;      /* 0.75 .. 2.0 */
    bool fullscreen;
    bool watch;             /* reload the scenario when its file is saved */
} Settings;

typedef enum StartScreen { START_AUTO, START_PICKER, START_BRIEFING, START_PLAY,
                           START_SETTINGS, START_HISTORY, START_PAUSE, START_DEBRIEF,
                           START_INSPECT, START_MAP, START_RECORDS } StartScreen;

typedef struct Options {
    const char *scenario;     /* file given on the command line, or NULL */
    const char *scenarios;    /* --scenarios DIR, or NULL */
    const char *results;      /* --results FILE, or NULL (default file) */
    const char *screenshot;   /* --screenshot FILE.bmp, or NULL */
    const char *choices;      /* --choices LIST, or NULL */
    const char *player;       /* --player, or NULL (settings) */
    const char *renderer;     /* --renderer software|accelerated, or NULL (auto) */
    int mode;                 /* -1 settings, 0 practice, 1 assessment */
    int theme;                /* -1 settings, else ThemeId */
    double text_scale;        /* 0: settings */
    int fullscreen;           /* -1 settings, 0/1 */
    int win_w, win_h;         /* 0: default */
    bool have_seed;
    uint64_t seed;
    StartScreen screen;       /* --screen */
    int bench_frames;         /* --bench-frames N: time N warm frames, print, exit */
    bool no_save;             /* --no-save: no autosave, settings or results written */
    const char *learner, *email, *home_page; /* the learner's identity, or NULL (lrs.conf) */
    const char *lrs, *lrs_auth_file;          /* --lrs URL, --lrs-auth-file FILE, or NULL */
    const char *cmi5;                         /* --cmi5 LAUNCH-URL: an LMS launched us, or NULL */
    bool headless;            /* drawing that nobody watches is wanted (--screenshot,
                                 --bench-frames, tests): SDL's dummy driver is then allowed */
    StartArgs start;          /* --from, --set, --meter */
    bool watch;               /* --watch: reload the scenario when its file is saved */
} Options;

/* ---- Text ---- */

typedef enum FontId { FONT_SMALL, FONT_BODY, FONT_BOLD, FONT_H2, FONT_H1, FONT_COUNT } FontId;

/* One rendered paragraph (or line), cached by text, font, colour and width. */
typedef struct TextEntry {
    char *text;
    uint32_t hash;
    int font, wrap, max_lines;
    SDL_Color color;
    int w, h;                  /* size of the whole text laid out */
    int nlines, line_h;
    WrapLine *lines;           /* byte ranges of text per line */
    /* The text is drawn from textures of TEXT_CHUNK_LINES lines each, made
     * when a chunk first becomes visible, at most TEXT_LIVE_CHUNKS at once:
     * memory follows what is on screen, never the length of the text. */
    SDL_Texture **chunks;
    unsigned char *made;       /* per chunk: rendered (its texture may be NULL: blank) */
    int nchunks, live;
    bool cut;                  /* lines past max_lines were dropped (the last one ends in "…") */
    uint64_t used;             /* LRU stamp */
} TextEntry;

/* One text a frame laid out, with where (the test hook: app->log_texts). */
typedef struct DrawnText {
    char *text;
    SDL_Rect r;                /* the whole text laid out */
    int font;
} DrawnText;

typedef struct TextCache {
    TextEntry *items;
    int count, cap;            /* cap is the LRU bound */
    uint64_t tick;
    long hits, misses;
} TextCache;

/* ---- Screens ---- */

typedef enum Screen { SCREEN_PICKER, SCREEN_BRIEFING, SCREEN_PLAY, SCREEN_DEBRIEF, SCREEN_MAP } Screen;
typedef enum Overlay { OVERLAY_NONE, OVERLAY_PAUSE, OVERLAY_SETTINGS, OVERLAY_RECORDS, OVERLAY_HISTORY,
                       OVERLAY_INSPECT } Overlay;

/* A clickable, focusable rectangle registered while drawing. */
typedef struct Hit {
    SDL_Rect r;
    Action act;
    bool focusable;
} Hit;

#define UI_MAX_HITS 96

/* One card of the picker: a scenario that loaded, or a file that did not. */
typedef struct PickerEntry {
    char *path;
    char *file;                /* base name */
    Scenario *sc;              /* NULL when broken */
    char *error;               /* first validation error when broken */
    int best;                  /* this player's best percent, -1 when none */
    char *best_grade;
} PickerEntry;

typedef struct UiCmi5 UiCmi5;

typedef struct App {
    Options opt;
    Settings set;
    char *pref_dir;            /* SDL_GetPrefPath, with trailing '/' (may be NULL) */
    char *results_path;
    char *scenarios_dir;
    char *assets_dir;

    SDL_Window *win;
    SDL_Renderer *ren;
    bool software;             /* which renderer was chosen */
    int out_w, out_h;          /* output size in pixels */
    double dpi;                /* output pixels per window coordinate */
    Metrics m;
    const Theme *th;
    TTF_Font *fonts[FONT_COUNT];
    bool font_warned;          /* the damaged-font message was printed once */
    struct Glyphs *glyphs;     /* fonts fontconfig found for what the shipped font lacks (ui_glyphs.c) */
    int font_px[FONT_COUNT];
    TextCache cache;
    struct FaceState *faces;   /* drawn faces and their textures (avatar.c) */
    struct MapView *map;       /* the conversation map: its layout, kept while the scenario is open (ui_map.c) */

    Screen screen;
    Overlay overlay;
    Hit hits[UI_MAX_HITS];
    int nhits;
    int focus;                 /* index among focusable hits, -1 none */
    int hover;                 /* hit under the mouse, -1 none */
    int primary;               /* the screen's primary button (Enter without focus), -1 none */
    int grid_cols;             /* picker columns (Up/Down move by a row) */
    bool focus_moved;          /* the keyboard moved the focus: scroll it into view */
    int page_hit0;             /* first hit inside the current scrolling page */
    int pressed;               /* hit under a pressed mouse button, -1 none */
    int mouse_x, mouse_y;
    bool dirty, quit;
    long frames;
    int overflows;             /* text drawn outside its box (tests check 0) */
    bool log_texts;            /* keep every text the frame lays out (COMPEL_UI_TEXTS, tests) */
    DrawnText *drawn;          /* those texts, in the order drawn */
    int ndrawn, drawn_cap;

    /* picker */
    PickerEntry *entries;
    int nentries;
    int scroll;                /* scroll offset of the current scrollable page */
    int scroll_total, scroll_view;
    int overlay_scroll, overlay_total, overlay_view;

    /* the open scenario and playthrough */
    Scenario *sc;
    char *sc_path;
    char *portrait_error;      /* first portrait that failed to load */
    Session *ses;
    /* core's display model of ses, built when first asked for after a
     * command (app_now, app_transcript, app_debrief), dropped by the next */
    DisplayNow *now;
    Transcript *transcript;
    Debrief *debrief;
    Briefing *briefing;        /* the open scenario's, for briefing_player */
    char briefing_player[64];
    time_t started;
    double started_frac;
    bool recorded;             /* the ended playthrough was appended */
    char *record_error;        /* why it could not be */
    bool results_failed;       /* some result of this run could not be saved (exit 6) */
    int save_state;            /* 0 none, 1 resumable save, 2 save of a changed scenario */
    int save_ncmds;            /* commands in that save */
    bool coach;                /* practice: coach panel open after a choice */
    int settings_row;
    Overlay settings_return;   /* where closing the settings goes back to */
    bool editing_name;
    LrsSettings records;       /* the learning-records panel's fields while it is open */
    int records_row;           /* its text field being edited, or -1 */
    char records_error[700];   /* why it could not close, or "" */

    /* animation */
    Uint32 reveal_start;
    int reveal_total;          /* characters in the current text */
    bool reveal_done;
    double *meter_shown;       /* per meter, the value drawn */
    double *meter_from;
    Uint32 meter_anim_start;
    bool meter_anim;

    char banner[256];          /* a one-line message at the top (errors) */

    /* --watch (ui_watch.c) */
    struct WindowWatch *watch; /* watching the open scenario's file, or NULL */
    Uint32 watch_event;        /* the event the watching thread posts */
    char *watch_error;         /* the last save does not load: what it says (on screen) */
    char *watch_note;          /* what the last good reload did */
    bool watch_note_stopped;   /* ... it stopped early: on screen until the next command */
    int watch_note_cmds;       /* commands when it was made */
    bool reloaded;             /* this playthrough was replayed on a reloaded file: it writes nothing */

    /* the learning record store (NULL lrs: none configured) */
    LrsConfig *lrs;
    char *outbox;
    LrsFlusher *flusher;       /* sending on a worker thread, or NULL */
    bool flush_again;          /* a playthrough finished while sending: send again after */
    int lrs_waiting;           /* playthroughs in the outbox after the last flush */
    bool lrs_offline;          /* the last flush could not reach the LRS */
    LrsIdentity ident;         /* the learner (command line, else lrs.conf) */
    Uint32 lrs_event;          /* the event a finished flush posts */

    UiCmi5 *cmi5;              /* launched by an LMS (ui_cmi5.c), or NULL */
} App;

/* Pixels for a length given at scale 1 (text scale x display density). */
static inline int ui_px(const App *app, double v)
{
    double r = v * app->m.scale;
    return (int)(r + 0.5);
}

/* ---- ui_app.c: lifecycle and commands ---- */

/* Create the window and everything it needs. Returns NULL with a message on
 * stderr; *code is set to EXIT_NO_DISPLAY or EXIT_PLATFORM. */
App *app_create(const Options *opt, int *code);
void app_destroy(App *app);

/* Process every pending event, advance animations, draw if needed. When
 * wait is true and nothing animates, block until an event arrives. */
void app_step(App *app, bool wait);

/* Draw the current screen into the renderer (no present). */
void app_draw(App *app);

/* Run the event loop until quit. Returns the exit code. */
int app_run(App *app);

/* Put a reloaded version of the open scenario in place with its replayed
 * session (NULL: none was under way), staying on the screen it was on
 * (the debrief when the replay reached an ending, written nowhere). */
void app_swap_scenario(App *app, Scenario *sc, Session *ses);

/* Open a scenario file (briefing screen). false with a banner on failure. */
bool app_open_scenario(App *app, const char *path);

/* Start a playthrough of the open scenario: fresh, or from the autosave. */
void app_start(App *app, bool resume);

/* Apply a command list as `compel run --choices` does. 0 on success,
 * or -1 with a message on stderr naming the decision and the visible count. */
int app_apply_choices(App *app, const int *list, int n);

/* Show a screen (no overlay, focus and scroll reset). */
void app_set_screen(App *app, Screen s);

/* Commands (ui_session.c): choose a visible choice, continue (a reading
 * node or the coach's panel), undo the last decision (practice only). */
void app_choose(App *app, int index);
void app_continue(App *app);
/* Whether the last choice is followed by its own panel before the next node:
 * a reply to show, or (practice) the coach's word. */
bool app_pauses_after_choice(App *app);
void app_undo(App *app);

/* Core's display model of the session (display.h): what to show now, the
 * transcript, the debrief. Built on first use after a change and kept; NULL
 * without a session (or out of memory). The App owns them. */
const DisplayNow *app_now(App *app);
const Transcript *app_transcript(App *app);
const Debrief *app_debrief(App *app);
/* The session changed (a command, a new or closed session): drop the model. */
void app_model_changed(App *app);

/* Start revealing the current node's text / animating the meters toward
 * their new values (animate false: jump there). */
void app_begin_reveal(App *app);
void app_begin_meters(App *app, bool animate);

/* Advance the animations to the current time. */
void app_animate(App *app);

/* Number of focusable hits drawn in the last frame. */
int app_focusable_count(const App *app);

/* Handle one SDL event (ui_input.c). */
void app_on_event(App *app, const SDL_Event *e);

/* Perform an action (from a key, a click or a test). */
void app_do(App *app, Action a);

/* Rebuild fonts and caches after a change of scale, theme or size. */
void app_relayout(App *app);

/* Whether something is animating (text reveal, meter bars). */
bool app_animating(const App *app);

/* Complete the text reveal and meter animations at once. */
void app_finish_animations(App *app);

/* Characters of the current node's text revealed so far (-1: all). */
int app_reveal_chars(const App *app);

/* The input context of the current screen and overlay. */
InputContext app_input_context(const App *app);

/* ---- ui_text.c: fonts and the text cache ---- */

/* ---- ui_glyphs.c: characters the shipped font lacks ---- */

/* The font to draw code point cp in at size id: the shipped font when it
 * has the glyph, else a system font fontconfig finds for it (opened once,
 * at the sizes used), else the shipped font (which draws a box). */
TTF_Font *glyphs_font_for(App *app, FontId id, unsigned cp);
/* Close every fallback font (the sizes change with the scale). */
void glyphs_close(App *app);
/* A system font file (malloc'd path) for plain Latin text, regular or bold,
 * or NULL: what to use when a shipped font cannot draw letters. */
char *glyphs_latin_file(bool bold);
/* Whether f draws the basic Latin letters (a damaged file may load and
 * draw nothing). */
bool glyphs_draws_latin(TTF_Font *f);

/* Open the fonts for the current scale; false with a message on failure. */
bool text_open_fonts(App *app);
void text_close_fonts(App *app);
void text_cache_init(TextCache *c, int cap);
/* Drop every cached texture (theme, scale or size changed). */
void text_cache_clear(TextCache *c);
void text_cache_free(TextCache *c);

/* The laid-out text (cached). wrap: width in pixels, 0 for one line;
 * max_lines: 0 for all (the caller's page scrolls), else later lines are
 * dropped with an ellipsis. */
const TextEntry *text_get(App *app, const char *text, FontId font, SDL_Color color, int wrap, int max_lines);

/* Height of the text laid out at this width. */
int text_height(App *app, const char *text, FontId font, int wrap, int max_lines);

/* Width of a single line of text. */
int text_width(App *app, const char *text, FontId font);

/* Line height of a font. */
int text_line_h(const App *app, FontId font);

/* Forget the texts the last frame laid out (a frame starts, or the end). */
void text_log_clear(App *app);
/* One line per text the last frame laid out, in order: "x y w h font", a
 * tab, then the text with backslash, newline and tab escaped (\\ \n \t). */
void text_log_write(const App *app, FILE *out);

/* Draw text at (x, y) inside box (for overflow checking); reveal: number of
 * characters to show, -1 for all. Only the lines inside the renderer's clip
 * rectangle (the scrolling page) are rendered. Returns the text's height. */
int text_draw(App *app, const char *text, FontId font, SDL_Color color, int x, int y,
              int wrap, int max_lines, SDL_Rect box, int reveal);

/* ---- ui_draw.c: primitives ---- */

void draw_fill(App *app, SDL_Rect r, SDL_Color c);
void draw_frame(App *app, SDL_Rect r, SDL_Color c, int thickness);
/* A bar with its value written beside it: label, value and range, and
 * change, what moved since the last decision (0: nothing, none drawn). */
void draw_meter(App *app, SDL_Rect r, const char *label, double shown, int value, int change, int min, int max);
/* A button; registers a hit. style: 0 plain, 1 primary. Returns its rect. */
SDL_Rect draw_button(App *app, SDL_Rect r, const char *label, Action act, int style);
/* Whether the hit with this index is hovered or focused. */
bool draw_is_hot(const App *app, int hit);
/* Register a hit (clickable and focusable). Returns its index. */
int draw_hit(App *app, SDL_Rect r, Action act, bool focusable);
/* A small label with a frame (tags, stance). Returns its width. */
int draw_chip(App *app, int x, int y, const char *text, SDL_Color fg, SDL_Rect box);
/* A scrolling region: clip to view and return the y where content starts
 * (view.y - *scroll). page_end records the content height, clamps the
 * scroll, removes the clip and draws a scroll indicator when needed. */
int page_begin(App *app, SDL_Rect view, int *scroll);
void page_end(App *app, SDL_Rect view, int content_h, int *scroll, int *total, int *viewh);
/* A card-like panel (surface colour, hairline border). */
void draw_panel(App *app, SDL_Rect r);
/* A one-line notice box (warn colours) with text wrapped inside; returns its height. */
int draw_notice(App *app, int x, int y, int w, const char *text, bool draw);
/* The title row of a screen: a heading and a muted subtitle; returns its height. */
int draw_header(App *app, int x, int y, int w, const char *title, const char *sub);
/* A panel w x h (clamped to the window) centred on the screen, drawn; returns it. */
SDL_Rect draw_centred_panel(App *app, int w, int h);
/* The panel behind modal content. */
void draw_scrim(App *app);

/* ---- avatar.c: photos and drawn faces ---- */

typedef struct FaceState FaceState;

/* Character ci (ch NULL: the narrator) in the square r: their photo, or their
 * face showing mood. live: this is the conversation's face, which eases
 * into a new mood instead of jumping. */
void draw_avatar(App *app, const Character *ch, int ci, Mood mood, SDL_Rect r, bool live);
/* Whether a face is easing from one mood to another. */
bool avatar_animating(const App *app);
/* End the easing at once (screenshots, a key press). */
void avatar_finish(App *app);
/* Load the open scenario's photos (a failure sets app->portrait_error once
 * and leaves the drawn face); avatar_close drops them with the faces. */
void avatar_open(App *app);
void avatar_close(App *app);
/* Drop every painted face (theme or size changed). */
void avatar_flush(App *app);
void avatar_free(App *app);
/* A frame starts: forget the faces drawn in the last one. */
void avatar_frame(App *app);
/* Write one line per face drawn in the last frame (position, who, mood,
 * photo or drawn), for the screenshot tests (COMPEL_UI_DEBUG). */
void avatar_report(const App *app, FILE *out);

/* ---- ui_store.c: files in the user's folders ---- */

void store_settings_default(Settings *s);
void store_settings_load(App *app);
void store_settings_save(App *app);
/* Autosave of the current playthrough (after every decision). */
void store_autosave(App *app);
void store_autosave_clear(App *app);
/* Read the autosave for scenario sc into *out (the saved form of
 * playthrough.h): returns 0 none, 1 resumable, 2 saved from a changed
 * scenario. When it returns 1 or 2 the caller frees *out (playthrough_free). */
int store_autosave_read(App *app, const Scenario *sc, Playthrough *out);
/* Scan the scenarios folder into the picker entries. */
void store_scan_scenarios(App *app);
void store_free_entries(App *app);
/* Fill each entry's best previous result for the current player. */
void store_best_results(App *app);

/* ---- screens ---- */

void screen_picker(App *app);
void screen_briefing(App *app);
/* Core's briefing of the open scenario for the player in the settings (built
 * again when the name changes; close_scenario frees it). NULL without one. */
const Briefing *app_briefing(App *app);
void screen_play(App *app);
void screen_debrief(App *app);
/* A modal panel with a heading and a Close button (history, inspector);
 * returns the rectangle left for its scrollable content. */
SDL_Rect overlay_panel(App *app, const char *heading);
void overlay_history(App *app);
void overlay_inspect(App *app);
void overlay_pause(App *app);
void overlay_settings(App *app);
/* A text field in a settings row: label_w wide label column, the value
 * (dots for a secret), a caret when active; a long value shows its end. */
void settings_field(App *app, SDL_Rect row, int label_w, const char *value, bool active, bool secret);

/* ---- the learning-records panel (ui_records.c) ---- */
void records_open(App *app);
void overlay_records(App *app);
/* Check, save to lrs.conf and apply; false (panel stays, reason shown) when
 * a value is wrong or the file cannot be written. */
bool records_close(App *app);
/* One line for the settings row: where results go (the store's host). */
const char *records_summary(const App *app, char *buf, size_t cap);
/* The text being typed into (the name, a records field), with its size; NULL
 * when no text field is active. */
char *ui_text_field(App *app, size_t *cap);

/* The conversation map (ui_map.c, drawn by ui_map_draw.c): open it over
 * the open scenario (laid out the first time), go back to where it was
 * opened from, drop its layout (the scenario closes). */
void map_open(App *app);
void map_close(App *app);
void map_forget(App *app);
/* Drop the map's drawn picture (theme, size or the renderer's targets changed). */
void map_flush(App *app);
void screen_map(App *app);
/* The map's own keys (zoom, pan, fit, Tab, Esc) and mouse (wheel, drag,
 * hover, click); false when the event is not the map's. */
bool map_on_event(App *app, const SDL_Event *e);
/* For `--bench-frames` on the map with COMPEL_BENCH_MAP_PAN set: before
 * frame i, zoom to one pixel per point and pan sideways, as a drag would. */
void map_bench_pan(App *app, int frame);
/* Settings rows: change row by dir (-1, +1) or toggle (0). */
void settings_change(App *app, int row, int dir);
int settings_rows(void);

/* ---- --watch (ui_watch.c) ---- */

typedef struct WindowWatch WindowWatch;
/* Whether the open scenario is to be watched (--watch or the setting). */
bool ui_watch_wanted(const App *app);
/* Watch the open scenario's file and portraits (when wanted), or stop. */
void ui_watch_start(App *app);
void ui_watch_stop(App *app);
/* Handle the watching thread's event (reload); false for any other event. */
bool ui_watch_event(App *app, const SDL_Event *e);
/* The broken save's findings, or where a stopped replay stopped, on top. */
void ui_watch_draw(App *app);
void ui_watch_free(App *app);

/* ---- launched by an LMS through cmi5 (ui_cmi5.c) ---- */
/* Before the window: read opt->cmi5, find the scenario (into path), start
 * the LMS session (initialized), set the mode and the player's name (into
 * player). -1 to go on, else an exit code (the reason on stderr). */
int ui_cmi5_begin(Options *opt, UiCmi5 **out, char *path, size_t cap, char *player, size_t pcap);
/* The ending was reached: send completed, passed/failed and terminated. */
void ui_cmi5_ended(App *app);
bool ui_cmi5_event(App *app, const SDL_Event *e);
/* Whether one scenario, one attempt (no picker, no restart) applies. */
bool ui_cmi5_active(const App *app);
/* A line for the debrief, or NULL when not launched by an LMS. */
const char *ui_cmi5_status(const App *app, char *buf, size_t cap);
/* Wait for the sending, or send terminated when no ending was reached; rc,
 * or EXIT_INVALID when the LMS could not be told. Frees it. */
int ui_cmi5_stop(App *app, int rc);

/* ---- the learning record store (ui_lrs.c) ---- */

/* Read the learner's identity and the LRS settings; when an LRS is set, start
 * sending what waits in the outbox (never with --no-save). */
void ui_lrs_start(App *app, const Options *opt);
/* The learner's identity into a result's meta. */
void ui_lrs_fill_meta(const App *app, ResultMeta *meta);
/* The finished playthrough (its record id) into the outbox, and send. */
void ui_lrs_queue(App *app, const ResultMeta *meta, const char *id);
/* Handle the event a finished send posts; false for any other event. */
bool ui_lrs_event(App *app, const SDL_Event *e);
/* Wait for a send under way and free the LRS state. */
void ui_lrs_stop(App *app);
/* Apply new settings from the records panel: the learner's identity (unless
 * the command line gave one) and the store, started again. */
void ui_lrs_restart(App *app, const LrsSettings *s);
/* Send what waits now (a worker thread). */
void ui_lrs_send_now(App *app);
/* "N results waiting to send" for the screens, or NULL without an LRS. */
const char *ui_lrs_status(const App *app, char *buf, size_t cap);

#endif
