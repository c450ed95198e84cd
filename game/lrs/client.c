/* client.c - statements to a learning record store over HTTP (libcurl):
 * POST {URL}/statements with X-Experience-API-Version 1.0.3 and HTTP Basic,
 * in batches under a size limit. Network errors and 5xx are retried with a
 * doubling wait; a 409 for a batch is resolved one statement at a time (a
 * 409 for a statement the LRS holds identically counts as stored); any other
 * 4xx stops with a message naming the statement and the server's answer. */
#include "compel/lrs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "compel/grow.h"

void lrs_config_defaults(LrsConfig *c)
{
    memset(c, 0, sizeof *c);
    c->timeout_ms = 10000;
    c->attempts = 4;
    c->backoff_ms = 250;
    c->batch_bytes = 1000000;
    const char *v;
    long n;
    char *end;
    if ((v = getenv("COMPEL_LRS_TIMEOUT_MS")) && (n = strtol(v, &end, 10)) > 0 && !*end)
        c->timeout_ms = n;
    if ((v = getenv("COMPEL_LRS_ATTEMPTS")) && (n = strtol(v, &end, 10)) > 0 && n < 100 && !*end)
        c->attempts = (int)n;
    if ((v = getenv("COMPEL_LRS_BACKOFF_MS")) && (n = strtol(v, &end, 10)) >= 0 && !*end)
        c->backoff_ms = n;
    if ((v = getenv("COMPEL_LRS_BATCH_BYTES")) && (n = strtol(v, &end, 10)) > 0 && !*end)
        c->batch_bytes = (size_t)n;
}

bool lrs_config_url(LrsConfig *c, const char *url, char *err, size_t errcap)
{
    size_t n = strlen(url);
    bool scheme = strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
    const char *host = scheme ? strstr(url, "//") + 2 : url;
    size_t hostlen = strcspn(host, "/?#");
    if (!scheme || hostlen == 0 || n >= sizeof c->url || strpbrk(url, " \t\r\n\"<>\\^`{|}")) {
        snprintf(err, errcap, "wants the LRS's xAPI endpoint as an http or https URL, such as "
                              "https://lrs.example.com/xapi");
        return false;
    }
    if (memchr(host, '@', hostlen)) {
        snprintf(err, errcap, "must not hold credentials (give them in COMPEL_LRS_KEY and COMPEL_LRS_SECRET "
                              "or --lrs-auth-file)");
        return false;
    }
    while (n > 0 && url[n - 1] == '/')
        n--;
    memcpy(c->url, url, n);
    c->url[n] = '\0';
    size_t sl = strlen("/statements");
    if (n >= sl && strcmp(c->url + n - sl, "/statements") == 0)   /* given the resource itself */
        c->url[n - sl] = '\0';
    return true;
}

bool lrs_config_auth(LrsConfig *c, const char *path, char *err, size_t errcap)
{
    c->key[0] = c->secret[0] = '\0';
    if (!path) {
        const char *k = getenv("COMPEL_LRS_KEY"), *s = getenv("COMPEL_LRS_SECRET");
        if (k && strlen(k) < sizeof c->key && s && strlen(s) < sizeof c->secret) {
            strcpy(c->key, k);
            strcpy(c->secret, s);
        }
        return true;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errcap, "cannot read the credentials file %s: %s", path, strerror(errno));
        return false;
    }
    char line[600];
    bool ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    line[ok ? strcspn(line, "\r\n") : 0] = '\0';
    char *colon = strchr(line, ':');
    if (!ok || !colon || colon == line || strlen(line) - (size_t)(colon - line) > sizeof c->secret ||
        (size_t)(colon - line) >= sizeof c->key) {
        snprintf(err, errcap, "the credentials file %s must hold one line key:secret", path);
        return false;
    }
    *colon = '\0';
    strcpy(c->key, line);
    strcpy(c->secret, colon + 1);
    return true;
}

/* ---- one request --------------------------------------------------------- */

typedef struct Buf { char *p; size_t n, cap; } Buf;

static size_t on_body(char *data, size_t size, size_t nmemb, void *ctx)
{
    Buf *b = ctx;
    size_t n = size * nmemb;
    if (!grow_buffer(&b->p, &b->cap, b->n + n + 1))
        return 0;
    memcpy(b->p + b->n, data, n);
    b->n += n;
    b->p[b->n] = '\0';
    return n;
}

typedef struct Conn {
    const LrsConfig *cfg;
    CURL *curl;
    struct curl_slist *headers;
    Buf body;
    char error[CURL_ERROR_SIZE];
} Conn;

/* One request: POST body (or GET when body is NULL) to url. Returns the
 * HTTP status, or 0 on a network error (reason in c->error). The answer is
 * in c->body. */
