/* statements.c - one playthrough of a results file as xAPI 1.0.3
 * statements: attempted, one answered per decision (a cmi.interaction of
 * type choice), then completed and passed or failed. docs/reports.md shows
 * them. Ids are name-based UUIDs (libuuid) of the registration, the place
 * and the content, so an LRS can rely on them: the same export twice gives
 * the same bytes, another option gives other ids. */
#include "compel/lrs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <uuid/uuid.h>

/* Compel's namespace for name-based UUIDs (fixed forever: changing it would
 * change every statement id). 4b236c07-d80d-466f-a97e-2e0c39e21e24 */
static const unsigned char compel_ns[16] = {0x4b, 0x23, 0x6c, 0x07, 0xd8, 0x0d, 0x46, 0x6f,
                                            0xa9, 0x7e, 0x2e, 0x0c, 0x39, 0xe2, 0x1e, 0x24};

void xapi_uuid5(const unsigned char ns[16], const char *name, char out[37])
{
    uuid_t u;
    uuid_generate_sha1(u, ns, name, strlen(name));
    uuid_unparse_lower(u, out);
}

bool xapi_is_uuid(const char *s)
{
    if (!s || strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    }
    return true;
}

#define VERB_BASE "http://adlnet.gov/expapi/verbs/"

/* Everything the statements of one playthrough share. */
typedef struct Ctx {
    const ResultRecord *rec;
    const XapiOptions *opt;
    const char *lang;      /* the language maps' key: the scenario's language */
    char registration[37];
    char *scenario_iri;
    int serial;            /* statements made so far, for their ids */
    cJSON *out;
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

/* The actor: the learner's account or e-mail when the record names one,
 * else an account named by the display name (older records). */
static void add_actor(cJSON *st, const ResultRecord *rec, const XapiOptions *opt)
{
    cJSON *actor = cJSON_AddObjectToObject(st, "actor");
    cJSON_AddStringToObject(actor, "objectType", "Agent");
    cJSON_AddStringToObject(actor, "name", rec->player);
    char *mbox = rec->email ? malloc(strlen(rec->email) + 8) : NULL;
    if (mbox) {
        sprintf(mbox, "mailto:%s", rec->email);
        if (opt->email_sha1) {
            unsigned char md[EVP_MAX_MD_SIZE];
            unsigned int len = 0;
            char hex[2 * EVP_MAX_MD_SIZE + 1];
            EVP_Digest(mbox, strlen(mbox), md, &len, EVP_sha1(), NULL);
            for (unsigned int i = 0; i < len; i++)
                sprintf(hex + 2 * i, "%02x", md[i]);
            hex[2 * len] = '\0';
            cJSON_AddStringToObject(actor, "mbox_sha1sum", hex);
        } else {
            cJSON_AddStringToObject(actor, "mbox", mbox);
        }
        free(mbox);
    } else {
        cJSON *account = cJSON_AddObjectToObject(actor, "account");
        cJSON_AddStringToObject(account, "homePage", rec->learner && rec->home_page ? rec->home_page
                                                                                    : opt->home_page);
        cJSON_AddStringToObject(account, "name", rec->learner ? rec->learner : rec->player);
    }
}

/* A statement with an id to be filled in (emit), actor, verb, the
 * registration and a timestamp; the caller adds object, result and the
 * rest of the context. */
static cJSON *statement(Ctx *c, const char *verb, const char *when, cJSON **context)
{
    const ResultRecord *rec = c->rec;
    cJSON *st = cJSON_CreateObject();
    cJSON_AddStringToObject(st, "id", "");
    add_actor(st, rec, c->opt);
    cJSON *v = cJSON_AddObjectToObject(st, "verb");
    char verb_iri[64];
    snprintf(verb_iri, sizeof verb_iri, VERB_BASE "%s", verb);
    cJSON_AddStringToObject(v, "id", verb_iri);
    cJSON_AddItemToObject(v, "display", lang_map("en-US", verb));   /* the verbs are English words */
    *context = cJSON_CreateObject();
    cJSON_AddStringToObject(*context, "registration", c->registration);
    cJSON_AddStringToObject(*context, "platform", "Compel");
    cJSON_AddStringToObject(*context, "language", c->lang);
    if (iso_time(when))
        cJSON_AddStringToObject(st, "timestamp", when);
    return st;
}

/* Give the finished statement its id (a UUID of the registration, its
 * place and every byte of its content) and append it to the output. */
static void emit(Ctx *c, cJSON *st)
{
    char *text = cJSON_PrintUnformatted(st);
    char *name = text ? malloc(strlen(text) + 64) : NULL;
    if (name) {
        sprintf(name, "%s/%d/%s", c->registration, c->serial, text);
        char id[37];
        xapi_uuid5(compel_ns, name, id);
        cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(st, "id"), id);
    }
    c->serial++;
    free(name);
    free(text);
    cJSON_AddItemToArray(c->out, st);
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
        cJSON_AddItemToObject(d, "name", lang_map(c->lang, c->rec->title ? c->rec->title : c->rec->scenario));
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

/* The question's one definition: every choice of the node (or, in records
 * older than that, those visible then), the best as the correct pattern,
 * the buyer's line as description. */
static void add_definition(const Ctx *c, cJSON *obj, const ResultStep *st)
{
    cJSON *def = cJSON_AddObjectToObject(obj, "definition");
    cJSON_AddStringToObject(def, "type", "http://adlnet.gov/expapi/activities/cmi.interaction");
    char label[200];
    snprintf(label, sizeof label, "%s: decision %s", c->rec->title ? c->rec->title : c->rec->scenario, st->node);
    cJSON_AddItemToObject(def, "name", lang_map(c->lang, label));
    if (st->prompt)
        cJSON_AddItemToObject(def, "description", lang_map(c->lang, st->prompt));
    cJSON_AddStringToObject(def, "interactionType", "choice");
    const ResultChoiceRef *all = st->nchoices > 0 ? st->choices : st->visible;
    int n = st->nchoices > 0 ? st->nchoices : st->nvisible, best = 0;
    for (int i = 0; i < n; i++)
        best = i == 0 || all[i].points > best ? all[i].points : best;
    cJSON *pattern = st->skill && n > 0 ? cJSON_AddArrayToObject(def, "correctResponsesPattern") : NULL;
    cJSON *choices = cJSON_AddArrayToObject(def, "choices");
    for (int i = 0; i < n; i++) {
        if (!all[i].id)
            continue;
        cJSON *ch = cJSON_CreateObject();
        cJSON_AddStringToObject(ch, "id", all[i].id);
        cJSON_AddItemToObject(ch, "description", lang_map(c->lang, all[i].text));
        cJSON_AddItemToArray(choices, ch);
        if (pattern && all[i].points == best)
            cJSON_AddItemToArray(pattern, cJSON_CreateString(all[i].id));   /* any one of them is correct */
    }
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
    add_definition(c, obj, st);
    /* the score: within what the player could choose from on this visit */
    bool scored = st->skill != NULL && st->nvisible > 0;
    int best = 0, worst = 0;
    for (int i = 0; i < st->nvisible; i++) {
        int p = st->visible[i].points;
        best = i == 0 || p > best ? p : best;
        worst = i == 0 || p < worst ? p : worst;
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
    Ctx c = {rec, opt, rec->language ? rec->language : opt->lang, {0}, NULL, 0, out};
    if (xapi_is_uuid(rec->id)) {
        memcpy(c.registration, rec->id, 37);
    } else {
        char *name = malloc(strlen(rec->id) + 16);
        if (!name)
            return;
        sprintf(name, "registration/%s", rec->id);
        xapi_uuid5(compel_ns, name, c.registration);
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
    emit(&c, s);
    for (int i = 0; i < rec->nsteps; i++)
        emit(&c, answered(&c, &rec->steps[i], i + 1));
    if (rec->outcome) {
        bool passed = rec->percent >= opt->pass_percent;
        emit(&c, finished(&c, "completed", false));
        emit(&c, finished(&c, passed ? "passed" : "failed", true));
    }
    free(c.scenario_iri);
}
