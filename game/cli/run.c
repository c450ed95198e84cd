/* run.c - `compel run`: the terminal player. Scripted with --choices (and
 * --json for tools), or interactive on standard input: plain, wrapped text
 * that a screen reader reads well. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/playthrough.h"
#include "compel/results.h"
#include "compel/startat.h"
#include "compel/termplay.h"
#include "compel/watch.h"

static void usage(FILE *out)
{
    fputs("usage: compel run SCENARIO.json [OPTIONS]\n"
          "Play a scenario in the terminal. Without --choices, reads your choices from standard input.\n"
          "  --choices LIST   play these 1-based visible choice numbers (e.g. 2,1,3) without asking\n"
          "  --seed N         seed for chance events (default: 1 with --choices, random otherwise)\n"
          "  --player NAME    your name, used in the text and the results file\n"
          "  --mode M         practice (coach after each choice, undo) or assessment (coach at the end)\n"
          "  --results FILE   append the finished playthrough to this results file (JSON Lines);\n"
          "                   interactive play uses the game's file in ~/.local/share/compel\n"
          "                   unless told otherwise, scripted play (--choices) only this one\n"
          "  --no-results     do not save the playthrough\n"
          "  --replay SAVED   play a saved playthrough (the window's autosave, a test replay,\n"
          "                   or a --record file); --choices adds more choices after it\n"
          "  --record FILE    save this playthrough to FILE, to replay it with --replay\n"
          "  --from NODE      start at this node (for authors: the result is marked as a test)\n"
          "  --set FLAG       start with this flag set (repeatable)\n"
          "  --meter ID=N     start with this meter at N (repeatable)\n"
          "  --watch          interactive: reload the file whenever it is saved and replay your\n"
          "                   choices to the same place (an author's preview: nothing is saved)\n"
          "  --json           print the result as one JSON object (with --choices or --replay)\n"
          "  --help           show this help\n"
          "Exit: 0 ending reached, 1 invalid scenario or choice out of range, 2 usage,\n"
          "      3 choices or input ran out before an ending, 6 results file not writable.\n",
          out);
}

typedef struct RunOptions {
    const char *file, *choices, *player, *results, *replay, *record;
    int *list, nlist;          /* --choices, parsed */
    bool json, have_seed, have_mode, no_results, watch;
    SessionMode mode;
    uint64_t seed;
    StartArgs start;           /* --from, --set, --meter */
} RunOptions;

static int parse_value(int c, const char *arg, RunOptions *o)
{
    switch (c) {
    case 'c': o->choices = arg; return EXIT_OK;
    case 'p': o->player = arg; return EXIT_OK;
    case 'r': o->results = arg; return EXIT_OK;
    case 'R': o->replay = arg; return EXIT_OK;
    case 'w': o->record = arg; return EXIT_OK;
    case 'F': o->start.from = arg; return EXIT_OK;
    case 'X':
    case 'M': {
        bool set = c == 'X';
        int *n = set ? &o->start.nsets : &o->start.nmeters;
        if (*n == 64) {
            fprintf(stderr, "compel run: at most 64 %s options\n", set ? "--set" : "--meter");
            return EXIT_USAGE;
        }
        (set ? o->start.sets : o->start.meters)[(*n)++] = arg;
        return EXIT_OK;
    }
    case 's':
        if (!seed_parse(arg, &o->seed)) {
            fprintf(stderr, "compel run: --seed must be a whole number from 0 to 18446744073709551615, not \"%s\"\n", arg);
            return EXIT_USAGE;
        }
        o->have_seed = true;
        return EXIT_OK;
    case 'm':
        o->have_mode = true;
        if (strcmp(arg, "practice") == 0) o->mode = SESSION_PRACTICE;
        else if (strcmp(arg, "assessment") == 0) o->mode = SESSION_ASSESSMENT;
        else {
            fprintf(stderr, "compel run: --mode must be practice or assessment, not \"%s\"\n", arg);
            return EXIT_USAGE;
        }
        return EXIT_OK;
    }
    return EXIT_USAGE;
}

