/* cues.c - the wording-cue player's judgement (cues.h, docs/lint.md).
 *
 * A choice's text is lower-cased (ASCII letters; a typographic apostrophe
 * becomes '), then each cue phrase is looked for at a word start; a phrase
 * ending in '*' matches any word that begins with it, any other phrase must
 * end at a word end. Numbers are runs of digits (with , or . between digits,
 * dropped) or number words; the scale words count as a number but never as
 * the client's, since "thousand" alone says nothing about which figure. */
#include "compel/cues.h"

#include <stdlib.h>
#include <string.h>

typedef struct CueList {
    CueKind kind;
    int weight;
    const char *name;
    const char *const *phrases;   /* NULL-terminated; NULL list: found otherwise */
} CueList;

static const char *const ownership[] = {
    "i'll", "i will", "i'm going to", "let me", "in person", "personally", "myself",
    "on me", "on us", "ours", "on my plan", "ours to own", "my fault", "i'm sorry", "i am sorry", "i apologi*", NULL,
};
static const char *const together[] = {
    "together", "let's", "we'll", "we can", "with you", "side by side", "jointly",
    "partner*", NULL,
};
static const char *const probe[] = {
    "tell me", "walk me through", "help me understand", "show me", "i'd like to understand",
    "i want to understand", "i need to understand", "curious", "can i ask", NULL,
};
static const char *const discount[] = {
    "discount*", "percent off", "% off", "free", "cheaper", "price*", "pricing", "rebate*",
    "waive*", "special offer", "deal", "sign today", "sign now", "sign this", "signed by",
    "if we can sign", "this quarter", "end of the month", "limited time", "no charge",
    "at cost", "match their", NULL,
};
static const char *const feature[] = {
    "feature*", "platform", "module", "dashboard*", "machine learning", "artificial intelligence",
    "ai", "algorithm*", "automatic*", "self-learning", "premium", "cutting-edge",
    "state-of-the-art", "best-in-class", "our product", "our software", "our tool",
    "our engine", "our model", "upgrade", "demo", "roadmap", "integrat*", NULL,
};
static const char *const deflect[] = {
    "ticket", "normal", "it happens", "happens to everyone", "not unusual", "usual",
    "industry-wide", "outside your control", "your call", "up to you", "not our",
    "isn't our", "their fault", "blame*", "escalat*", "procedure", "policy",
    "teething", "training issue", "nothing we can do", "with respect", "don't apologi*",
    "let it settle", "cross that bridge", NULL,
};
static const char *const claim[] = {
    "typically see", "clients see", "customers see", "most clients", "our clients",
    "our customers", "case stud*", "reference*", "proven", "guarantee*", "we've done",
    "over three hundred", "most of our", NULL,
};

static const char *const general[] = {
    "every*", "across the industry", "most companies", "most teams", "most firms", "always",
    "typically", "usually", "in general", "industry", "all over", "anywhere", "nobody ever",
    "people like", "firms like", "plants like", "teams like", "shops like", NULL,
};

static const CueList lists[CUE_COUNT] = {
    {CUE_QUESTION, 2, "question", NULL},
    {CUE_CLIENT_NUMBER, 2, "client-number", NULL},
    {CUE_OTHER_NUMBER, 1, "other-number", NULL},
    {CUE_OWNERSHIP, 1, "ownership", ownership},
    {CUE_TOGETHER, 1, "together", together},
    {CUE_PROBE, 1, "probe", probe},
    {CUE_DISCOUNT, -3, "discount", discount},
    {CUE_FEATURE, -2, "feature", feature},
    {CUE_DEFLECT, -2, "deflect", deflect},
    {CUE_CLAIM, -2, "claim", claim},
    {CUE_GENERAL, -2, "general", general},
};

static const char *const number_words[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "half", "third", "quarter", "dozen", NULL,
};
static const char *const scale_words[] = {"hundred", "thousand", "million", "billion", NULL};

int cue_weight(CueKind k)
{
    return lists[k].weight;
}

const char *cue_name(CueKind k)
{
    return lists[k].name;
}

static bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Lower-cased copy with a typographic apostrophe (U+2019) turned into '. */
static char *normalise(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == 0xE2 && (unsigned char)text[i + 1] == 0x80 && (unsigned char)text[i + 2] == 0x99) {
            out[j++] = '\'';
            i += 2;
        } else {
            out[j++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    out[j] = '\0';
    return out;
}

static bool has_phrase(const char *text, const char *phrase)
{
    size_t len = strlen(phrase);
    bool prefix = len > 0 && phrase[len - 1] == '*';
    if (prefix)
        len--;
    for (const char *p = text; *p; p++) {
        if (strncmp(p, phrase, len) != 0)
            continue;
        if (p > text && is_word(p[-1]) && is_word(phrase[0]))
            continue;
        if (!prefix && is_word(p[len]) && is_word(phrase[len - 1]))
            continue;
        return true;
    }
    return false;
}

static bool in_list(const char *word, size_t len, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == len && strncmp(word, list[i], len) == 0)
            return true;
    return false;
}

/* The next number token at or after *p in normalised text: written into tok
 * (digits without separators, or the word), *p moved past it; false at the
 * end. *scale says whether it is a scale word. */
static bool next_number(const char **p, char *tok, size_t cap, bool *scale)
{
    const char *s = *p;
    while (*s) {
        if (*s >= '0' && *s <= '9' && (s == *p || !is_word(s[-1]) || (s[-1] >= '0' && s[-1] <= '9'))) {
            size_t n = 0;
            while (*s >= '0' && *s <= '9') {
                if (n + 1 < cap)
                    tok[n++] = *s;
                s++;
                if ((*s == ',' || *s == '.') && s[1] >= '0' && s[1] <= '9')
                    s++;
            }
            tok[n] = '\0';
            *scale = false;
            *p = s;
            return true;
        }
        if (is_word(*s) && (s == *p || !is_word(s[-1]))) {
            const char *e = s;
            while (is_word(*e))
                e++;
            size_t len = (size_t)(e - s);
            bool num = in_list(s, len, number_words), sc = !num && in_list(s, len, scale_words);
            if ((num || sc) && len < cap) {
                memcpy(tok, s, len);
                tok[len] = '\0';
                *scale = sc;
                *p = e;
                return true;
            }
            s = e;
            continue;
        }
        s++;
    }
    *p = s;
    return false;
}

static bool text_has_number(const char *text, const char *tok)
{
    char *t = normalise(text);
    if (!t)
        return false;
    const char *p = t;
    char other[32];
    bool scale, found = false;
    while (!found && next_number(&p, other, sizeof other, &scale))
        found = !scale && strcmp(other, tok) == 0;
    free(t);
    return found;
}

int cue_score(const char *text, const CueContext *ctx, bool hits[CUE_COUNT])
{
    bool h[CUE_COUNT] = {0};
    char *t = normalise(text ? text : "");
    if (!t)
        return 0;
    h[CUE_QUESTION] = strchr(t, '?') != NULL;
    const char *p = t;
    char tok[32];
    bool scale;
    while (next_number(&p, tok, sizeof tok, &scale)) {
        bool theirs = false;
        for (int i = 0; !scale && !theirs && ctx && i < ctx->nseen; i++)
            theirs = ctx->seen[i] && text_has_number(ctx->seen[i], tok);
        h[theirs ? CUE_CLIENT_NUMBER : CUE_OTHER_NUMBER] = true;
    }
    if (h[CUE_CLIENT_NUMBER])
        h[CUE_OTHER_NUMBER] = false;
    for (int k = 0; k < CUE_COUNT; k++)
        for (int i = 0; lists[k].phrases && lists[k].phrases[i] && !h[k]; i++)
            h[k] = has_phrase(t, lists[k].phrases[i]);
    free(t);
    int score = 0;
    for (int k = 0; k < CUE_COUNT; k++) {
        score += h[k] ? lists[k].weight : 0;
        if (hits)
            hits[k] = h[k];
    }
    return score;
}
