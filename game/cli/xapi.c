/* xapi.c - `compel xapi FILE...`: every playthrough of the results files as
 * xAPI 1.0.3 statements for a learning record store, one JSON array. Per
 * playthrough: attempted, one answered per decision (a cmi.interaction of
 * type choice with the visible choices and the best ones as the correct
 * responses), then completed and passed or failed. docs/reports.md shows the
 * statements and the choices made (cmi5's rule: no score on completed). */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/report.h"

/* Compel's namespace for name-based UUIDs (fixed forever: changing it would
 * change every statement id). 4b236c07-d80d-466f-a97e-2e0c39e21e24 */
static const unsigned char compel_ns[16] = {0x4b, 0x23, 0x6c, 0x07, 0xd8, 0x0d, 0x46, 0x6f,
                                            0xa9, 0x7e, 0x2e, 0x0c, 0x39, 0xe2, 0x1e, 0x24};

#define VERB_BASE "http://adlnet.gov/expapi/verbs/"

/* Everything the statements of one playthrough share. */
typedef struct Ctx {
    const ResultRecord *rec;
    const XapiOptions *opt;
    char registration[37];
    char *scenario_iri;
    int serial;            /* statements made so far, for their ids */
} Ctx;

/* s with every byte outside RFC 3986's unreserved set percent-encoded, so
 * an id from a results file is always one IRI path segment. Caller frees. */
static char *iri_segment(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(3 * n + 1), *q = out;
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            *q++ = (char)*p;
        else
            q += sprintf(q, "%%%02X", *p);
    }
    *q = '\0';
    return out;
}

/* base + "/" + path (base without its trailing slashes). Caller frees. */
static char *iri_join(const char *base, const char *path)
{
    size_t bl = strlen(base);
    while (bl > 0 && base[bl - 1] == '/')
        bl--;
    char *out = malloc(bl + strlen(path) + 2);
    if (out)
        sprintf(out, "%.*s/%s", (int)bl, base, path);
    return out;
}

/* A language map {lang: text}. */
static cJSON *lang_map(const char *lang, const char *text)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, lang, text ? text : "");
    return m;
}

/* An extension key: base + "/extensions/" + name. */
static void add_extension(cJSON *ext, const XapiOptions *opt, const char *name, cJSON *value)
{
    char path[64];
    snprintf(path, sizeof path, "extensions/%s", name);
    char *key = iri_join(opt->base, path);
    if (key)
        cJSON_AddItemToObject(ext, key, value);
    else
        cJSON_Delete(value);
    free(key);
}

/* Whether s is a UTC time as the results file writes it (checked, since a
 * hand-edited file may hold anything and a statement must not be invalid). */
static bool iso_time(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    if (!s || strlen(s) < sizeof shape - 1 || s[strlen(s) - 1] != 'Z')
        return false;
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
            return false;
    return true;
}

/* ISO 8601 duration, to the hundredth of a second: "PT7M38.79S". */
static void iso_duration(double seconds, char out[48])
{
    long long cs = seconds > 0 && seconds < 1e12 ? llround(seconds * 100) : 0;
    long long h = cs / 360000, m = cs / 6000 % 60, s = cs / 100 % 60, frac = cs % 100;
    int n = snprintf(out, 48, "PT");
    if (h)
        n += snprintf(out + n, (size_t)(48 - n), "%lldH", h);
    if (m)
        n += snprintf(out + n, (size_t)(48 - n), "%lldM", m);
    if (frac)
        snprintf(out + n, (size_t)(48 - n), "%lld.%02lldS", s, frac);
    else if (s || (!h && !m))
        snprintf(out + n, (size_t)(48 - n), "%lldS", s);
}

/* A statement with id, actor, verb, the registration and a timestamp; the
 * caller adds object, result and the rest of the context. */