/* Options into o; EXIT_OK, or the exit code to return (help, usage). */
static int parse_options(int argc, char **argv, RunOptions *o)
{
    static const struct option opts[] = {
        {"choices", required_argument, 0, 'c'}, {"seed", required_argument, 0, 's'},
        {"player", required_argument, 0, 'p'},  {"mode", required_argument, 0, 'm'},
        {"results", required_argument, 0, 'r'}, {"json", no_argument, 0, 'j'},
        {"replay", required_argument, 0, 'R'},  {"record", required_argument, 0, 'w'},
        {"no-results", no_argument, 0, 'n'},    {"help", no_argument, 0, 'h'},
        {"from", required_argument, 0, 'F'},    {"set", required_argument, 0, 'X'},
        {"meter", required_argument, 0, 'M'},   {"watch", no_argument, 0, 'W'},
        {0, 0, 0, 0},
    };
    memset(o, 0, sizeof *o);
    o->seed = 1;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'j': o->json = true; break;
        case 'n': o->no_results = true; break;
        case 'W': o->watch = o->no_results = true; break;
        case 'h': usage(stdout); return -1;
        case ':':
            fprintf(stderr, "compel run: option %s needs a value (see `compel run --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        case '?':
            fprintf(stderr, "compel run: unknown option \"%s\" (see `compel run --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            if (parse_value(c, optarg, o) != EXIT_OK)
                return EXIT_USAGE;
        }
    }
    /* getopt_long permutes argv, so options may come before or after the file */
    o->file = optind < argc ? argv[optind] : NULL;
    if (optind + 1 < argc) {
        fprintf(stderr, "compel run: one scenario file at a time (unexpected \"%s\")\n", argv[optind + 1]);
        return EXIT_USAGE;
    }
    if (!o->file) {
        fputs("compel run: which scenario? usage: compel run SCENARIO.json [--choices LIST] (see --help)\n", stderr);
        return EXIT_USAGE;
    }
    if (o->json && !o->choices && !o->replay) {
        fputs("compel run: --json needs --choices or --replay (interactive play prints text)\n", stderr);
        return EXIT_USAGE;
    }
    if (o->watch && (o->choices || o->replay || o->json)) {
        fputs("compel run: --watch is for interactive play (not with --choices, --replay or --json)\n", stderr);
        return EXIT_USAGE;
    }
    bool from = o->start.from || o->start.nsets || o->start.nmeters;
    if (from && (o->replay || o->record)) {
        fputs("compel run: --from, --set and --meter do not combine with --replay or --record "
              "(a saved playthrough starts at the scenario's start)\n", stderr);
        return EXIT_USAGE;
    }
    char err[256];
    if (o->choices && (o->nlist = choices_parse(o->choices, &o->list, err, sizeof err)) < 0) {
        fprintf(stderr, "compel run: %s\n", err);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* The saved playthrough named by --replay, checked against sc. */
static int read_replay(const RunOptions *o, const Scenario *sc, Playthrough *p)
{
    char err[512];
    if (playthrough_read(o->replay, p, err, sizeof err) != 0) {
        fprintf(stderr, "compel run: %s: %s\n", o->replay, err);
        return EXIT_INVALID;
    }
    PlaythroughMatch m = playthrough_match(p, sc);
    if (m == PLAYTHROUGH_OTHER) {
        fprintf(stderr, "compel run: %s was saved from scenario \"%s\", not \"%s\"\n", o->replay, p->scenario, sc->id);
        playthrough_free(p);
        return EXIT_INVALID;
    }
    if (m == PLAYTHROUGH_CHANGED)
        fprintf(stderr, "compel run: note: %s changed since %s was saved; replaying it anyway\n", o->file, o->replay);
    return EXIT_OK;
}

/* The commands to play: the saved ones, then --choices. -1 when out of memory. */
static int gather_commands(const RunOptions *o, const Playthrough *p, Command **out)
{
    *out = calloc((size_t)(p->ncommands + o->nlist) + 1, sizeof **out);
    if (!*out) {
        fputs("compel run: out of memory\n", stderr);
        return -1;
    }
    if (p->ncommands)
        memcpy(*out, p->commands, (size_t)p->ncommands * sizeof **out);
    for (int i = 0; i < o->nlist; i++)
        (*out)[p->ncommands + i] = (Command){COMMAND_CHOOSE, o->list[i]};
    return p->ncommands + o->nlist;
}

/* The session to play: the saved seed, player and mode unless the command
 * line names them. */
static Session *start(const RunOptions *o, const Scenario *sc, const Playthrough *p, const StartSpec *at)
{
    bool scripted = o->choices || o->replay;
    uint64_t seed = o->have_seed ? o->seed : o->replay ? p->seed : scripted ? 1 : seed_random();
    const char *player = o->player ? o->player : o->replay ? p->player : NULL;
    Session *s = session_create(sc, seed, player);
    if (s)
        session_set_mode(s, o->have_mode ? o->mode : o->replay ? p->mode : SESSION_PRACTICE);
    if (s && start_spec_apply(s, at) != 0) {
        session_destroy(s);
        return NULL;
    }
    return s;
}

static void print_json(const Session *s)
{
    cJSON *j = cli_run_json(s);
    char *text = j ? cJSON_Print(j) : NULL;
    if (text)
        printf("%s\n", text);
    free(text);
    cJSON_Delete(j);
}

/* --watch: the file, the scenario being played (replaced on each good
 * reload) and where to start. */
typedef struct Reloader {
    const RunOptions *o;
    Scenario **sc;
    Watch *w;
} Reloader;

/* The file changed: load it again and replay the session's commands into a
 * new session; on errors keep playing the last good version. */
static bool reload(void *ctx, Session **s, FILE *out)
{
    Reloader *r = ctx;
    if (!watch_changed(r->w))
        return false;
    const char *file = r->o->file;
    DiagList d;
    diag_list_init(&d);
    Scenario *sc = scenario_load(file, &d);
    if (!sc) {
        fprintf(out, "\n%s changed but does not load; the last good version goes on:\n", file);
        for (int i = 0; i < d.count; i++)
            diag_print(out, &d.items[i], 0);
        diag_list_free(&d);
        return true;
    }
    diag_list_free(&d);
    StartSpec at;
    char err[512];
    if (start_spec_parse(sc, &r->o->start, &at, err, sizeof err) != 0) {
        fprintf(out, "\n%s changed, but %s; the last good version goes on.\n", file, err);
        scenario_destroy(sc);
        return true;
    }
    Session *ns = session_create(sc, session_seed(*s), session_player(*s));
    if (ns)
        session_set_mode(ns, session_mode(*s));
    if (!ns || start_spec_apply(ns, &at) != 0) {
        fprintf(out, "\n%s changed, but there is no memory to reload it; the last good version goes on.\n", file);
        session_destroy(ns);
        start_spec_free(&at);
        scenario_destroy(sc);
        return true;
    }
    start_spec_free(&at);
    int n;
    const Command *cmds = session_commands(*s, &n);
    int applied = session_play(ns, cmds, n);
    if (applied < n && cmds[applied].kind == COMMAND_CHOOSE) {
        int vis[COMPEL_MAX_CHOICES];
        fprintf(out, "\nReloaded %s. The replay stopped at \"%s\": your choice %d there no longer exists "
                     "(%d visible now); %d of %d steps replayed.\n",
                file, session_node(ns)->id, cmds[applied].choice, session_visible(ns, vis), applied, n);
    } else if (applied < n) {
        fprintf(out, "\nReloaded %s. The replay stopped at \"%s\", which no longer goes on the same way; "
                     "%d of %d steps replayed.\n", file, session_node(ns)->id, applied, n);
    } else {
        fprintf(out, "\nReloaded %s: back at \"%s\" after %d step%s.\n", file, session_node(ns)->id, n,
                n == 1 ? "" : "s");
    }
    session_destroy(*s);
    scenario_destroy(*r->sc);
    *s = ns;
    *r->sc = sc;
    return true;
}

/* Interactive play that reloads the file when it is saved. */
static int play_watched(const RunOptions *o, Scenario **sc, Session **s)
{
    Watch *w = watch_open(o->file);
    if (!w) {
        fprintf(stderr, "compel run: cannot watch %s for changes: %s\n", o->file, strerror(errno));
        return EXIT_INVALID;
    }
    setvbuf(stdin, NULL, _IONBF, 0);   /* what poll sees is what the next read gets */
    Reloader r = {o, sc, w};
    TermReload tr = {watch_fd(w), reload, &r};
    fprintf(stdout, "Watching %s: save it to reload; your choices are replayed. Nothing is saved.\n", o->file);
    int rc = termplay_watched(s, stdin, stdout, &tr);
    watch_close(w);
    return rc;
}

/* After play: the --record file and the results file. */
static int save(const RunOptions *o, const Session *s, ResultMeta *meta, int rc)
{
    char err[512], id[37], defpath[4096];
    if (o->record && playthrough_write(o->record, s, o->file, err, sizeof err) != 0) {
        fprintf(stderr, "compel run: could not record the playthrough: %s\n", err);
        rc = rc == EXIT_OK ? EXIT_RESULTS : rc;
    }
    const char *results = o->no_results ? NULL : o->results;
    if (!results && !o->no_results && !o->choices && !o->replay &&
        results_default_path(defpath, sizeof defpath))
        results = defpath;   /* the same file the game window writes */
    if (rc != EXIT_OK || !results || session_status(s) != SESSION_ENDED)
        return rc;
    meta->mode = session_mode(s) == SESSION_ASSESSMENT ? "assessment" : "practice";
    clock_now(&meta->finished, &meta->finished_frac);
    if (results_append(results, s, meta, id, err, sizeof err) != 0) {
        fprintf(stderr, "compel run: could not save the result to %s: %s\n", results, err);
        return EXIT_RESULTS;
    }
    if (!o->json)
        printf("Result saved to %s.\n", results);
    return rc;
}

static int play(const RunOptions *o, Scenario **scp, const Playthrough *p, const StartSpec *at)
{
    const Scenario *sc = *scp;
    Command *cmds = NULL;
    int n = o->choices || o->replay ? gather_commands(o, p, &cmds) : 0;
    if (n < 0)
        return EXIT_INVALID;
    Session *s = start(o, sc, p, at);
    if (!s) {
        free(cmds);
        fputs("compel run: out of memory\n", stderr);
        return EXIT_INVALID;
    }
    ResultMeta meta = {"practice", 0, 0, 0, 0};
    clock_now(&meta.started, &meta.started_frac);
    int rc;
    if (o->choices || o->replay)
        rc = termplay_scripted(s, cmds, n, o->json ? NULL : stdout);
    else if (o->watch)
        rc = play_watched(o, scp, &s);
    else
        rc = termplay_interactive(s, stdin, stdout);
    if (o->json && (rc == EXIT_OK || rc == EXIT_INCOMPLETE))
        print_json(s);
    rc = save(o, s, &meta, rc);
    session_destroy(s);
    free(cmds);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    RunOptions o;
    int rc = parse_options(argc, argv, &o);
    Scenario *sc = rc == EXIT_OK ? cli_load(o.file) : NULL;
    if (!sc) {
        free(o.list);
        return rc < 0 ? EXIT_OK : rc != EXIT_OK ? rc : EXIT_INVALID;
    }
    Playthrough p;
    memset(&p, 0, sizeof p);
    rc = o.replay ? read_replay(&o, sc, &p) : EXIT_OK;
    StartSpec at;
    char err[512];
    if (rc == EXIT_OK && start_spec_parse(sc, &o.start, &at, err, sizeof err) != 0) {
        fprintf(stderr, "compel run: %s\n", err);
        rc = EXIT_USAGE;
    } else if (rc == EXIT_OK) {
        rc = play(&o, &sc, &p, &at);
        start_spec_free(&at);
    }
    playthrough_free(&p);
    scenario_destroy(sc);
    free(o.list);
    return rc;
}
