/* display.c - the display model (display.h): what to show now, the
 * transcript, the debrief and the briefing, computed once for every
 * front end. Texts are finished here: the variant chosen on entry, then
 * {player} filled in. */
#include "compel/display.h"

#include <stdlib.h>
#include <string.h>

#include "compel/grow.h"

/* Finished text: {player} filled; "" for NULL. NULL only when out of memory. */
static char *finish(const Session *s, const char *text)
{
    return session_format_text(s, text ? text : "");
}

/* The text, mood and title a node shows on the visit at trail position pos. */
typedef struct Shown { const char *text, *title; Mood mood; } Shown;

static Shown shown_at(const Session *s, int node, int pos)
{
    const Node *n = &session_scenario(s)->nodes[node];
    int v = pos >= 0 ? session_trail_variant(s, pos) : -1;
    if (n->kind == NODE_ENDING) {
        Shown e = {n->ending_text, n->ending_title, n->mood};
        if (v >= 0 && v < n->nending_variants) {
            e.text = n->ending_variants[v].text;
            if (n->ending_variants[v].title)
                e.title = n->ending_variants[v].title;
        }
        return e;
    }
    Shown r = {n->text, NULL, n->mood};
    if (v >= 0 && v < n->nvariants) {
        r.text = n->variants[v].text;
        if (n->variants[v].mood_given)
            r.mood = n->variants[v].mood;
    }
    return r;
}

static DisplayLine line_of(const Session *s, int speaker, Mood mood, const char *text)
{
    const Scenario *sc = session_scenario(s);
    DisplayLine l = {speaker, NULL, "Narrator", mood, finish(s, text)};
    if (speaker >= 0 && speaker < sc->ncharacters) {
        l.character = &sc->characters[speaker];
        l.name = l.character->name;
    }
    return l;
}

/* The line a node says on the visit at trail position pos. */
static DisplayLine node_line(const Session *s, int node, int pos)
{
    Shown sh = shown_at(s, node, pos);
    return line_of(s, session_scenario(s)->nodes[node].speaker, sh.mood, sh.text);
}

/* The other side's answer to decision st (its choice has a reply): it
 * speaks in the reply's mood, else in the mood the node showed on that visit. */
static DisplayLine reply_line(const Session *s, const Step *st)
{
    const Reply *r = session_scenario(s)->nodes[st->node].choices[st->choice].reply;
    Mood mood = r->mood_given ? r->mood : shown_at(s, st->node, st->path_pos).mood;
    return line_of(s, r->speaker, mood, r->text);
}

static const Step *last_step(const Session *s)
{
    int n;
    const Step *st = session_steps(s, &n);
    return n > 0 ? &st[n - 1] : NULL;
}

static void fill_made(const Session *s, const Step *st, DisplayMade *m)
{
    const Scenario *sc = session_scenario(s);
    const Node *node = &sc->nodes[st->node];
    const Choice *c = &node->choices[st->choice];
    m->number = st->index;
    m->text = finish(s, c->text);
    m->skill = st->skill >= 0 ? sc->skills[st->skill].label : NULL;
    m->points = st->points;
    m->possible = st->possible;
    m->feedback = c->feedback && session_shows_feedback(s) ? finish(s, c->feedback) : NULL;
    m->has_reply = c->reply != NULL;
    if (c->reply)
        m->reply = reply_line(s, st);
}

static bool fill_meters(const Session *s, DisplayNow *d)
{
    const Scenario *sc = session_scenario(s);
    SessionView v;
    session_view(s, &v);
    d->nmeters = sc->nmeters;
    d->meters = calloc((size_t)sc->nmeters + 1, sizeof *d->meters);
    if (!d->meters)
        return false;
    for (int i = 0; i < sc->nmeters; i++) {
        const Meter *m = &sc->meters[i];
        int now = session_meter(s, i);
        d->meters[i] = (DisplayMeter){m->id, m->label, v.meters_before ? v.meters_before[i] : now, now,
                                      m->min, m->max, m->show};
    }
    return true;
}

static bool fill_choices(const Session *s, DisplayNow *d)
{
    const Node *node = session_node(s);
    int vis[COMPEL_MAX_CHOICES];
    d->nchoices = session_visible(s, vis);
    for (int i = 0; i < d->nchoices; i++) {
        d->choices[i] = (DisplayChoice){i + 1, vis[i], finish(s, node->choices[vis[i]].text)};
        if (!d->choices[i].text)
            return false;
    }
    return true;
}