static cJSON *statement(Ctx *c, const char *verb, const char *when, cJSON **context)
{
    const ResultRecord *rec = c->rec;
    cJSON *st = cJSON_CreateObject();
    char name[64], id[37];
    snprintf(name, sizeof name, "%s/%d", c->registration, c->serial++);
    report_uuid5(compel_ns, name, id);
    cJSON_AddStringToObject(st, "id", id);
    cJSON *actor = cJSON_AddObjectToObject(st, "actor");
    cJSON_AddStringToObject(actor, "objectType", "Agent");
    cJSON_AddStringToObject(actor, "name", rec->player);
    cJSON *account = cJSON_AddObjectToObject(actor, "account");
    cJSON_AddStringToObject(account, "homePage", c->opt->home_page);
    cJSON_AddStringToObject(account, "name", rec->player);
    cJSON *v = cJSON_AddObjectToObject(st, "verb");
    char verb_iri[64];
    snprintf(verb_iri, sizeof verb_iri, VERB_BASE "%s", verb);
    cJSON_AddStringToObject(v, "id", verb_iri);
    cJSON_AddItemToObject(v, "display", lang_map("en-US", verb));   /* the verbs are English words */
    *context = cJSON_CreateObject();
    cJSON_AddStringToObject(*context, "registration", c->registration);
    cJSON_AddStringToObject(*context, "platform", "Compel " COMPEL_VERSION);
    cJSON_AddStringToObject(*context, "language", c->opt->lang);
    if (iso_time(when))
        cJSON_AddStringToObject(st, "timestamp", when);
    return st;
}

/* The scenario as an activity (object of attempted and completed, parent of the answers). */
static cJSON *scenario_activity(const Ctx *c, bool full)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "objectType", "Activity");
    cJSON_AddStringToObject(a, "id", c->scenario_iri);
    if (full) {
        cJSON *d = cJSON_AddObjectToObject(a, "definition");
        cJSON_AddStringToObject(d, "type", "http://adlnet.gov/expapi/activities/simulation");
        cJSON_AddItemToObject(d, "name", lang_map(c->opt->lang, c->rec->title ? c->rec->title : c->rec->scenario));
    }
    return a;
}

/* The playthrough's own facts, as context extensions. */
static void playthrough_extensions(const Ctx *c, cJSON *context)
{
    cJSON *ext = cJSON_AddObjectToObject(context, "extensions");
    if (c->rec->mode)
        add_extension(ext, c->opt, "mode", cJSON_CreateString(c->rec->mode));
    char seed[24];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)c->rec->seed);
    add_extension(ext, c->opt, "seed", cJSON_CreateString(seed));   /* a string: exact in JavaScript too */
    if (c->rec->scenario_hash)
        add_extension(ext, c->opt, "scenario-hash", cJSON_CreateString(c->rec->scenario_hash));
    add_extension(ext, c->opt, "playthrough", cJSON_CreateString(c->rec->id));
}

