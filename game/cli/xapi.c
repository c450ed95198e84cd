/* xapi.c - `compel xapi FILE...`: every playthrough of the results files as
 * xAPI 1.0.3 statements (game/lrs/statements.c builds them), written as one
 * JSON array. docs/reports.md shows the statements. */
#include <getopt.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/lrs.h"
#include "compel/report.h"

/* Where statements go: printed (out), or sent to an LRS (lrs != NULL),
 * collected into a pending batch; once the LRS cannot be reached, into
 * the outbox. */
typedef struct Sending {
    const LrsConfig *lrs;
    const char *outbox;
    cJSON *pending;
    size_t pending_bytes;
    long sent, queued;
    int queued_files;
    LrsStatus status;        /* the worst so far */
    char msg[1600];
} Sending;

typedef struct Writer {
    FILE *out;
    const XapiOptions *opt;
    long count;
    bool oom;
    Sending *send;
} Writer;

/* Statements [from..] of the pending batch into the outbox, as one file. */
static void queue_rest(Sending *s, long from)
{
    cJSON *rest = cJSON_CreateArray();
    int n = cJSON_GetArraySize(s->pending);
    for (long i = from; i < n; i++)
        cJSON_AddItemReferenceToArray(rest, cJSON_GetArrayItem(s->pending, (int)i));
    if (cJSON_GetArraySize(rest) > 0) {
        char err[600], name[64];
        snprintf(name, sizeof name, "xapi-%ld-%d", (long)getpid(), s->queued_files);
        if (lrs_outbox_put(s->outbox, name, rest, err, sizeof err) == 0) {
            s->queued += n - from;
            s->queued_files++;
        } else {
            snprintf(s->msg, sizeof s->msg, "%s", err);
            s->status = LRS_REFUSED;   /* could not keep them: an error, never a silent loss */
        }
    }
    cJSON_Delete(rest);
}

/* Send the pending batch (or queue it when the LRS is out of reach). */
static void send_pending(Sending *s)
{
    if (cJSON_GetArraySize(s->pending) == 0)
        return;
    long stored = 0;
    if (s->status == LRS_OK) {
        char msg[1200];
        LrsStatus rc = lrs_send(s->lrs, s->pending, &stored, msg, sizeof msg);
        s->sent += stored;
        if (rc != LRS_OK) {
            s->status = rc;
            snprintf(s->msg, sizeof s->msg, "%s", msg);
        }
    }
    if (s->status == LRS_UNREACHABLE)
        queue_rest(s, stored);
    cJSON_Delete(s->pending);
    s->pending = cJSON_CreateArray();
    s->pending_bytes = 0;
}

/* Print one playthrough's statements into the array being written. */
static int write_playthrough(void *ctx, const ResultRecord *rec)
{
    Writer *w = ctx;
    cJSON *arr = cJSON_CreateArray();
    if (!arr) {
        w->oom = true;
        return 1;
    }
    xapi_add_statements(arr, rec, w->opt);
    if (w->send) {
        Sending *sd = w->send;
        cJSON *st;
        while ((st = cJSON_DetachItemFromArray(arr, 0)) != NULL) {
            cJSON_AddItemToArray(sd->pending, st);
            w->count++;
        }
        cJSON_Delete(arr);
        sd->pending_bytes += 2000 * (size_t)rec->nsteps + 4000;   /* a rough size; lrs_send measures */
        if (sd->pending_bytes >= 4 * sd->lrs->batch_bytes)
            send_pending(sd);
        return sd->status == LRS_REFUSED || sd->status == LRS_DENIED;
    }
    const cJSON *s;
    cJSON_ArrayForEach(s, arr) {
        char *text = cJSON_PrintUnformatted(s);
        if (!text) {
            w->oom = true;
            break;
        }
        fprintf(w->out, "%s%s", w->count++ ? ",\n" : "\n", text);
        free(text);
    }
    cJSON_Delete(arr);
    return w->oom;
}