DisplayNow *display_now(const Session *s)
{
    DisplayNow *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    const Node *node = session_node(s);
    int ntrail;
    session_trail(s, &ntrail);
    d->status = session_status(s);
    d->node = session_node_index(s);
    d->node_id = node->id;
    d->line = node_line(s, d->node, ntrail - 1);
    d->setback = node->setback;
    if (node->kind == NODE_ENDING) {
        d->ending_title = shown_at(s, d->node, ntrail - 1).title;
        d->outcome = node->outcome;
    }
    const Step *st = last_step(s);
    d->has_made = st != NULL;
    if (st)
        fill_made(s, st, &d->made);
    d->percent = session_percent(s);
    d->can_undo = session_can_undo(s);
    d->mode = session_mode(s);
    d->shows_feedback = session_shows_feedback(s);
    if (!d->line.text || !fill_choices(s, d) || !fill_meters(s, d) || (st && !d->made.text)) {
        display_now_free(d);
        return NULL;
    }
    return d;
}

void display_now_free(DisplayNow *d)
{
    if (!d)
        return;
    free(d->line.text);
    for (int i = 0; i < d->nchoices; i++)
        free(d->choices[i].text);
    free(d->made.text);
    free(d->made.feedback);
    free(d->made.reply.text);
    free(d->meters);
    free(d);
}

/* ---- Transcript ---- */

static bool add(Transcript *t, TranscriptEntry e)
{
    if (!e.line.text || !GROW(&t->items, &t->cap, t->count + 1)) {
        free(e.line.text);
        return false;
    }
    t->items[t->count++] = e;
    return true;
}

/* The node entered at trail position pos, as the transcript shows it. */
static bool add_node(const Session *s, Transcript *t, int node, int pos)
{
    const Node *n = &session_scenario(s)->nodes[node];
    Shown sh = shown_at(s, node, pos);
    if (n->kind == NODE_ENDING)
        return add(t, (TranscriptEntry){ENTRY_ENDING, node, n->id, node_line(s, node, pos), false, sh.title});
    if (!sh.text || !*sh.text)
        return true;   /* a route node, or one that only asks */
    return add(t, (TranscriptEntry){ENTRY_NODE, node, n->id, node_line(s, node, pos), n->setback, NULL});
}

/* A decision: the choice made, then the reply to it. */
static bool add_decision(const Session *s, Transcript *t, const Step *st)
{
    const Node *n = &session_scenario(s)->nodes[st->node];
    const Choice *c = &n->choices[st->choice];
    DisplayLine you = {-1, NULL, "You", MOOD_NEUTRAL, finish(s, c->text)};
    if (!add(t, (TranscriptEntry){ENTRY_CHOICE, st->node, n->id, you, false, NULL}))
        return false;
    if (!c->reply)
        return true;
    DisplayLine r = reply_line(s, st);
    return add(t, (TranscriptEntry){ENTRY_REPLY, st->node, n->id, r, false, NULL});
}

Transcript *display_transcript(const Session *s)
{
    Transcript *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    int ntrail, nsteps, si = 0;
    const int *trail = session_trail(s, &ntrail);
    const Step *steps = session_steps(s, &nsteps);
    bool ok = true;
    for (int p = 0; ok && p < ntrail; p++) {
        ok = add_node(s, t, trail[p], p);
        for (; ok && si < nsteps && steps[si].path_pos == p; si++)
            ok = add_decision(s, t, &steps[si]);
    }
    if (!ok) {
        display_transcript_free(t);
        return NULL;
    }
    return t;
}

void display_transcript_free(Transcript *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->count; i++)
        free(t->items[i].line.text);
    free(t->items);
    free(t);
}

/* ---- Debrief ---- */

/* The first visible choice worth the most at a decision. */
static const Choice *best_visible(const Node *n, uint16_t visible)
{
    int best = step_best_points(n, visible);
    for (int i = 0; i < n->nchoices; i++)
        if ((visible >> i) & 1u && n->choices[i].points == best)
            return &n->choices[i];
    return NULL;
}

