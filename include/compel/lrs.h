/* lrs.h - results where a learning department keeps them: xAPI 1.0.3
 * statements of a playthrough, sent to a learning record store (LRS) over
 * HTTP, through an outbox on disk so that nothing is lost while the LRS
 * cannot be reached. This module sits below both front ends (the window and
 * the terminal commands): it needs libcurl and libuuid, which game/core never
 * links. docs/lrs.md describes the behaviour an LRS administrator sees.
 *
 * Exactly once: statement ids are derived from the playthrough and the
 * statement's content, so sending the same statement twice is harmless (the
 * LRS keeps one; a 409 for an identical statement counts as stored), and an
 * outbox file is removed only after the LRS acknowledged every statement in
 * it. */
#ifndef COMPEL_LRS_H
#define COMPEL_LRS_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "compel/results.h"

/* ---- statements ------------------------------------------------------------ */

/* The defaults every front end uses, so that the same playthrough gives the
 * same statements whichever way it reaches the LRS. */
#define XAPI_DEFAULT_BASE "https://compel.example/xapi"
#define XAPI_DEFAULT_HOME_PAGE "https://compel.invalid/learners"
#define XAPI_DEFAULT_LANG "en-US"
#define XAPI_DEFAULT_PASS_PERCENT 70

typedef struct XapiOptions {
    const char *base;        /* activity ids start with this IRI */
    const char *home_page;   /* the actor's account homePage when the record names none */
    const char *lang;        /* language map key when the record does not give the scenario's */
    int pass_percent;        /* passed at or above this percent */
    bool email_sha1;         /* send an e-mail identity as mbox_sha1sum, not mbox */
} XapiOptions;

/* Append the statements of one playthrough to the array out: attempted, one
 * answered per decision, then completed and passed or failed when it ended.
 * The registration is the playthrough id; each statement id is a version 5
 * UUID of the registration, the statement's place and its content, so the
 * same record and options give the same ids and bytes, and any option that
 * changes a statement changes its id. */
void xapi_add_statements(cJSON *out, const ResultRecord *rec, const XapiOptions *opt);

/* Name-based UUID (version 5, SHA-1, through libuuid) of name in ns. */
void xapi_uuid5(const unsigned char ns[16], const char *name, char out[37]);

/* Whether s is a UUID in the 8-4-4-4-12 lower-case hex form. */
bool xapi_is_uuid(const char *s);

/* ---- sending ----------------------------------------------------------------- */

typedef enum LrsStatus {
    LRS_OK = 0,          /* every statement accepted or already stored */
    LRS_UNREACHABLE,     /* network error, timeout or 5xx after the retries: try later */
    LRS_REFUSED,         /* a 4xx for a statement (not an identical 409): the message names it;
                            it is the one after the *stored acknowledged ones */
    LRS_DENIED,          /* 401 or 403: the credentials; nothing was taken */
} LrsStatus;

typedef struct LrsConfig {
    char url[1024];           /* the xAPI endpoint, without the trailing "/statements" */
    char key[256], secret[256];
    char authorization[1024]; /* instead of key and secret: an Authorization value (a cmi5 token) */
    long timeout_ms;          /* per request, connection included */
    int attempts;             /* tries per batch on network errors and 5xx (1: no retry) */
    long backoff_ms;          /* first wait between tries; doubles each time */
    size_t batch_bytes;       /* a POST body stays under this size */
} LrsConfig;

/* Defaults for everything but the URL and credentials (timeout 10 s, 4
 * attempts from 250 ms, batches under 1 MB). COMPEL_LRS_TIMEOUT_MS,
 * COMPEL_LRS_ATTEMPTS and COMPEL_LRS_BATCH_BYTES override them. */
void lrs_config_defaults(LrsConfig *c);

/* Credentials: the file (one line "key:secret") when path is not NULL, else
 * COMPEL_LRS_KEY and COMPEL_LRS_SECRET. False with a one-line reason in err
 * when the file cannot be read or holds no "key:secret"; true with empty
 * credentials when neither is given (an open LRS). */
bool lrs_config_auth(LrsConfig *c, const char *path, char *err, size_t errcap);

/* Check and store url (http or https, no credentials inside); false with a
 * reason in err. */
bool lrs_config_url(LrsConfig *c, const char *url, char *err, size_t errcap);

/* The learner's identity as the settings file gives it ("" where it does not). */
typedef struct LrsIdentity { char learner[256], email[256], home_page[512]; } LrsIdentity;
void lrs_settings_identity(LrsIdentity *id);

/* Everything lrs.conf can hold ("" where it says nothing). */
typedef struct LrsSettings {
    char url[1024], key[256], secret[256], auth_file[1024];
    LrsIdentity id;
} LrsSettings;

/* Read the settings file into s (all "" when there is none). */
void lrs_settings_load(LrsSettings *s);

/* Write s to the settings file (its folder made if need be), through a
 * temporary file and a rename, readable by the owner alone since it may hold
 * a secret. Lines it does not know (comments, other names) are kept. False
 * with a one-line reason in err. */
