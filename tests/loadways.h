/* loadways.h - the loader's two ways of reading a file (scenario.h,
 * LoadWay) must agree: for any bytes, LOAD_PIECEWISE either gives up
 * without a word or gives the very scenario and findings LOAD_WHOLE gives.
 * Shared by tests/test_loadways.c and the fuzz target (header only). */
#ifndef COMPEL_TESTS_LOADWAYS_H
#define COMPEL_TESTS_LOADWAYS_H

#include <stdbool.h>
#include <string.h>

#include "compel/scenario.h"

static bool lw_str(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static bool lw_cond(const Condition *a, const Condition *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || a->ref != b->ref || a->has_min != b->has_min || a->has_max != b->has_max ||
        a->count != b->count)
        return false;
    if ((a->has_min && a->min != b->min) || (a->has_max && a->max != b->max))
        return false;
    if (a->kind == COND_NOT || a->kind == COND_ALL || a->kind == COND_ANY)
        for (int i = 0; i < a->count; i++)
            if (!lw_cond(&a->items[i], &b->items[i]))
                return false;
    return true;
}

static bool lw_effects(Effects a, Effects b)
{
    if (a.count != b.count)
        return false;
    for (int i = 0; i < a.count; i++)
        if (a.items[i].meter != b.items[i].meter || a.items[i].delta != b.items[i].delta)
            return false;
    return true;
}