static cJSON *answered(Ctx *c, const ResultStep *st, int number)
{
    cJSON *context;
    cJSON *s = statement(c, "answered", c->rec->finished, &context);
    char *node = iri_segment(st->node), *path = NULL, *iri = NULL;
    if (node && (path = malloc(strlen(node) + 8)) != NULL) {
        sprintf(path, "nodes/%s", node);
        iri = iri_join(c->scenario_iri, path);
    }
    cJSON *obj = cJSON_AddObjectToObject(s, "object");
    cJSON_AddStringToObject(obj, "objectType", "Activity");
    cJSON_AddStringToObject(obj, "id", iri ? iri : c->scenario_iri);
    free(node);
    free(path);
    free(iri);
    cJSON *def = cJSON_AddObjectToObject(obj, "definition");
    cJSON_AddStringToObject(def, "type", "http://adlnet.gov/expapi/activities/cmi.interaction");
    char label[200];
    snprintf(label, sizeof label, "%s: decision %s", c->rec->title ? c->rec->title : c->rec->scenario, st->node);
    cJSON_AddItemToObject(def, "name", lang_map(c->opt->lang, label));
    cJSON_AddStringToObject(def, "interactionType", "choice");
    bool scored = st->skill != NULL && st->nvisible > 0;
    int best = 0, worst = 0;
    for (int i = 0; i < st->nvisible; i++) {
        int p = st->visible[i].points;
        best = i == 0 || p > best ? p : best;
        worst = i == 0 || p < worst ? p : worst;
    }
    cJSON *pattern = scored ? cJSON_AddArrayToObject(def, "correctResponsesPattern") : NULL;
    cJSON *choices = cJSON_AddArrayToObject(def, "choices");
    for (int i = 0; i < st->nvisible; i++) {
        const ResultChoiceRef *v = &st->visible[i];
        if (!v->id)
            continue;
        cJSON *ch = cJSON_CreateObject();
        cJSON_AddStringToObject(ch, "id", v->id);
        cJSON_AddItemToObject(ch, "description", lang_map(c->opt->lang, v->text));
        cJSON_AddItemToArray(choices, ch);
        if (pattern && v->points == best)
            cJSON_AddItemToArray(pattern, cJSON_CreateString(v->id));   /* any one of them is correct */
    }
    cJSON *res = cJSON_AddObjectToObject(s, "result");
    cJSON_AddStringToObject(res, "response", st->choice);
    if (scored) {
        int raw = st->points < worst ? worst : st->points > best ? best : st->points;
        cJSON_AddBoolToObject(res, "success", st->points >= best);
        cJSON *score = cJSON_AddObjectToObject(res, "score");
        cJSON_AddNumberToObject(score, "raw", raw);
        cJSON_AddNumberToObject(score, "min", worst);
        cJSON_AddNumberToObject(score, "max", best);
    }
    cJSON *ctx_acts = cJSON_AddObjectToObject(context, "contextActivities");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(ctx_acts, "parent"), scenario_activity(c, false));
    cJSON *ext = cJSON_AddObjectToObject(context, "extensions");
    add_extension(ext, c->opt, "step", cJSON_CreateNumber(number));
    add_extension(ext, c->opt, "skill", st->skill ? cJSON_CreateString(st->skill) : cJSON_CreateNull());
    add_extension(ext, c->opt, "setback", cJSON_CreateBool(st->setback));
    cJSON_AddItemToObject(s, "context", context);
    return s;
}

/* completed (no score: cmi5's rule) or passed/failed (the score). */
static cJSON *finished(Ctx *c, const char *verb, bool with_score)
{
    const ResultRecord *rec = c->rec;
    cJSON *context;
    cJSON *s = statement(c, verb, rec->finished, &context);
    cJSON_AddItemToObject(s, "object", scenario_activity(c, true));
    cJSON *res = cJSON_AddObjectToObject(s, "result");
    if (with_score) {
        int pct = rec->percent < 0 ? 0 : rec->percent > 100 ? 100 : rec->percent;
        cJSON *score = cJSON_AddObjectToObject(res, "score");
        cJSON_AddNumberToObject(score, "scaled", pct / 100.0);
        cJSON_AddNumberToObject(score, "raw", pct);
        cJSON_AddNumberToObject(score, "min", 0);
        cJSON_AddNumberToObject(score, "max", 100);
        cJSON_AddBoolToObject(res, "success", pct >= c->opt->pass_percent);
    }
    cJSON_AddBoolToObject(res, "completion", true);
    char dur[48];
    iso_duration(rec->duration, dur);
    cJSON_AddStringToObject(res, "duration", dur);
    cJSON *ext = cJSON_AddObjectToObject(res, "extensions");
    add_extension(ext, c->opt, "outcome", cJSON_CreateString(rec->outcome));
    if (rec->ending)
        add_extension(ext, c->opt, "ending", cJSON_CreateString(rec->ending));
    if (rec->grade)
        add_extension(ext, c->opt, "grade", cJSON_CreateString(rec->grade));
    cJSON *skills = cJSON_CreateObject();
    for (int i = 0; i < rec->nskills; i++) {
        cJSON *k = cJSON_CreateObject();
        cJSON_AddNumberToObject(k, "earned", rec->skills[i].earned);
        cJSON_AddNumberToObject(k, "possible", rec->skills[i].possible);
        cJSON_AddItemToObject(skills, rec->skills[i].id, k);
    }
    add_extension(ext, c->opt, "skills", skills);
    playthrough_extensions(c, context);
    cJSON_AddItemToObject(s, "context", context);
    return s;
}

