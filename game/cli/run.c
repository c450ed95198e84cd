/* run.c - `compel run`: the terminal player. Scripted with --choices (and
 * --json for tools), or interactive on standard input: plain, wrapped text
 * that a screen reader reads well. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/lrs.h"
#include "compel/playthrough.h"
#include "compel/results.h"
#include "compel/startat.h"
#include "compel/termplay.h"
#include "compel/reload.h"
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
          "  --learner ID     who you are for the records: an account name on --home-page\n"
          "  --email ADDRESS  ... or your e-mail address (instead of --learner)\n"
          "  --home-page IRI  the system the --learner account belongs to\n"
          "                   (default " XAPI_DEFAULT_HOME_PAGE ")\n"
          "  --lrs URL        also send the finished playthrough to this LRS, through the outbox\n"
          "                   (default: url in ~/.config/compel/lrs.conf); --lrs-auth-file FILE,\n"
          "                   --outbox DIR and --email-sha1 as for `compel xapi`\n"
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
    const char *learner, *email, *home_page;   /* the learner's identity (else lrs.conf) */
    const char *lrs, *auth_file, *outbox;
    bool email_sha1;
    StartArgs start;           /* --from, --set, --meter */
} RunOptions;

static int parse_value(int c, const char *arg, RunOptions *o)
{
    switch (c) {
    case 'c': o->choices = arg; return EXIT_OK;
    case 'p':
        o->player = arg;
        return option_player("compel run", arg) ? EXIT_OK : EXIT_USAGE;
    case 'r':
        o->results = arg;
        return option_results("compel run", arg) ? EXIT_OK : EXIT_USAGE;
    case 'R': o->replay = arg; return EXIT_OK;
    case 'w': o->record = arg; return EXIT_OK;
    case 'L': o->learner = arg; return EXIT_OK;
    case 'H': o->home_page = arg; return EXIT_OK;
    case 'U': o->lrs = arg; return EXIT_OK;
    case 'A': o->auth_file = arg; return EXIT_OK;
    case 'O': o->outbox = arg; return EXIT_OK;
    case 'E':
        if (!strchr(arg, '@') || strpbrk(arg, " \t\r\n<>")) {
            fprintf(stderr, "compel run: --email wants an address such as sam@example.com, not \"%s\"\n", arg);
            return EXIT_USAGE;
        }
        o->email = arg;
        return EXIT_OK;
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
        {"learner", required_argument, 0, 'L'}, {"email", required_argument, 0, 'E'},
        {"home-page", required_argument, 0, 'H'}, {"lrs", required_argument, 0, 'U'},
        {"lrs-auth-file", required_argument, 0, 'A'}, {"outbox", required_argument, 0, 'O'},
        {"email-sha1", no_argument, 0, 'S'},
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
        case 'S': o->email_sha1 = true; break;
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
    if (o->learner && o->email) {
        fputs("compel run: give --learner or --email, not both\n", stderr);
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

/* The learning record store, when one is set (--lrs or lrs.conf). */
typedef struct RunLrs {
    bool on;
    LrsConfig cfg;
    char outbox[4096];
    LrsFlusher *flusher;     /* what waited, sent while the player plays */
    bool email_sha1;
} RunLrs;

/* The finished playthrough into the outbox, then one short try to send what
 * waits (after the flush started at the beginning is over). Offline is
 * normal: one quiet line on standard error says how many wait. */
static void send_playthrough(RunLrs *l, const Session *s, const ResultMeta *meta, const char *id)
{
    if (l->flusher)
        lrs_flusher_join(l->flusher, NULL, NULL, NULL, 0);
    l->flusher = NULL;
    XapiOptions opt = {XAPI_DEFAULT_BASE, XAPI_DEFAULT_HOME_PAGE, XAPI_DEFAULT_LANG, XAPI_DEFAULT_PASS_PERCENT,
                       l->email_sha1};
    char err[600], msg[2000];
    if (lrs_queue_session(l->outbox, s, meta, id, &opt, err, sizeof err) != 0) {
        fprintf(stderr, "compel run: could not queue the playthrough for the LRS: %s\n", err);
        return;
    }
    l->cfg.attempts = 1;   /* a short, bounded try: the next start sends the rest */
    if (l->cfg.timeout_ms > 3000)
        l->cfg.timeout_ms = 3000;
    int left = 0;
    LrsStatus rc = lrs_outbox_flush(&l->cfg, l->outbox, NULL, &left, msg, sizeof msg);
    if (rc == LRS_OK)
        fprintf(stderr, "compel run: sent to the LRS\n");
    else if (rc == LRS_UNREACHABLE)
        fprintf(stderr, "compel run: the LRS is out of reach; %d playthrough%s wait%s in the outbox and go "
                        "next time\n", left, left == 1 ? "" : "s", left == 1 ? "s" : "");
    else
        fprintf(stderr, "compel run: %s\n", msg);
}

/* Set up the LRS and start sending what waits; EXIT_OK or EXIT_USAGE. The
 * learner's identity goes into meta (the command line, else lrs.conf). */
static int lrs_begin(const RunOptions *o, RunLrs *l, ResultMeta *meta, LrsIdentity *ident)
{
    lrs_settings_identity(ident);
    meta->learner = o->learner ? o->learner : o->email ? NULL : ident->learner[0] ? ident->learner : NULL;
    meta->email = o->email ? o->email : !meta->learner && ident->email[0] ? ident->email : NULL;
    meta->home_page = o->home_page ? o->home_page : ident->home_page[0] ? ident->home_page : XAPI_DEFAULT_HOME_PAGE;
    memset(l, 0, sizeof *l);
    l->email_sha1 = o->email_sha1;
    char err[600];
    int rc = lrs_setup(&l->cfg, o->lrs, o->auth_file, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "compel run: %s\n", err);
        return EXIT_USAGE;
    }
    if (rc != 0)
        return EXIT_OK;
    if (o->outbox)
        snprintf(l->outbox, sizeof l->outbox, "%s", o->outbox);
    else if (!lrs_outbox_default(l->outbox, sizeof l->outbox))
        return EXIT_OK;
    l->on = true;
    l->flusher = lrs_flusher_start(&l->cfg, l->outbox, NULL, NULL);
    return EXIT_OK;
}

/* --watch: the file, the scenario being played (replaced on each good
 * reload) and where to start. */
typedef struct Reloader {
    const RunOptions *o;
    Scenario **sc;
    Watch *w;
} Reloader;

/* The file changed: load it again and replay the session's commands into a
 * new session (reload.h); on errors keep playing the last good version. */
static bool reload(void *ctx, Session **s, FILE *out)
{
    Reloader *r = ctx;
    if (!watch_changed(r->w))
        return false;
    Reload rl;
    reload_scenario(r->o->file, &r->o->start, *s, &rl);
    fprintf(out, "\n%s\n", rl.message);
    for (int i = 0; i < rl.diags.count; i++)
        diag_print(out, &rl.diags.items[i], 0);
    if (rl.status != RELOAD_BROKEN) {
        session_destroy(*s);
        scenario_destroy(*r->sc);
        *s = rl.ses;
        *r->sc = rl.sc;
        rl.ses = NULL;
        rl.sc = NULL;
    }
    reload_free(&rl);
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
static int save(const RunOptions *o, const Session *s, ResultMeta *meta, int rc, RunLrs *lrs)
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
    /* The LRS gets what the results file gets; with --lrs on the command
     * line it gets a finished playthrough even when no file is written. */
    bool to_lrs = lrs->on && (results || o->lrs);
    if (rc != EXIT_OK || (!results && !to_lrs) || session_status(s) != SESSION_ENDED)
        return rc;
    meta->mode = session_mode(s) == SESSION_ASSESSMENT ? "assessment" : "practice";
    clock_now(&meta->finished, &meta->finished_frac);
    if (!results) {
        results_new_id(id);
    } else if (results_append(results, s, meta, id, err, sizeof err) != 0) {
        fprintf(stderr, "compel run: could not save the result to %s: %s\n", results, err);
        return EXIT_RESULTS;
    } else if (!o->json) {
        printf("Result saved to %s.\n", results);
    }
    if (to_lrs)
        send_playthrough(lrs, s, meta, id);
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
    ResultMeta meta = {"practice", 0, 0, 0, 0, NULL, NULL, NULL};
    clock_now(&meta.started, &meta.started_frac);
    RunLrs lrs;
    LrsIdentity ident;
    if (lrs_begin(o, &lrs, &meta, &ident) != EXIT_OK) {
        session_destroy(s);
        free(cmds);
        return EXIT_USAGE;
    }
    int rc;
    if (o->choices || o->replay)
        rc = termplay_scripted(s, cmds, n, o->json ? NULL : stdout);
    else if (o->watch)
        rc = play_watched(o, scp, &s);
    else
        rc = termplay_interactive(s, stdin, stdout);
    if (o->json && (rc == EXIT_OK || rc == EXIT_INCOMPLETE))
        print_json(s);
    rc = save(o, s, &meta, rc, &lrs);
    if (lrs.flusher)
        lrs_flusher_join(lrs.flusher, NULL, NULL, NULL, 0);
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
