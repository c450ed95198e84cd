/* termplay.c - the terminal player's screens as plain text: briefing,
 * each node, the coach's feedback, the debrief. */
#include "compel/termplay.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/cliutil.h"
#include "compel/display.h"
#include "compel/inspect.h"

static void print_briefing(const Session *s, FILE *out, int width)
{
    const Scenario *sc = session_scenario(s);
    Briefing *b = display_briefing(sc, session_player(s));
    if (!b) {
        fputs("(out of memory)\n", out);
        return;
    }
    wrap_printf(out, width, 0, "%s", b->title);
    wrap_columns(out, b->summary, width, 0, NULL);
    if (b->text) {
        fputs("\nBriefing\n", out);
        wrap_columns(out, b->text, width, 0, NULL);
    }
    display_briefing_free(b);
    fputs("\nPeople\n", out);
    for (int i = 0; i < sc->ncharacters; i++) {
        const Character *c = &sc->characters[i];
        wrap_printf(out, width, 4, "  %s, %s (%s)", c->name, c->role, stance_name(c->stance));
    }
    fputc('\n', out);
    wrap_printf(out, width, 0, "Mode: %s. Seed:" COMPEL_NBSP "%llu.",
            session_mode(s) == SESSION_ASSESSMENT ? "assessment (the coach speaks at the end)"
                       : "practice (the coach speaks after each choice; u undoes)",
            (unsigned long long)session_seed(s));
    if (session_is_test(s))
        wrap_printf(out, width, 0, "Test start at node \"%s\" (--from, --set, --meter): the result is marked as a test "
                    "and left out of reports.", sc->nodes[session_start_node(s)].id);
}

/* The meters the scenario shows, from core's display model: "Trust 40 of
 * 100 (down 10), Urgency 20 of 100." A meter that moved since the last
 * decision (by the choice, or by a scene on the way) says by how much, in
 * both modes: the buyer's reaction is part of the conversation, not of the
 * score. Each meter stays whole on a line (its spaces are no-break spaces),
 * so a narrow terminal breaks only between meters. */
static void print_meters(const DisplayNow *d, FILE *out, int width)
{
    char line[2048];
    size_t used = 0;
    for (int i = 0; i < d->nmeters && used < sizeof line - 1; i++) {
        const DisplayMeter *m = &d->meters[i];
        if (!m->show)
            continue;
        char one[512];
        int n = snprintf(one, sizeof one, "%s %d of %d", m->label, m->after, m->max);
        if (m->after != m->before && n > 0 && (size_t)n < sizeof one)
            snprintf(one + n, sizeof one - (size_t)n, " (%s %d)", m->after > m->before ? "up" : "down",
                     abs(m->after - m->before));
        if (used)
            used += (size_t)snprintf(line + used, sizeof line - used, ", ");
        for (const char *c = one; *c && used + 3 < sizeof line; c++) {
            if (*c == ' ') {
                memcpy(line + used, COMPEL_NBSP, 2);
                used += 2;
            } else {
                line[used++] = *c;
            }
        }
        line[used] = '\0';
    }
    if (used)
        wrap_printf(out, width, 2, "  %s.", line);
}

/* Who speaks and what they say, as a screen reader reads it well:
 * "Name, Role, mood:" on a line, the words indented beneath. */
static void print_line(const DisplayLine *l, FILE *out, int width)
{
    if (l->character) {
        char head[512];
        if (l->mood != MOOD_NEUTRAL)
            snprintf(head, sizeof head, "%s, %s, %s:", l->name, l->character->role, mood_name(l->mood));
        else
            snprintf(head, sizeof head, "%s, %s:", l->name, l->character->role);
        wrap_columns(out, head, width, 2, "");   /* the name at the margin, the words beneath */
        wrap_columns(out, l->text, width, 2, NULL);
    } else if (*l->text) {
        wrap_columns(out, l->text, width, 0, NULL);
    }
}

/* The current node from core's display model: who speaks, the wording
 * chosen for this visit (its variant), and the choices. */