bool lrs_settings_save(const LrsSettings *s, char *err, size_t errcap);

/* The whole configuration: defaults, then the URL (url, else the settings
 * file's), then credentials (auth_file, else the environment, else the
 * settings file). 0 when an LRS is configured, 1 when none is (err says
 * how to set one), -1 on a bad URL or credentials file (reason in err). */
int lrs_setup(LrsConfig *c, const char *url, const char *auth_file, char *err, size_t errcap);

/* Send the statements (an array, not changed) in batches under the size
 * limit. *stored counts the statements acknowledged, in order from the
 * first; on failure a one-line reason goes into msg. */
LrsStatus lrs_send(const LrsConfig *c, const cJSON *statements, long *stored, char *msg, size_t msgcap);

/* One request with the configuration's credentials and retries: POST body
 * (GET when body is NULL) to url. Returns the HTTP status (0: no answer);
 * *answer is the body (caller frees; NULL without an answer). */
long lrs_http(const LrsConfig *c, const char *url, const char *body, char **answer);

/* ---- the outbox ---------------------------------------------------------- */

/* The outbox folder: $XDG_DATA_HOME/compel/outbox or
 * ~/.local/share/compel/outbox. False when neither gives an absolute path. */
bool lrs_outbox_default(char *out, size_t cap);

/* Put a JSON array of statements into the outbox as one file, written to a
 * temporary name, flushed to disk and renamed (never half there). name
 * makes the file name (a playthrough id); the same name and content again
 * replaces the file. Returns 0, or -1 with a reason in err. */
int lrs_outbox_put(const char *dir, const char *name, const cJSON *statements, char *err, size_t errcap);

/* The statements of one playthrough into the outbox (lrs_outbox_put of
 * xapi_add_statements). */
int lrs_outbox_put_record(const char *dir, const ResultRecord *rec, const XapiOptions *opt, char *err,
                          size_t errcap);

/* How many playthroughs (files) wait in the outbox; 0 when it does not exist. */
int lrs_outbox_count(const char *dir);

/* Send what waits, oldest first, several files to a batch; each file is
 * removed once all its statements are acknowledged. *sent and *left count
 * files (either may be NULL). A file that is not a JSON array is moved
 * aside to "DIR/bad/" with a warning in msg, never sent, never lost. */
LrsStatus lrs_outbox_flush(const LrsConfig *c, const char *dir, int *sent, int *left, char *msg, size_t msgcap);

/* ---- for the front ends -------------------------------------------------- */

/* The finished session's statements into the outbox: its record built as
 * results_append writes it (same id and meta), then lrs_outbox_put_record. */
int lrs_queue_session(const char *outbox, const Session *s, const ResultMeta *meta, const char *id,
                      const XapiOptions *opt, char *err, size_t errcap);

/* lrs_outbox_flush on a worker thread, so the player never waits on the
 * network. on_done (may be NULL) is called on the worker thread when the
 * flush is over (the window posts itself an event there); lrs_flusher_join
 * waits for it, gives the outcome and frees it. NULL when no thread could be started. */
typedef struct LrsFlusher LrsFlusher;
LrsFlusher *lrs_flusher_start(const LrsConfig *c, const char *outbox, void (*on_done)(void *ctx), void *ctx);
LrsStatus lrs_flusher_join(LrsFlusher *f, int *sent, int *left, char *msg, size_t msgcap);

/* ---- cmi5: Compel as an assignable unit an LMS launches (cmi5.c) ---------- */

typedef struct Cmi5Launch {
    char endpoint[1024], fetch[2048], actor[2048], registration[64], activity[1024];
    char scenario[512];      /* the optional scenario parameter ("" when absent) */
} Cmi5Launch;

typedef struct Cmi5Session {
    Cmi5Launch launch;
    LrsConfig cfg;           /* the LMS's endpoint with the fetched token */
    cJSON *context;          /* LMS.LaunchData's context template */
    double mastery;
    bool has_mastery, passed;
    double started;
    int serial;
} Cmi5Session;

/* The launch URL's parameters (percent-decoded); false with a reason. */
bool cmi5_parse_launch(const char *url, Cmi5Launch *l, char *err, size_t errcap);

/* The scenario file a launch plays: given (--scenario) when set, else the
 * launch URL's scenario parameter, a path or a scenario id looked up as
 * DIR/ID.json. False with a one-line reason when there is none or the
 * parameter is neither a path nor an id. */
bool cmi5_scenario_file(const Cmi5Launch *l, const char *given, const char *dir, char *out, size_t cap, char *err,
                        size_t errcap);

/* Fetch the auth token (once), read LMS.LaunchData, send initialized.
 * 0, or -1 with a reason in err. */
int cmi5_begin(Cmi5Session *s, const Cmi5Launch *l, char *err, size_t errcap);

/* After the playthrough: completed and passed/failed (percent against the
 * mastery score, else 70 %) when it ended, then terminated with the
 * session's duration. Frees the session's context. */
int cmi5_finish(Cmi5Session *s, bool ended, int percent, char *err, size_t errcap);

#endif