static bool lw_ints(const int *a, const int *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

static bool lw_portrait(const Portrait *a, const Portrait *b)
{
    return lw_str(a->written, b->written) && lw_str(a->path, b->path);
}

static bool lw_reply(const Reply *a, const Reply *b)
{
    if (!a || !b)
        return a == b;
    return a->speaker == b->speaker && lw_str(a->text, b->text) && a->mood == b->mood &&
           a->mood_given == b->mood_given;
}

static bool lw_variants(const Node *a, const Node *b)
{
    if (a->nvariants != b->nvariants)
        return false;
    for (int i = 0; i < a->nvariants; i++) {
        const Variant *x = &a->variants[i], *y = &b->variants[i];
        if (!lw_cond(x->when, y->when) || !lw_str(x->text, y->text) || x->mood_given != y->mood_given ||
            (x->mood_given && x->mood != y->mood))
            return false;
    }
    return true;
}

static bool lw_ending_variants(const Node *a, const Node *b)
{
    if (a->nending_variants != b->nending_variants)
        return false;
    for (int i = 0; i < a->nending_variants; i++) {
        const EndingVariant *x = &a->ending_variants[i], *y = &b->ending_variants[i];
        if (!lw_cond(x->when, y->when) || !lw_str(x->title, y->title) || !lw_str(x->text, y->text))
            return false;
    }
    return true;
}

static bool lw_node(const Node *a, const Node *b)
{
    if (!lw_str(a->id, b->id) || a->speaker != b->speaker || !lw_str(a->text, b->text) ||
        a->mood != b->mood || !lw_variants(a, b) || a->setback != b->setback || !lw_effects(a->effects, b->effects) ||
        a->skill != b->skill || a->kind != b->kind)
        return false;
    switch (a->kind) {
    case NODE_CHOICES:
        if (a->nchoices != b->nchoices)
            return false;
        for (int i = 0; i < a->nchoices; i++) {
            const Choice *x = &a->choices[i], *y = &b->choices[i];
            if (!lw_str(x->id, y->id) || !lw_str(x->text, y->text) || !lw_str(x->feedback, y->feedback) ||
                x->next != y->next || x->points != y->points || !lw_effects(x->effects, y->effects) ||
                x->nset != y->nset || x->nclear != y->nclear || !lw_ints(x->set, y->set, x->nset) ||
                !lw_ints(x->clear, y->clear, x->nclear) || !lw_cond(x->when, y->when) || x->once != y->once ||
                x->serial != y->serial || !lw_reply(x->reply, y->reply))
                return false;
        }
        return true;
    case NODE_NEXT:
        return a->next == b->next;
    case NODE_ROUTE:
        if (a->nroute != b->nroute)
            return false;
        for (int i = 0; i < a->nroute; i++)
            if (!lw_cond(a->route[i].when, b->route[i].when) || a->route[i].chance != b->route[i].chance ||
                a->route[i].next != b->route[i].next)
                return false;
        return true;
    case NODE_ENDING:
        return a->outcome == b->outcome && lw_str(a->ending_title, b->ending_title) &&
               lw_str(a->ending_text, b->ending_text) && lw_ending_variants(a, b);
    }
    return false;
}

/* Every field of the model, deeply. */
static bool scenarios_equal(const Scenario *a, const Scenario *b)
{
    if (!lw_str(a->file, b->file) || !lw_str(a->dir, b->dir) || strcmp(a->hash, b->hash) != 0 ||
        a->file_size != b->file_size || !lw_str(a->id, b->id) || !lw_str(a->title, b->title) ||
        !lw_str(a->summary, b->summary) || !lw_str(a->briefing, b->briefing) ||
        !lw_str(a->language, b->language) || a->difficulty != b->difficulty || a->minutes != b->minutes ||
        a->ntags != b->ntags || a->nskills != b->nskills || a->ncharacters != b->ncharacters ||
        a->nmeters != b->nmeters || a->ngrades != b->ngrades || a->nflags != b->nflags ||
        a->nnodes != b->nnodes || a->start != b->start || a->nchoices_total != b->nchoices_total)
        return false;
    for (int i = 0; i < a->ntags; i++)
        if (!lw_str(a->tags[i], b->tags[i]))
            return false;
    for (int i = 0; i < a->nskills; i++)
        if (!lw_str(a->skills[i].id, b->skills[i].id) || !lw_str(a->skills[i].label, b->skills[i].label) ||
            !lw_str(a->skills[i].description, b->skills[i].description))
            return false;
    for (int i = 0; i < a->ncharacters; i++) {
        const Character *x = &a->characters[i], *y = &b->characters[i];
        if (!lw_str(x->id, y->id) || !lw_str(x->name, y->name) || !lw_str(x->role, y->role) ||
            x->stance != y->stance || x->has_color != y->has_color || x->r != y->r || x->g != y->g ||
            x->b != y->b || !lw_portrait(&x->portrait, &y->portrait))
            return false;
        for (int m = 0; m < MOOD_COUNT; m++)
            if (!lw_portrait(&x->portraits[m], &y->portraits[m]))
                return false;
    }
    for (int i = 0; i < a->nmeters; i++) {
        const Meter *x = &a->meters[i], *y = &b->meters[i];
        if (!lw_str(x->id, y->id) || !lw_str(x->label, y->label) || x->start != y->start ||
            x->min != y->min || x->max != y->max || x->show != y->show)
            return false;
    }
    for (int i = 0; i < a->ngrades; i++)
        if (a->grades[i].min_percent != b->grades[i].min_percent ||
            !lw_str(a->grades[i].label, b->grades[i].label) || !lw_str(a->grades[i].text, b->grades[i].text))
            return false;
    for (int i = 0; i < a->nflags; i++)
        if (!lw_str(a->flags[i], b->flags[i]))
            return false;
    for (int i = 0; i < a->nnodes; i++)
        if (!lw_node(&a->nodes[i], &b->nodes[i]))
            return false;
    return true;
}

static bool diags_equal(const DiagList *a, const DiagList *b)
{
    if (a->count != b->count || a->errors != b->errors || a->warnings != b->warnings)
        return false;
    for (int i = 0; i < a->count; i++) {
        const Diag *x = &a->items[i], *y = &b->items[i];
        if (x->severity != y->severity || x->line != y->line || x->col != y->col || !lw_str(x->file, y->file) ||
            !lw_str(x->path, y->path) || !lw_str(x->rule, y->rule) || !lw_str(x->message, y->message))
            return false;
    }
    return true;
}

/* Load bytes both ways and compare. 0: they agree; otherwise a code saying
 * how they differ. *piecewise_ok tells whether the fast way took the file. */
enum { LW_AGREE, LW_PIECEWISE_TOOK_A_BAD_FILE, LW_PIECEWISE_SPOKE_WHEN_GIVING_UP, LW_MODELS_DIFFER,
       LW_FINDINGS_DIFFER };

static int load_both_ways(const char *bytes, size_t len, bool *piecewise_ok)
{
    DiagList dp, dw;
    diag_list_init(&dp);
    diag_list_init(&dw);
    Scenario *p = scenario_load_buffer_way("same.json", "dir", bytes, len, &dp, LOAD_PIECEWISE);
    Scenario *w = scenario_load_buffer_way("same.json", "dir", bytes, len, &dw, LOAD_WHOLE);
    int r = LW_AGREE;
    if (p && !w)
        r = LW_PIECEWISE_TOOK_A_BAD_FILE;
    else if (!p && dp.count > 0 && !diags_equal(&dp, &dw))
        /* giving up, it may only have said what the byte scan before the
         * pieces found (as the whole way does too), never a word of its own */
        r = LW_PIECEWISE_SPOKE_WHEN_GIVING_UP;
    else if (p && !scenarios_equal(p, w))
        r = LW_MODELS_DIFFER;
    else if (p && !diags_equal(&dp, &dw))
        r = LW_FINDINGS_DIFFER;
    if (piecewise_ok)
        *piecewise_ok = p != NULL;
    scenario_destroy(p);
    scenario_destroy(w);
    diag_list_free(&dp);
    diag_list_free(&dw);
    return r;
}

#endif
