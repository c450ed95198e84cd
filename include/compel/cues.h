/* cues.h - the wording-cue player's judgement: how good a choice *looks*
 * to a trainee who has learned the course's surface (ask, quote the
 * client's numbers, own it, work together; never discount, pitch features
 * or deflect) and reads only the wording of the choices, never the
 * situation. docs/lint.md lists every cue and its weight. */
#ifndef COMPEL_CUES_H
#define COMPEL_CUES_H

#include <stdbool.h>

/* The kinds of cue, in the order docs/lint.md lists them. */
typedef enum CueKind {
    CUE_QUESTION,        /* the choice asks something ("?") */
    CUE_CLIENT_NUMBER,   /* quotes a number the client said earlier */
    CUE_OTHER_NUMBER,    /* quotes a number the player never heard */
    CUE_OWNERSHIP,       /* "I'll", "I will", "let me", "in person", "on us" */
    CUE_TOGETHER,        /* "together", "let's", "we'll", "with you" */
    CUE_PROBE,           /* asks without a question mark: "tell me", "walk me through" */
    CUE_DISCOUNT,        /* price, discount, "free", "sign this quarter" */
    CUE_FEATURE,         /* platform, module, "machine learning", "premium" */
    CUE_DEFLECT,         /* ticket, "it's normal", "your call", blame, escalate */
    CUE_CLAIM,           /* "our clients typically see", case studies, references */
    CUE_GENERAL,         /* speaks of everyone: "every", "typically", "plants like yours" */
    CUE_COUNT
} CueKind;

/* The texts the player has seen so far, where the client's numbers are
 * looked up; count may be 0. */
typedef struct CueContext {
    const char *const *seen;
    int nseen;
} CueContext;

/* The apparent quality of a choice's text: the sum of the weights of the
 * cue kinds it shows (each kind counts once). When hits is not NULL it
 * receives, for each kind, whether the text shows it. */
int cue_score(const char *text, const CueContext *ctx, bool hits[CUE_COUNT]);

/* The weight of a kind and its name as docs/lint.md and `lint --json` use
 * it ("question", "client-number", ...). */
int cue_weight(CueKind k);
const char *cue_name(CueKind k);

#endif