static bool fill_decision(const Session *s, const Step *st, int number, DebriefDecision *d)
{
    const Scenario *sc = session_scenario(s);
    const Node *n = &sc->nodes[st->node];
    const Choice *c = &n->choices[st->choice];
    d->number = number;
    d->node = st->node;
    d->skill = st->skill >= 0 ? sc->skills[st->skill].label : NULL;
    d->points = st->points;
    d->possible = st->possible;
    d->after_setback = st->after_setback;
    d->context = node_line(s, st->node, st->path_pos);
    d->said = finish(s, c->text);
    d->has_reply = c->reply != NULL;
    if (c->reply)
        d->reply = reply_line(s, st);
    d->feedback = c->feedback ? finish(s, c->feedback) : NULL;
    const Choice *b = st->skill >= 0 ? best_visible(n, st->visible) : NULL;
    d->was_best = b && b->points <= st->points;
    if (b && b->points > st->points) {
        d->best = finish(s, b->text);
        d->best_points = b->points;
    }
    return d->context.text && d->said && (!c->reply || d->reply.text) && (!c->feedback || d->feedback) && (!b || d->was_best || d->best);
}

static bool fill_skills(const Session *s, Debrief *d)
{
    const Scenario *sc = session_scenario(s);
    SkillScore *sk = calloc((size_t)sc->nskills + 1, sizeof *sk);
    d->skills = calloc((size_t)sc->nskills + 1, sizeof *d->skills);
    if (!sk || !d->skills) {
        free(sk);
        return false;
    }
    session_skill_scores(s, sk);
    d->nskills = sc->nskills;
    for (int i = 0; i < sc->nskills; i++)
        d->skills[i] = (DebriefSkill){sc->skills[i].id, sc->skills[i].label, sk[i].earned, sk[i].possible,
                                      compel_percent(sk[i].earned, sk[i].possible),
                                      sk[i].possible != 0 || sk[i].earned != 0};
    free(sk);
    return true;
}

static bool fill_decisions(const Session *s, Debrief *d)
{
    int n;
    const Step *st = session_steps(s, &n);
    d->decisions = calloc((size_t)n + 1, sizeof *d->decisions);
    if (!d->decisions)
        return false;
    for (int i = 0; i < n; i++) {
        d->ndecisions = i + 1;
        if (!fill_decision(s, &st[i], i + 1, &d->decisions[i]))
            return false;
        if (st[i].after_setback) {
            d->setbacks++;
            d->setback_earned += st[i].points;
            d->setback_possible += st[i].possible;
        }
    }
    d->setback_percent = compel_percent(d->setback_earned, d->setback_possible);
    return true;
}

Debrief *display_debrief(const Session *s)
{
    Debrief *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    const Node *n = session_node(s);
    int ntrail;
    session_trail(s, &ntrail);
    d->ended = session_status(s) == SESSION_ENDED;
    d->percent = session_percent(s);
    d->grade = scenario_grade(session_scenario(s), d->percent);
    bool ok = true;
    if (d->ended) {
        Shown sh = shown_at(s, session_node_index(s), ntrail - 1);
        d->outcome = n->outcome;
        d->ending_title = sh.title;
        d->ending_text = finish(s, sh.text);
        ok = d->ending_text != NULL;
    }
    if (!ok || !fill_skills(s, d) || !fill_decisions(s, d)) {
        display_debrief_free(d);
        return NULL;
    }
    return d;
}

void display_debrief_free(Debrief *d)
{
    if (!d)
        return;
    free(d->ending_text);
    free(d->skills);
    for (int i = 0; i < d->ndecisions; i++) {
        free(d->decisions[i].context.text);
        free(d->decisions[i].said);
        free(d->decisions[i].reply.text);
        free(d->decisions[i].best);
        free(d->decisions[i].feedback);
    }
    free(d->decisions);
    free(d);
}

/* ---- Briefing ---- */

Briefing *display_briefing(const Scenario *sc, const char *player)
{
    Briefing *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->title = sc->title;
    b->summary = sc->summary;
    b->nmeters = sc->nmeters;
    b->meters = calloc((size_t)sc->nmeters + 1, sizeof *b->meters);
    if (sc->briefing && *sc->briefing)
        b->text = compel_format_text(sc->briefing, player);
    if (!b->meters || (sc->briefing && *sc->briefing && !b->text)) {
        display_briefing_free(b);
        return NULL;
    }
    for (int i = 0; i < sc->nmeters; i++) {
        const Meter *m = &sc->meters[i];
        b->meters[i] = (DisplayMeter){m->id, m->label, m->start, m->start, m->min, m->max, m->show};
    }
    return b;
}

void display_briefing_free(Briefing *b)
{
    if (!b)
        return;
    free(b->text);
    free(b->meters);
    free(b);
}