void xapi_add_statements(cJSON *out, const ResultRecord *rec, const XapiOptions *opt)
{
    Ctx c = {rec, opt, {0}, NULL, 0};
    if (report_is_uuid(rec->id)) {
        memcpy(c.registration, rec->id, 37);
    } else {
        char *name = malloc(strlen(rec->id) + 16);
        if (!name)
            return;
        sprintf(name, "registration/%s", rec->id);
        report_uuid5(compel_ns, name, c.registration);
        free(name);
    }
    char *seg = iri_segment(rec->scenario), *path = seg ? malloc(strlen(seg) + 12) : NULL;
    if (path) {
        sprintf(path, "scenarios/%s", seg);
        c.scenario_iri = iri_join(opt->base, path);
    }
    free(seg);
    free(path);
    if (!c.scenario_iri)
        return;
    cJSON *context;
    cJSON *s = statement(&c, "attempted", rec->started, &context);
    cJSON_AddItemToObject(s, "object", scenario_activity(&c, true));
    playthrough_extensions(&c, context);
    cJSON_AddItemToObject(s, "context", context);
    cJSON_AddItemToArray(out, s);
    for (int i = 0; i < rec->nsteps; i++)
        cJSON_AddItemToArray(out, answered(&c, &rec->steps[i], i + 1));
    if (rec->outcome) {
        bool passed = rec->percent >= opt->pass_percent;
        cJSON_AddItemToArray(out, finished(&c, "completed", false));
        cJSON_AddItemToArray(out, finished(&c, passed ? "passed" : "failed", true));
    }
    free(c.scenario_iri);
}

/* ---- the command ------------------------------------------------------------ */

typedef struct Writer {
    FILE *out;
    const XapiOptions *opt;
    long count;
    bool oom;
} Writer;

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

static void usage(FILE *out)
{
    fputs("usage: compel xapi FILE... [--base IRI] [--home-page IRI] [--out FILE] [--pass-percent N]\n"
          "                   [--lang TAG] [--scenario ID] [--since DATE]\n"
          "Turn results files into xAPI 1.0.3 statements (a JSON array) for a learning record\n"
          "store: per playthrough attempted, one answered per decision, completed, and passed or\n"
          "failed. Exporting the same playthrough again gives the same statement ids.\n"
          "  --base IRI          activity ids start with it (default https://compel.example/xapi)\n"
          "  --home-page IRI     the players' account homePage (default: the base IRI)\n"
          "  --out FILE          write the array there instead of standard output\n"
          "  --pass-percent N    passed at or above N percent, failed below (default 70,\n"
          "                      the default \"Professional\" band)\n"
          "  --lang TAG          language of names and choice texts (default en-US)\n"
          "  --scenario ID, --since DATE   as for `compel report`\n"
          "Exit: 0 ok, 1 a file could not be read or written, 2 usage.\n",
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
        {0, 0, 0, 0},
    };
    XapiOptions opt = {"https://compel.example/xapi", NULL, "en-US", 70};
    const char *outpath = NULL;
    char since[32];
    ReportFilter filter = {NULL, NULL, false};
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
    if (optind >= argc) {
        fputs("compel xapi: name at least one results file (see `compel xapi --help`)\n", stderr);
        return EXIT_USAGE;
    }
    if (!opt.home_page)
        opt.home_page = opt.base;
    char *tmp = NULL;
    FILE *out = report_open_output("xapi", outpath, &tmp);
    if (!out)
        return EXIT_INVALID;
    Writer w = {out, &opt, 0, false};
    fputc('[', out);
    int unreadable = report_read_and_warn("xapi", argv + optind, argc - optind, &filter, write_playthrough, &w);
    fputs(w.count ? "\n]\n" : "]\n", out);
    if (w.oom)
        fputs("compel xapi: out of memory\n", stderr);
    int rc = report_close_output("xapi", out, outpath, tmp);
    return unreadable || w.oom || rc != 0 ? EXIT_INVALID : EXIT_OK;
}
