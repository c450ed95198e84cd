/* cmi5.c - Compel as a cmi5 assignable unit (AU). The LMS launches it with a
 * URL whose query holds endpoint, fetch, actor, registration and
 * activityId; the AU fetches its auth token once (POST to fetch), reads
 * LMS.LaunchData from the State API (the context template, the mastery
 * score), then sends initialized, and after the playthrough completed,
 * passed or failed (the score against the mastery score) and terminated
 * with the session's duration, each with the cmi5 context: the
 * registration, the template's session id and the cmi5 category (moveOn
 * too on completed and passed/failed). docs/cmi5.md tells an LMS
 * administrator how to set it up. */
#include "compel/lrs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#define CMI5_CATEGORY "https://w3id.org/xapi/cmi5/context/categories/cmi5"
#define CMI5_MOVEON "https://w3id.org/xapi/cmi5/context/categories/moveon"
#define CMI5_SESSIONID "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
#define CMI5_MASTERY "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
#define VERBS "http://adlnet.gov/expapi/verbs/"

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The value of query parameter name in url, percent-decoded ('+': space). */
static bool param(const char *url, const char *name, char *out, size_t cap)
{
    const char *q = strchr(url, '?');
    size_t n = strlen(name);
    for (const char *p = q; p && *p;) {
        p++;
        if (strncmp(p, name, n) == 0 && p[n] == '=') {
            const char *v = p + n + 1;
            size_t k = 0;
            for (; *v && *v != '&' && k + 1 < cap; v++) {
                if (*v == '%' && hex(v[1]) >= 0 && hex(v[2]) >= 0) {
                    out[k++] = (char)(hex(v[1]) * 16 + hex(v[2]));
                    v += 2;
                } else {
                    out[k++] = *v == '+' ? ' ' : *v;
                }
            }
            out[k] = '\0';
            return *v == '\0' || *v == '&';
        }
        p = strchr(p, '&');
    }
    return false;
}