static long request(Conn *c, const char *url, const char *body, size_t len)
{
    CURL *h = c->curl;
    c->body.n = 0;
    if (c->body.p)
        c->body.p[0] = '\0';
    c->error[0] = '\0';
    curl_easy_setopt(h, CURLOPT_URL, url);
    if (body) {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        if (!c->error[0])
            snprintf(c->error, sizeof c->error, "%s", curl_easy_strerror(rc));
        return 0;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* request() with retries on network errors and 5xx, waiting backoff_ms,
 * then twice as long each time (at most 8 s). */
static long request_retrying(Conn *c, const char *url, const char *body, size_t len)
{
    long wait = c->cfg->backoff_ms, status = 0;
    for (int i = 0; i < c->cfg->attempts; i++) {
        if (i > 0) {
            sleep_ms(wait);
            wait = wait * 2 > 8000 ? 8000 : wait * 2;
        }
        status = request(c, url, body, len);
        if (status != 0 && status < 500)
            break;
    }
    return status;
}

static bool conn_open(Conn *c, const LrsConfig *cfg)
{
    memset(c, 0, sizeof *c);
    c->cfg = cfg;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    c->curl = curl_easy_init();
    if (!c->curl)
        return false;
    CURL *h = c->curl;
    c->headers = curl_slist_append(NULL, "Content-Type: application/json");
    c->headers = curl_slist_append(c->headers, "X-Experience-API-Version: 1.0.3");
    c->headers = curl_slist_append(c->headers, "Expect:");   /* no 100-continue round trip */
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &c->body);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->error);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, cfg->timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg->timeout_ms);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);   /* safe in the window's worker thread */
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Compel/" COMPEL_VERSION);
    if (cfg->authorization[0]) {   /* a token given by an LMS (cmi5) */
        char line[sizeof cfg->authorization + 32];
        snprintf(line, sizeof line, "Authorization: %s", cfg->authorization);
        c->headers = curl_slist_append(c->headers, line);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
    } else if (cfg->key[0]) {
        curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(h, CURLOPT_USERNAME, cfg->key);
        curl_easy_setopt(h, CURLOPT_PASSWORD, cfg->secret);
    }
    return true;
}

static void conn_close(Conn *c)
{
    curl_slist_free_all(c->headers);
    if (c->curl)
        curl_easy_cleanup(c->curl);
    free(c->body.p);
}

/* The server's answer on one line of at most 300 bytes. */
static void answer_line(const Conn *c, char out[320])
{
    size_t k = 0;
    for (size_t i = 0; c->body.p && c->body.p[i] && k < 300; i++)
        out[k++] = c->body.p[i] == '\n' || c->body.p[i] == '\r' || c->body.p[i] == '\t' ? ' ' : c->body.p[i];
    out[k] = '\0';
    if (!k)
        strcpy(out, "(no body)");
}

/* ---- sending ------------------------------------------------------------------ */

static const char *str_of(const cJSON *o, const char *a, const char *b)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        v = cJSON_GetObjectItemCaseSensitive(v, b);
    return cJSON_IsString(v) ? v->valuestring : "?";
}

static void name_statement(const cJSON *st, char *out, size_t cap)
{
    const char *verb = str_of(st, "verb", "id"), *slash = strrchr(verb, '/');
    snprintf(out, cap, "statement %s (%s, %s, registration %s)", str_of(st, "id", NULL), slash ? slash + 1 : verb,
             str_of(st, "object", "id"),
             str_of(cJSON_GetObjectItemCaseSensitive(st, "context"), "registration", NULL));
}

/* Whether the LRS holds st exactly as we would send it: fetched by id,
 * without the properties an LRS adds (stored, authority, version). */
static bool stored_identically(Conn *c, const cJSON *st)
{
    char url[1200];
    snprintf(url, sizeof url, "%s/statements?statementId=%s", c->cfg->url, str_of(st, "id", NULL));
    if (request_retrying(c, url, NULL, 0) != 200)
        return false;
    cJSON *got = cJSON_Parse(c->body.p ? c->body.p : "");
    if (!got)
        return false;
    cJSON_DeleteItemFromObjectCaseSensitive(got, "stored");
    cJSON_DeleteItemFromObjectCaseSensitive(got, "authority");
    cJSON_DeleteItemFromObjectCaseSensitive(got, "version");
    bool same = cJSON_Compare(got, st, true);
    cJSON_Delete(got);
    return same;
}

typedef struct Sender {
    Conn conn;
    char url[1100];
    long stored;
    char *msg;
    size_t msgcap;
} Sender;

/* One statement on its own: stored (true), or refused / unreachable (false
 * with *st_out set and the message written). */