static void print_node(const Session *s, FILE *out, int width)
{
    DisplayNow *d = display_now(s);
    if (!d) {
        fputs("(out of memory)\n", out);
        return;
    }
    fputc('\n', out);
    if (d->setback)
        fputs("Setback.\n", out);
    if (d->status != SESSION_ENDED)
        print_line(&d->line, out, width);
    if (d->status == SESSION_DECISION) {
        print_meters(d, out, width);
        for (int i = 0; i < d->nchoices; i++) {
            char num[16];
            snprintf(num, sizeof num, "%d. ", d->choices[i].number);
            wrap_columns(out, d->choices[i].text, width, 3, num);
        }
    }
    display_now_free(d);
}

/* The coach's word on the decision just made (practice mode). */
static void print_coach(const DisplayNow *d, FILE *out, int width)
{
    const DisplayMade *m = &d->made;
    if (m->skill)
        wrap_printf(out, width, 2, "  Coach: %d of %d %s for %s.", m->points, m->possible, points_word(m->possible),
                    m->skill);
    else
        fputs("  Coach:\n", out);
    if (m->feedback)
        wrap_columns(out, m->feedback, width, 2, NULL);
    for (int i = 0; i < d->nmeters; i++) {
        const DisplayMeter *mt = &d->meters[i];
        if (mt->before != mt->after && mt->show)
            wrap_printf(out, width, 4, "    %s %s by %d, now %d.", mt->label, mt->after > mt->before ? "rose" : "fell",
                        abs(mt->after - mt->before), mt->after);
    }
}

/* The choice just made, and the other side's answer on a line of its own
 * ("Maya Okafor (worried): ...") before the coach (practice) and the next node. */
static void print_choice_made(const Session *s, FILE *out, int width)
{
    DisplayNow *d = display_now(s);
    if (!d || !d->has_made) {
        display_now_free(d);
        return;
    }
    fprintf(out, "You chose %d:\n", d->made.number);
    wrap_columns(out, d->made.text, width, 2, NULL);
    if (d->made.has_reply) {
        const DisplayLine *r = &d->made.reply;
        if (r->mood != MOOD_NEUTRAL)
            wrap_printf(out, width, 2, "  %s (%s): %s", r->name, mood_name(r->mood), r->text);
        else
            wrap_printf(out, width, 2, "  %s: %s", r->name, r->text);
    }
    if (d->shows_feedback)
        print_coach(d, out, width);
    display_now_free(d);
}

static void print_score(const Debrief *d, FILE *out, int width)
{
    fputc('\n', out);
    if (!d->ended) {
        fprintf(out, "Debrief of an unfinished playthrough\nScore so far: %d percent.\n", d->percent);
        return;
    }
    wrap_printf(out, width, 0, "Ending: %s. Outcome: %s.", d->ending_title, outcome_name(d->outcome));
    wrap_columns(out, d->ending_text, width, 0, NULL);
    fputs("\nDebrief\n", out);
    wrap_printf(out, width, 0, "Score: %d percent. Grade: %s.", d->percent, d->grade->label);
    if (d->grade->text && *d->grade->text)
        wrap_columns(out, d->grade->text, width, 0, NULL);
}

static void print_skills(const Debrief *d, FILE *out, int width)
{
    fputs("\nSkills\n", out);
    for (int i = 0; i < d->nskills; i++) {
        const DebriefSkill *k = &d->skills[i];
        if (!k->scored)
            wrap_printf(out, width, 4, "  %s: not scored in this playthrough.", k->label);
        else
            wrap_printf(out, width, 4, "  %s: %d of %d %s, %d percent.", k->label, k->earned, k->possible,
                        points_word(k->possible), k->percent);
    }
}

static void print_setbacks(const Debrief *d, FILE *out, int width)
{
    if (!d->setbacks)
        return;
    fputs("\nSetbacks\n", out);
    for (int i = 0; i < d->ndecisions; i++) {
        const DebriefDecision *c = &d->decisions[i];
        if (!c->after_setback)
            continue;
        if (c->skill)
            wrap_printf(out, width, 4, "  After a setback you chose: %s (%d of %d %s).", c->said, c->points,
                        c->possible, points_word(c->possible));
        else
            wrap_printf(out, width, 4, "  After a setback you chose: %s.", c->said);
    }
}