bool cmi5_scenario_file(const Cmi5Launch *l, const char *given, const char *dir, char *out, size_t cap, char *err,
                        size_t errcap)
{
    if (given) {
        snprintf(out, cap, "%s", given);
        return true;
    }
    const char *sc = l->scenario;
    if (!sc[0]) {
        snprintf(err, errcap, "which scenario? give --scenario FILE or a scenario parameter in the launch URL");
        return false;
    }
    bool is_path = strchr(sc, '/') || strstr(sc, ".json");
    if (!is_path && strspn(sc, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(sc)) {
        snprintf(err, errcap, "the launch URL's scenario \"%s\" is neither a file nor a scenario id", sc);
        return false;
    }
    int n = is_path ? snprintf(out, cap, "%s", sc) : snprintf(out, cap, "%s/%s.json", dir ? dir : "scenarios", sc);
    if (n < 0 || (size_t)n >= cap) {
        snprintf(err, errcap, "the scenario's path is too long");
        return false;
    }
    return true;
}

bool cmi5_parse_launch(const char *url, Cmi5Launch *l, char *err, size_t errcap)
{
    memset(l, 0, sizeof *l);
    static const char *const names[] = {"endpoint", "fetch", "actor", "registration", "activityId"};
    char *fields[] = {l->endpoint, l->fetch, l->actor, l->registration, l->activity};
    size_t caps[] = {sizeof l->endpoint, sizeof l->fetch, sizeof l->actor, sizeof l->registration,
                     sizeof l->activity};
    for (int i = 0; i < 5; i++)
        if (!param(url, names[i], fields[i], caps[i]) || !fields[i][0]) {
            snprintf(err, errcap, "the launch URL has no %s parameter (an LMS launches with endpoint, fetch, "
                                  "actor, registration and activityId)", names[i]);
            return false;
        }
    param(url, "scenario", l->scenario, sizeof l->scenario);
    cJSON *actor = cJSON_Parse(l->actor);
    bool ok = cJSON_IsObject(actor);
    cJSON_Delete(actor);
    if (!ok) {
        snprintf(err, errcap, "the launch URL's actor is not a JSON object");
        return false;
    }
    if (!xapi_is_uuid(l->registration)) {
        snprintf(err, errcap, "the launch URL's registration is not a UUID: %s", l->registration);
        return false;
    }
    return true;
}

/* Now as an xAPI timestamp with milliseconds. */
static void stamp(char out[32])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    results_format_time(ts.tv_sec, ts.tv_nsec / 1e9, out);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmi5_send(Cmi5Session *s, const char *verb, cJSON *result, char *err, size_t errcap);

int cmi5_begin(Cmi5Session *s, const Cmi5Launch *l, char *err, size_t errcap)
{
    memset(s, 0, sizeof *s);
    s->launch = *l;
    s->started = seconds_now();
    lrs_config_defaults(&s->cfg);
    char why[300];
    if (!lrs_config_url(&s->cfg, l->endpoint, why, sizeof why)) {
        snprintf(err, errcap, "the launch URL's endpoint %s", why);
        return -1;
    }
    /* the auth token, once: cmi5 allows one fetch per launch */
    LrsConfig open_cfg = s->cfg;
    open_cfg.attempts = 1;
    char *answer = NULL;
    long st = lrs_http(&open_cfg, l->fetch, "", &answer);
    cJSON *tok = answer ? cJSON_Parse(answer) : NULL;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(tok, "auth-token");
    if (st != 200 || !cJSON_IsString(t) || strlen(t->valuestring) + 8 > sizeof s->cfg.authorization) {
        snprintf(err, errcap, "the LMS's fetch URL gave no auth token (HTTP %ld: %.200s)", st, answer ? answer : "");
        cJSON_Delete(tok);
        free(answer);
        return -1;
    }
    snprintf(s->cfg.authorization, sizeof s->cfg.authorization, "Basic %s", t->valuestring);
    cJSON_Delete(tok);
    free(answer);
    /* LMS.LaunchData: the context template and the mastery score */
    CURL *h = curl_easy_init();
    char *act = h ? curl_easy_escape(h, l->activity, 0) : NULL, *agent = h ? curl_easy_escape(h, l->actor, 0) : NULL;
    char url[8192];
    snprintf(url, sizeof url, "%s/activities/state?stateId=LMS.LaunchData&activityId=%s&agent=%s&registration=%s",
             s->cfg.url, act ? act : "", agent ? agent : "", l->registration);
    curl_free(act);
    curl_free(agent);
    if (h)
        curl_easy_cleanup(h);
    st = lrs_http(&s->cfg, url, NULL, &answer);
    cJSON *ld = st == 200 && answer ? cJSON_Parse(answer) : NULL;
    free(answer);
    if (!cJSON_IsObject(ld)) {
        snprintf(err, errcap, "the LMS gave no LMS.LaunchData for this registration (HTTP %ld)", st);
        cJSON_Delete(ld);
        return -1;
    }
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(ld, "masteryScore");
    s->has_mastery = cJSON_IsNumber(ms) && ms->valuedouble >= 0 && ms->valuedouble <= 1;
    s->mastery = s->has_mastery ? ms->valuedouble : 0;
    s->context = cJSON_DetachItemFromObjectCaseSensitive(ld, "contextTemplate");
    if (!cJSON_IsObject(s->context)) {
        cJSON_Delete(s->context);
        s->context = cJSON_CreateObject();
    }
    cJSON_Delete(ld);
    const cJSON *ext = cJSON_GetObjectItemCaseSensitive(s->context, "extensions");
    const cJSON *sid = cJSON_GetObjectItemCaseSensitive(ext, CMI5_SESSIONID);
    if (!cJSON_IsString(sid)) {
        snprintf(err, errcap, "the LMS's context template has no cmi5 session id");
        return -1;
    }
    return cmi5_send(s, "initialized", NULL, err, errcap);
}

/* A cmi5 statement of verb; result (may be NULL) is taken over. */
static cJSON *cmi5_statement(Cmi5Session *s, const char *verb, cJSON *result, bool moveon)
{
    cJSON *st = cJSON_CreateObject();
    char name[512], id[37], when[32];
    snprintf(name, sizeof name, "cmi5/%s/%s/%d", s->launch.registration,
             cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(s->context, "extensions"),
                                              CMI5_SESSIONID)->valuestring, s->serial++);
    static const unsigned char ns[16] = {0x4b, 0x23, 0x6c, 0x07, 0xd8, 0x0d, 0x46, 0x6f,
                                         0xa9, 0x7e, 0x2e, 0x0c, 0x39, 0xe2, 0x1e, 0x25};
    xapi_uuid5(ns, name, id);
    cJSON_AddStringToObject(st, "id", id);
    cJSON_AddItemToObject(st, "actor", cJSON_Parse(s->launch.actor));
    cJSON *v = cJSON_AddObjectToObject(st, "verb");
    char iri[96];
    snprintf(iri, sizeof iri, VERBS "%s", verb);
    cJSON_AddStringToObject(v, "id", iri);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(v, "display"), "en-US", verb);
    cJSON *obj = cJSON_AddObjectToObject(st, "object");
    cJSON_AddStringToObject(obj, "objectType", "Activity");
    cJSON_AddStringToObject(obj, "id", s->launch.activity);
    if (result)
        cJSON_AddItemToObject(st, "result", result);
    cJSON *ctx = cJSON_Duplicate(s->context, true);
    cJSON_DeleteItemFromObjectCaseSensitive(ctx, "registration");
    cJSON_AddStringToObject(ctx, "registration", s->launch.registration);
    cJSON *acts = cJSON_GetObjectItemCaseSensitive(ctx, "contextActivities");
    if (!cJSON_IsObject(acts)) {
        cJSON_DeleteItemFromObjectCaseSensitive(ctx, "contextActivities");
        acts = cJSON_AddObjectToObject(ctx, "contextActivities");
    }
    cJSON *cat = cJSON_GetObjectItemCaseSensitive(acts, "category");
    if (!cJSON_IsArray(cat)) {
        cJSON_DeleteItemFromObjectCaseSensitive(acts, "category");
        cat = cJSON_AddArrayToObject(acts, "category");
    }
    const char *cats[] = {CMI5_CATEGORY, moveon ? CMI5_MOVEON : NULL};
    for (int i = 0; i < 2 && cats[i]; i++) {
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "id", cats[i]);
        cJSON_AddItemToArray(cat, a);
    }
    if (moveon && s->has_mastery && strcmp(verb, "completed") != 0) {
        cJSON *ext = cJSON_GetObjectItemCaseSensitive(ctx, "extensions");
        cJSON_AddNumberToObject(ext, CMI5_MASTERY, s->mastery);
    }
    cJSON_AddItemToObject(st, "context", ctx);
    stamp(when);
    cJSON_AddStringToObject(st, "timestamp", when);
    return st;
}