static LrsStatus send_one(Sender *s, const cJSON *st, const char *text)
{
    char what[400], answer[320];
    long status = request_retrying(&s->conn, s->url, text, strlen(text));
    if (status == 0 || status >= 500) {
        snprintf(s->msg, s->msgcap, "the LRS at %s could not be reached (%s)", s->conn.cfg->url,
                 status ? "it answered a server error" : s->conn.error);
        return LRS_UNREACHABLE;
    }
    if (status / 100 == 2 || (status == 409 && stored_identically(&s->conn, st))) {
        s->stored++;
        return LRS_OK;
    }
    answer_line(&s->conn, answer);
    name_statement(st, what, sizeof what);
    if (status == 409)
        snprintf(s->msg, s->msgcap, "the LRS holds a different statement with the id of %s: %ld %s", what, status,
                 answer);
    else
        snprintf(s->msg, s->msgcap, "the LRS refused %s: %ld %s", what, status, answer);
    return LRS_REFUSED;
}

/* Statements [from, to) of texts as one POST; a batch the LRS will not take
 * whole (409 or another 4xx but the credentials) goes one at a time, so
 * the message can name the statement it refuses. */
static LrsStatus send_batch(Sender *s, const cJSON *const *sts, char **texts, int from, int to)
{
    size_t len = 2;
    for (int i = from; i < to; i++)
        len += strlen(texts[i]) + 1;
    char *body = malloc(len + 1), *q = body;
    if (!body) {
        snprintf(s->msg, s->msgcap, "out of memory");
        return LRS_UNREACHABLE;
    }
    *q++ = '[';
    for (int i = from; i < to; i++) {
        size_t n = strlen(texts[i]);
        memcpy(q, texts[i], n);
        q += n;
        *q++ = i + 1 < to ? ',' : ']';
    }
    *q = '\0';
    long status = request_retrying(&s->conn, s->url, body, (size_t)(q - body));
    free(body);
    if (status / 100 == 2) {
        s->stored += to - from;
        return LRS_OK;
    }
    if (status == 0 || status >= 500) {
        snprintf(s->msg, s->msgcap, "the LRS at %s could not be reached (%s)", s->conn.cfg->url,
                 status ? "it kept answering a server error" : s->conn.error);
        return LRS_UNREACHABLE;
    }
    if (status == 401 || status == 403 || to - from == 1) {
        if (to - from == 1 && status != 401 && status != 403)
            return send_one(s, sts[from], texts[from]);
        char answer[320];
        answer_line(&s->conn, answer);
        snprintf(s->msg, s->msgcap, "the LRS at %s refused the credentials: %ld %s (nothing was lost; check "
                 "COMPEL_LRS_KEY and COMPEL_LRS_SECRET or --lrs-auth-file)", s->conn.cfg->url, status, answer);
        return LRS_DENIED;
    }
    for (int i = from; i < to; i++) {
        LrsStatus st = send_one(s, sts[i], texts[i]);
        if (st != LRS_OK)
            return st;
    }
    return LRS_OK;
}

LrsStatus lrs_send(const LrsConfig *c, const cJSON *statements, long *stored, char *msg, size_t msgcap)
{
    Sender s;
    memset(&s, 0, sizeof s);
    s.msg = msg;
    s.msgcap = msgcap;
    msg[0] = '\0';
    *stored = 0;
    int n = cJSON_GetArraySize(statements);
    if (n == 0)
        return LRS_OK;
    snprintf(s.url, sizeof s.url, "%s/statements", c->url);
    const cJSON **sts = calloc((size_t)n, sizeof *sts);
    char **texts = calloc((size_t)n, sizeof *texts);
    LrsStatus rc = LRS_OK;
    if (!sts || !texts || !conn_open(&s.conn, c)) {
        snprintf(msg, msgcap, "out of memory");
        rc = LRS_UNREACHABLE;
    }
    int k = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, statements) {
        if (rc != LRS_OK)
            break;
        sts[k] = it;
        if (!(texts[k++] = cJSON_PrintUnformatted(it))) {
            snprintf(msg, msgcap, "out of memory");
            rc = LRS_UNREACHABLE;
        }
    }
    for (int from = 0; rc == LRS_OK && from < n;) {
        size_t len = 2 + strlen(texts[from]);
        int to = from + 1;
        while (to < n && len + strlen(texts[to]) + 1 < c->batch_bytes)
            len += strlen(texts[to++]) + 1;
        rc = send_batch(&s, sts, texts, from, to);
        from = to;
    }
    for (int i = 0; texts && i < n; i++)
        free(texts[i]);
    free(texts);
    free(sts);
    conn_close(&s.conn);
    *stored = s.stored;
    return rc;
}

long lrs_http(const LrsConfig *c, const char *url, const char *body, char **answer)
{
    Conn conn;
    *answer = NULL;
    if (!conn_open(&conn, c)) {
        conn_close(&conn);
        return 0;
    }
    long status = request_retrying(&conn, url, body, body ? strlen(body) : 0);
    if (status != 0) {
        *answer = conn.body.p ? conn.body.p : strdup("");
        conn.body.p = NULL;
    }
    conn_close(&conn);
    return status;
}