static void print_decision_review(const DebriefDecision *c, FILE *out, int width)
{
    if (c->skill)
        wrap_printf(out, width, 3, "%d. %s: %d of %d %s.", c->number, c->skill, c->points, c->possible,
                    points_word(c->possible));
    else
        fprintf(out, "%d. Unscored.\n", c->number);
    wrap_printf(out, width, 4, "  You said: %s", c->said);
    if (c->best)
        wrap_printf(out, width, 4, "  Best available: %s", c->best);
    if (c->feedback) {
        fputs("  Coach:\n", out);
        wrap_columns(out, c->feedback, width, 4, NULL);
    }
}

/* The debrief of an ended (or unfinished) session. */
static void termplay_debrief(const Session *s, FILE *out, int width)
{
    Debrief *d = display_debrief(s);
    if (!d) {
        fputs("compel run: out of memory writing the debrief\n", stderr);
        return;
    }
    print_score(d, out, width);
    print_skills(d, out, width);
    print_setbacks(d, out, width);
    if (d->ndecisions)
        fputs("\nDecisions\n", out);
    for (int i = 0; i < d->ndecisions; i++)
        print_decision_review(&d->decisions[i], out, width);
    display_debrief_free(d);
}

/* Print the decision just made and, in practice mode, the coach. */
static void print_decision(const Session *s, FILE *out, int width)
{
    if (!out)
        return;
    print_choice_made(s, out, width);
}

/* Why commands[used] cannot apply at the current decision, on stderr. */
static int refuse(const Session *s, const Command *cmds, int used)
{
    int vis[COMPEL_MAX_CHOICES];
    int k = session_visible(s, vis);
    if (cmds[used].kind == COMMAND_CONTINUE)
        fprintf(stderr, "compel run: command %d is \"continue\" but \"%s\" is a decision\n", used + 1,
                session_node(s)->id);
    else
        fprintf(stderr, "compel run: choice %d (number %d in the list) is out of range at decision \"%s\": %d choice%s visible\n",
                cmds[used].choice, used + 1, session_node(s)->id, k, k == 1 ? " is" : "s are");
    return EXIT_INVALID;
}

/* Apply the next command at a decision or a `next` node; a `next` node
 * continues by itself unless the list says so. Returns EXIT_OK to go on. */
static int step(Session *s, const Command *cmds, int n, int *used, FILE *out, int width)
{
    if (session_status(s) == SESSION_READING) {
        if (*used < n && cmds[*used].kind == COMMAND_CONTINUE)
            (*used)++;
        session_continue(s);
        return EXIT_OK;
    }
    if (*used >= n) {
        fprintf(stderr, "compel run: the choice list ran out before an ending (at decision \"%s\", after %d choice%s)\n",
                session_node(s)->id, n, n == 1 ? "" : "s");
        if (out)
            termplay_debrief(s, out, width);
        return EXIT_INCOMPLETE;
    }
    if (session_apply(s, cmds[*used]) != 0)
        return refuse(s, cmds, *used);
    (*used)++;
    print_decision(s, out, width);
    return EXIT_OK;
}

int termplay_scripted(Session *s, const Command *cmds, int n, FILE *out)
{
    int width = cli_width(), used = 0;
    if (out)
        print_briefing(s, out, width);
    while (session_status(s) != SESSION_ENDED) {
        if (out)
            print_node(s, out, width);
        int rc = step(s, cmds, n, &used, out, width);
        if (rc != EXIT_OK)
            return rc;
    }
    if (used < n)
        fprintf(stderr, "compel run: note: an ending was reached after %d choice%s; the remaining %d were ignored\n",
                used, used == 1 ? "" : "s", n - used);
    if (out) {
        print_node(s, out, width);
        termplay_debrief(s, out, width);
    }
    return EXIT_OK;
}