/* --lrs / --flush: what waits in the outbox first, then the files' statements. */
static int send_to_lrs(const LrsConfig *cfg, const char *outbox, bool flush, char *const *files, int nfiles,
                       const ReportFilter *filter, const XapiOptions *opt)
{
    int sent_files = 0, left = 0;
    char msg[4000];
    LrsStatus rc = lrs_outbox_flush(cfg, outbox, &sent_files, &left, msg, sizeof msg);
    if (msg[0])
        fprintf(stderr, "compel xapi: %s\n", msg);
    if (flush && nfiles == 0) {
        fprintf(stderr, "compel xapi: %d playthrough%s sent from the outbox, %d wait%s\n", sent_files,
                sent_files == 1 ? "" : "s", left, left == 1 ? "s" : "");
        return rc == LRS_OK ? EXIT_OK : rc == LRS_UNREACHABLE ? EXIT_LRS_WAITING : EXIT_INVALID;
    }
    Sending sd = {cfg, outbox, cJSON_CreateArray(), 0, 0, 0, 0, rc == LRS_UNREACHABLE ? rc : LRS_OK, ""};
    Writer w = {NULL, opt, 0, false, &sd};
    int unreadable = report_read_and_warn("xapi", files, nfiles, filter, write_playthrough, &w);
    send_pending(&sd);
    cJSON_Delete(sd.pending);
    if (sd.msg[0])
        fprintf(stderr, "compel xapi: %s\n", sd.msg);
    fprintf(stderr, "compel xapi: %ld of %ld statements sent to %s", sd.sent, w.count, cfg->url);
    if (sd.queued)
        fprintf(stderr, "; %ld wait in the outbox %s (`compel xapi --flush` sends them)", sd.queued, outbox);
    fputc('\n', stderr);
    bool unknown = w.count == 0 && filter->scenario;
    if (unknown)
        fprintf(stderr, "compel xapi: no playthrough of scenario \"%s\" in the files\n", filter->scenario);
    if (sd.status == LRS_REFUSED || sd.status == LRS_DENIED || unreadable || unknown || rc == LRS_REFUSED ||
        rc == LRS_DENIED)
        return EXIT_INVALID;
    return sd.status == LRS_UNREACHABLE || rc == LRS_UNREACHABLE ? EXIT_LRS_WAITING : EXIT_OK;
}

static void usage(FILE *out)
{
    fputs("usage: compel xapi FILE... [--base IRI] [--home-page IRI] [--out FILE] [--pass-percent N]\n"
          "                   [--lang TAG] [--email-sha1] [--scenario ID] [--since DATE]\n"
          "Turn results files into xAPI 1.0.3 statements (a JSON array) for a learning record\n"
          "store: per playthrough attempted, one answered per decision, completed, and passed or\n"
          "failed. Exporting the same playthrough again gives the same statements and ids;\n"
          "options that change a statement change its id.\n"
          "  --base IRI          activity ids start with it (default https://compel.example/xapi)\n"
          "  --home-page IRI     the account homePage of learners recorded without one\n"
          "                      (default " XAPI_DEFAULT_HOME_PAGE ")\n"
          "  --out FILE          write the array there instead of standard output\n"
          "  --pass-percent N    passed at or above N percent, failed below (default 70,\n"
          "                      the default \"Professional\" band)\n"
          "  --lang TAG          language of names and choice texts for records that do not\n"
          "                      name the scenario's language (default en-US)\n"
          "  --email-sha1        identify e-mail learners by mbox_sha1sum, not the address\n"
          "  --scenario ID, --since DATE   as for `compel report`\n"
          "  --lrs URL           send the statements to the LRS whose xAPI endpoint is URL (first\n"
          "                      what waits in the outbox); what cannot be sent waits there\n"
          "  --lrs-auth-file F   the LRS key and secret, one line key:secret (default: the\n"
          "                      environment's COMPEL_LRS_KEY and COMPEL_LRS_SECRET)\n"
          "  --flush             send what waits in the outbox (URL from --lrs or lrs.conf)\n"
          "  --outbox DIR        the outbox folder (default ~/.local/share/compel/outbox)\n"
          "Exit: 0 ok (with --lrs: every statement accepted or already stored), 1 a file could not\n"
          "      be read or written, --scenario matched nothing, or the LRS refused a statement,\n"
          "      2 usage, 7 some statements wait in the outbox (the LRS could not be reached).\n",
          out);
}

static int usage_error(const char *what, const char *value)
{
    return report_usage_error("xapi", what, value);
}

/* An IRI needs a scheme ("https:", "urn:") and no spaces. */
static bool iri_ok(const char *s)
{
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    while (s[i] && s[i] != ':')
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-", s[i++]))
            return false;
    return s[i] == ':' && s[i + 1] && !strpbrk(s, " \t\r\n<>\"{}|\\^`");
}

/* A BCP 47 tag, loosely: letters, digits and hyphens, starting with 2-8 letters. */
static bool lang_ok(const char *s)
{
    size_t letters = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    return letters >= 2 && letters <= 8 && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                    "0123456789-") == strlen(s) && s[strlen(s) - 1] != '-';
}