static int send_statements(Cmi5Session *s, cJSON *arr, char *err, size_t errcap)
{
    long stored = 0;
    char msg[1200];
    LrsStatus rc = lrs_send(&s->cfg, arr, &stored, msg, sizeof msg);
    cJSON_Delete(arr);
    if (rc != LRS_OK) {
        snprintf(err, errcap, "%s", msg);
        return -1;
    }
    return 0;
}

/* One cmi5 statement of verb (result may be NULL and is taken over). */
static int cmi5_send(Cmi5Session *s, const char *verb, cJSON *result, char *err, size_t errcap)
{
    cJSON *arr = cJSON_CreateArray();
    cJSON_AddItemToArray(arr, cmi5_statement(s, verb, result, false));
    return send_statements(s, arr, err, errcap);
}

/* ISO 8601 duration of seconds, to the hundredth. */
static cJSON *duration_result(double secs)
{
    cJSON *r = cJSON_CreateObject();
    char d[48];
    long long cs = secs > 0 ? (long long)(secs * 100 + 0.5) : 0;
    snprintf(d, sizeof d, "PT%lld.%02lldS", cs / 100, cs % 100);
    cJSON_AddStringToObject(r, "duration", d);
    return r;
}

int cmi5_finish(Cmi5Session *s, bool ended, int percent, char *err, size_t errcap)
{
    double secs = seconds_now() - s->started;
    cJSON *arr = cJSON_CreateArray();
    if (ended) {
        cJSON *done = duration_result(secs);
        cJSON_AddBoolToObject(done, "completion", true);   /* no score on completed: cmi5's rule */
        cJSON_AddItemToArray(arr, cmi5_statement(s, "completed", done, true));
        double scaled = (percent < 0 ? 0 : percent > 100 ? 100 : percent) / 100.0;
        double mastery = s->has_mastery ? s->mastery : XAPI_DEFAULT_PASS_PERCENT / 100.0;
        bool passed = scaled >= mastery;
        cJSON *verdict = duration_result(secs);
        cJSON *score = cJSON_AddObjectToObject(verdict, "score");
        cJSON_AddNumberToObject(score, "scaled", scaled);
        cJSON_AddBoolToObject(verdict, "success", passed);
        cJSON_AddItemToArray(arr, cmi5_statement(s, passed ? "passed" : "failed", verdict, true));
        s->passed = passed;
    }
    cJSON_AddItemToArray(arr, cmi5_statement(s, "terminated", duration_result(secs), false));
    int rc = send_statements(s, arr, err, errcap);
    cJSON_Delete(s->context);
    s->context = NULL;
    return rc;
}