/* One line of input without its newline; NULL at end of input. */
static char *read_line(FILE *in, char **buf, size_t *cap)
{
    ssize_t n = getline(buf, cap, in);
    if (n < 0)
        return NULL;
    while (n > 0 && ((*buf)[n - 1] == '\n' || (*buf)[n - 1] == '\r'))
        (*buf)[--n] = '\0';
    char *p = *buf;
    while (*p == ' ' || *p == '\t')
        p++;
    char *e = p + strlen(p);
    while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = '\0';
    return p;
}

/* Wait until a line can be read from in; meanwhile, when the watched file
 * changes, let r reload it. Returns true when input is ready, false when a
 * reload happened and the screen should be shown again. */
static bool wait_for_input(FILE *in, const TermReload *r, Session **s, FILE *out)
{
    struct pollfd p[2] = {{fileno(in), POLLIN, 0}, {r->fd, POLLIN, 0}};
    for (;;) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return true;
        }
        if ((p[1].revents & POLLIN) && r->reload(r->ctx, s, out))
            return false;
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
            return true;
    }
}

int termplay_interactive(Session *s, FILE *in, FILE *out)
{
    return termplay_watched(&s, in, out, NULL);
}

int termplay_watched(Session **sp, FILE *in, FILE *out, const TermReload *r)
{
    Session *s = *sp;
    int width = cli_width();
    char *buf = NULL;
    size_t cap = 0;
    int rc = EXIT_OK;
    print_briefing(s, out, width);
    bool assessment = session_mode(s) == SESSION_ASSESSMENT;
    bool show = true;
    while (session_status(s) != SESSION_ENDED) {
        if (show)
            print_node(s, out, width);
        show = true;
        bool deciding = session_status(s) == SESSION_DECISION;
        int vis[COMPEL_MAX_CHOICES];
        int k = session_visible(s, vis);
        /* only the keys this mode allows: an assessment has no undo and
         * keeps the inspector shut (inspect_open) */
        char keys[64];
        snprintf(keys, sizeof keys, "%s%sq quit", session_mode(s) == SESSION_PRACTICE ? "u undo, " : "",
                 inspect_open(s) ? "s state, " : "");
        if (deciding)
            fprintf(out, "Choose 1-%d (%s): ", k, keys);
        else
            fprintf(out, "Press Enter to continue (%s): ", keys);
        fflush(out);
        if (r && !wait_for_input(in, r, sp, out)) {
            s = *sp;
            continue;
        }
        char *line = read_line(in, &buf, &cap);
        if (!line) {
            fputc('\n', out);
            wrap_printf(out, width, 0, "End of input: the playthrough was not finished and nothing was saved.");
            rc = EXIT_INCOMPLETE;
            break;
        }
        if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0 || strcmp(line, "quit") == 0) {
            fputs("You left the conversation. Nothing was saved.\n", out);
            free(buf);
            return EXIT_INCOMPLETE;
        }
        if (strcmp(line, "s") == 0 || strcmp(line, "state") == 0) {
            char *text = inspect_text(s);
            fputs(text ? text : "(out of memory)\n", out);
            free(text);
            show = false;
            continue;
        }
        if (strcmp(line, "u") == 0 || strcmp(line, "undo") == 0) {
            if (assessment)
                fputs("Undo is only available in practice mode.\n", out);
            else if (session_undo(s) != 0)
                fputs("Nothing to undo yet.\n", out);
            else
                fputs("Undone. Back to your last decision.\n", out);
            show = true;
            continue;
        }
        if (!deciding) {
            session_apply(s, (Command){COMMAND_CONTINUE, 0});
            continue;
        }
        char *end;
        long x = strtol(line, &end, 10);
        if (*line == '\0' || *end != '\0' || x < 1 || x > k) {
            fprintf(out, "Please type a number from 1 to %d.\n", k);
            show = false;
            continue;
        }
        session_apply(s, (Command){COMMAND_CHOOSE, (int)x});
        print_decision(s, out, width);
    }
    if (session_status(s) == SESSION_ENDED) {
        print_node(s, out, width);
        termplay_debrief(s, out, width);
    }
    free(buf);
    return rc;
}