int cmd_xapi(int argc, char **argv)
{
    static const struct option opts[] = {
        {"base", required_argument, 0, 'b'},     {"home-page", required_argument, 0, 'p'},
        {"out", required_argument, 0, 'o'},      {"pass-percent", required_argument, 0, 'P'},
        {"lang", required_argument, 0, 'l'},     {"scenario", required_argument, 0, 's'},
        {"since", required_argument, 0, 'S'},    {"help", no_argument, 0, 'h'},
        {"email-sha1", no_argument, 0, 'E'},    {"lrs", required_argument, 0, 'L'},
        {"lrs-auth-file", required_argument, 0, 'A'}, {"flush", no_argument, 0, 'F'},
        {"outbox", required_argument, 0, 'O'},
        {0, 0, 0, 0},
    };
    const char *lrs_url = NULL, *auth_file = NULL, *outbox = NULL;
    bool flush = false;
    XapiOptions opt = {XAPI_DEFAULT_BASE, XAPI_DEFAULT_HOME_PAGE, XAPI_DEFAULT_LANG, XAPI_DEFAULT_PASS_PERCENT, false};
    const char *outpath = NULL;
    char since[32];
    ReportFilter filter = {NULL, NULL, NULL, NULL, false};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if (!iri_ok(optarg))
                return usage_error("--base wants an absolute IRI such as https://lrs.example.com/compel, not",
                                   optarg);
            opt.base = optarg;
            break;
        case 'p':
            if (!iri_ok(optarg))
                return usage_error("--home-page wants an absolute IRI such as https://example.com, not", optarg);
            opt.home_page = optarg;
            break;
        case 'o': outpath = optarg; break;
        case 'P': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end || n > 100)
                return usage_error("--pass-percent wants a whole number from 0 to 100, not", optarg);
            opt.pass_percent = (int)n;
            break;
        }
        case 'l':
            if (!lang_ok(optarg))
                return usage_error("--lang wants a language tag such as en-US or fr, not", optarg);
            opt.lang = optarg;
            break;
        case 's': filter.scenario = optarg; break;
        case 'E': opt.email_sha1 = true; break;
        case 'L': lrs_url = optarg; break;
        case 'A': auth_file = optarg; break;
        case 'F': flush = true; break;
        case 'O': outbox = optarg; break;
        case 'S':
            if (!report_parse_since(optarg, since))
                return usage_error("--since wants a date such as 2026-11-23 or 2026-11-23T09:30, not", optarg);
            filter.since = since;
            break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':': return usage_error("this option needs a value:", argv[optind - 1]);
        default: return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (optind >= argc && !flush) {
        fputs("compel xapi: name at least one results file (see `compel xapi --help`)\n", stderr);
        return EXIT_USAGE;
    }
    if (lrs_url || flush) {
        LrsConfig cfg;
        char err[600], box[4096];
        if (lrs_setup(&cfg, lrs_url, auth_file, err, sizeof err) != 0) {
            fprintf(stderr, "compel xapi: %s\n", err);
            return EXIT_USAGE;
        }
        if (!outbox && !lrs_outbox_default(box, sizeof box)) {
            fputs("compel xapi: no outbox folder: set HOME or XDG_DATA_HOME, or give --outbox DIR\n", stderr);
            return EXIT_USAGE;
        }
        if (outpath)
            return usage_error("--out writes a file; with --lrs or --flush the statements go to the LRS, so "
                               "leave out --out", outpath);
        return send_to_lrs(&cfg, outbox ? outbox : box, flush, argv + optind, argc - optind, &filter, &opt);
    }
    char *tmp = NULL;
    FILE *out = report_open_output("xapi", outpath, &tmp);
    if (!out)
        return EXIT_INVALID;
    Writer w = {out, &opt, 0, false, NULL};
    fputc('[', out);
    int unreadable = report_read_and_warn("xapi", argv + optind, argc - optind, &filter, write_playthrough, &w);
    fputs(w.count ? "\n]\n" : "]\n", out);
    if (w.oom)
        fputs("compel xapi: out of memory\n", stderr);
    int rc = report_close_output("xapi", out, outpath, tmp);
    bool unknown = w.count == 0 && filter.scenario;
    if (unknown)
        fprintf(stderr, "compel xapi: no playthrough of scenario \"%s\" in the files%s\n", filter.scenario,
                filter.since ? " since that date" : "");
    return unreadable || w.oom || unknown || rc != 0 ? EXIT_INVALID : EXIT_OK;
}
