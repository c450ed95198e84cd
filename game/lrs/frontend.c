/* frontend.c - what both front ends (the window and `compel run`) do with
 * an LRS: queue each finished playthrough's statements in the outbox, and
 * flush the outbox on a worker thread so the player never waits for the
 * network. */
#include "compel/lrs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lrs_queue_session(const char *outbox, const Session *s, const ResultMeta *meta, const char *id,
                      const XapiOptions *opt, char *err, size_t errcap)
{
    char *line = results_record_json(s, meta, id);   /* the record exactly as the results file holds it */
    if (!line) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    ResultRecord rec;
    char why[200];
    int rc = -1;
    if (results_parse_line(line, strlen(line), &rec, why, sizeof why)) {
        /* an author's test run (started elsewhere) is no learner's result */
        rc = rec.test ? 0 : lrs_outbox_put_record(outbox, &rec, opt, err, errcap);
        results_record_free(&rec);
    } else {
        snprintf(err, errcap, "%s", why);
    }
    free(line);
    return rc;
}

struct LrsFlusher {
    LrsConfig cfg;
    char outbox[4096];
    pthread_t thread;
    LrsStatus status;   /* the outcome, read after pthread_join */
    int sent, left;
    char msg[2000];
    void (*on_done)(void *ctx);
    void *ctx;
};

static void *flush_main(void *arg)
{
    LrsFlusher *f = arg;
    int sent = 0, left = 0;
    char msg[2000];
    LrsStatus rc = lrs_outbox_flush(&f->cfg, f->outbox, &sent, &left, msg, sizeof msg);
    f->status = rc;
    f->sent = sent;
    f->left = left;
    memcpy(f->msg, msg, sizeof msg);
    if (f->on_done)
        f->on_done(f->ctx);
    return NULL;
}

LrsFlusher *lrs_flusher_start(const LrsConfig *c, const char *outbox, void (*on_done)(void *ctx), void *ctx)
{
    LrsFlusher *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->on_done = on_done;
    f->ctx = ctx;
    f->cfg = *c;
    snprintf(f->outbox, sizeof f->outbox, "%s", outbox);
    if (pthread_create(&f->thread, NULL, flush_main, f) != 0) {
        free(f);
        return NULL;
    }
    return f;
}

LrsStatus lrs_flusher_join(LrsFlusher *f, int *sent, int *left, char *msg, size_t msgcap)
{
    pthread_join(f->thread, NULL);
    LrsStatus rc = f->status;
    if (sent)
        *sent = f->sent;
    if (left)
        *left = f->left;
    if (msg)
        snprintf(msg, msgcap, "%s", f->msg);
    free(f);
    return rc;
}
