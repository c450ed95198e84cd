/* report_text.c - the report as plain text (aligned columns, no colour: a
 * screen reader reads only words) and as RFC 4180 CSV (one header row, one
 * row per player, team and decision; docs/reports.md lists the columns). */
#include "compel/report.h"

#include <stdlib.h>
#include <string.h>

/* ---- text ------------------------------------------------------------------ */

/* Decode the UTF-8 sequence at p into *cp; returns its length (1 for a
 * stray byte, which decodes as itself). */
static int utf8_next(const unsigned char *p, unsigned *cp)
{
    int n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
    unsigned v = n == 1 ? p[0] : p[0] & (0x3Fu >> (n - 1));
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = p[0];
            return 1;
        }
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    *cp = v;
    return n;
}

/* Terminal columns of a code point: 2 for East Asian wide and full-width
 * characters (CJK, Hangul, full-width forms, most emoji), else 1. */
static int cp_width(unsigned c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                   (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                   (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
                   (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD)
               ? 2
               : 1;
}

/* Display width of s in terminal columns. */
static int text_width(const char *s)
{
    int w = 0;
    unsigned c;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += utf8_next(p, &c))
        w += (utf8_next(p, &c), cp_width(c));
    return w;
}

/* Print s in at most max columns: control characters (a newline in a name,
 * an escape sequence) print as spaces, and longer text is cut with "...".
 * Returns the columns printed. */
static int put_text(FILE *out, const char *s, int max)
{
    bool cut = text_width(s) > max;
    int room = cut ? max - 3 : max, w = 0;
    unsigned c;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int n = utf8_next(p, &c), cw = cp_width(c);
        if (w + cw > room)
            break;
        if (c < 0x20 || c == 0x7F)
            fputc(' ', out);
        else
            fwrite(p, 1, (size_t)n, out);
        p += n;
        w += cw;
    }
    if (cut) {
        fputs("...", out);
        w += 3;
    }
    return w;
}

/* Print s in a column of width, padded on the right, or on the left when right. */
static void cell(FILE *out, const char *s, int width, bool right)
{
    int w = text_width(s);
    if (right && w < width)
        fprintf(out, "%*s", width - w, "");
    w = put_text(out, s, width);
    if (!right && w < width)
        fprintf(out, "%*s", width - w, "");
}

static void percent_cell(FILE *out, int v, int width)
{
    char buf[16];
    if (v < 0)
        snprintf(buf, sizeof buf, "-");
    else
        snprintf(buf, sizeof buf, "%d%%", v);
    fputs("  ", out);
    cell(out, buf, width, true);
}

static void score_cell(FILE *out, int percent, const char *grade, int width)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%3d%% %s", percent, grade ? grade : "");
    fputs("  ", out);
    cell(out, buf, width, false);
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

static void text_scenario(FILE *out, const ReportScenario *sc, int misses)
{
    fputc('\n', out);
    put_text(out, sc->title && *sc->title ? sc->title : sc->id, 76);
    fprintf(out, "\n  scenario %s: %d playthrough%s by %d player%s\n", sc->id, sc->playthroughs,
            sc->playthroughs == 1 ? "" : "s", sc->nplayers, sc->nplayers == 1 ? "" : "s");
    int wname = 12, wgrade = 10;
    for (int p = 0; p < sc->nplayers; p++) {
        const ReportPlayer *pl = &sc->players[p];
        wname = max_int(wname, text_width(pl->name));
        wgrade = max_int(wgrade, 5 + text_width(pl->best_grade ? pl->best_grade : ""));
        wgrade = max_int(wgrade, 5 + text_width(pl->last_grade ? pl->last_grade : ""));
    }
    wname = wname > 28 ? 28 : wname;
    wgrade = wgrade > 26 ? 26 : wgrade;
    fputs("  ", out);
    cell(out, "player", wname, false);
    fputs("  attempts  ", out);
    cell(out, "best", wgrade, false);
    fputs("  ", out);
    cell(out, "last", wgrade, false);
    fputs("  outcome", out);
    for (int k = 0; k < sc->nskills; k++) {
        fputs("  ", out);
        cell(out, sc->skills[k].id, max_int(4, text_width(sc->skills[k].id)), true);
    }
    fputc('\n', out);
    for (int p = 0; p < sc->nplayers; p++) {
        const ReportPlayer *pl = &sc->players[p];
        fputs("  ", out);
        cell(out, pl->name, wname, false);
        fprintf(out, "  %8d", pl->attempts);
        score_cell(out, pl->best_percent, pl->best_grade, wgrade);
        score_cell(out, pl->last_percent, pl->last_grade, wgrade);
        fputs("  ", out);
        cell(out, pl->last_outcome ? pl->last_outcome : "-", 7, false);
        for (int k = 0; k < sc->nskills; k++)
            percent_cell(out, report_player_skill(pl, k), max_int(4, text_width(sc->skills[k].id)));
        fputc('\n', out);
    }
    fputs("  ", out);
    cell(out, "team average", wname + 10 + 2 * (wgrade + 2) + 9, false);
    for (int k = 0; k < sc->nskills; k++)
        percent_cell(out, report_team_skill(sc, k), max_int(4, text_width(sc->skills[k].id)));
    fputc('\n', out);
    int shown = 0;
    for (int d = 0; d < sc->ndecisions && shown < misses; d++) {
        const ReportDecision *dc = &sc->decisions[d];
        if (dc->players_below == 0)
            break;   /* sorted: the rest were always answered with a best choice */
        if (shown++ == 0)
            fputs("  decisions most often answered below best:\n", out);
        fprintf(out, "  %2d. ", shown);
        put_text(out, dc->node, 40);
        fprintf(out, " (%s): %d of %d players (%d%%) below best, %d of %d answers\n", dc->skill,
                dc->players_below, dc->players, report_share_below(dc), dc->below, dc->answers);
        if (dc->best_text) {
            fputs("      best: ", out);
            put_text(out, dc->best_text, 66);
            fputc('\n', out);
        }
        const ReportTally *miss = report_top_miss(dc);
        if (miss) {
            fprintf(out, "      instead, %d time%s: ", miss->count, miss->count == 1 ? "" : "s");
            put_text(out, miss->text, 60);
            fputc('\n', out);
        }
    }
    if (shown == 0)
        fputs("  every decision was answered with a best choice\n", out);
}

/* Across scenarios: each learner's and the team's percent per skill, and
 * what each should practise next. */
static void text_rollup(FILE *out, const Report *r)
{
    ReportRollup u;
    if (r->nscenarios == 0 || !report_rollup(r, &u))
        return;
    char line[1200];
    fputs("\nAcross scenarios (each player's last attempt at each scenario)\n", out);
    for (int k = 0; k < u.nskills; k++) {
        fputs("  ", out);
        cell(out, u.skills[k].label, 34, false);
        fputs(" team", out);
        percent_cell(out, u.team[k], 4);
        fputc('\n', out);
    }
    fputs("\nPractise next\n", out);
    report_focus_text(&u, &u.team_next, true, line, sizeof line);
    fputs("  Team: ", out);
    put_text(out, line, 1000);
    fputc('\n', out);
    for (int l = 0; l < u.nlearners; l++) {
        fputs("  ", out);
        put_text(out, u.learners[l].name, 30);
        report_focus_text(&u, &u.learners[l].next, false, line, sizeof line);
        fputs(": ", out);
        put_text(out, line, 1000);
        fputc('\n', out);
    }
    report_rollup_free(&u);
}

void report_write_text(FILE *out, const Report *r, int misses)
{
    fprintf(out, "Compel report: %d playthrough%s, %d scenario%s, %d player%s\n", r->playthroughs,
            r->playthroughs == 1 ? "" : "s", r->nscenarios, r->nscenarios == 1 ? "" : "s", r->players,
            r->players == 1 ? "" : "s");
    fputs("best and last: percent and grade; skills: the last attempt's percent per skill\n", out);
    for (int i = 0; i < r->nscenarios; i++)
        text_scenario(out, &r->scenarios[i], misses);
    text_rollup(out, r);
}

/* ---- CSV ------------------------------------------------------------------- */

/* Write s as one RFC 4180 CSV field (quoted when it holds a comma, quote,
 * CR or LF; quotes doubled). NULL writes an empty field. excel: a cell that
 * starts like a formula is quoted and starts with ' (shown as text). */
static void report_csv_field(FILE *out, const char *s, bool excel)
{
    if (!s)
        return;
    /* a spreadsheet runs a cell that starts with = + - @ (or tab, CR) as a
     * formula: a name like "=HYPERLINK(...)" must stay text */
    bool formula = excel && s[0] && strchr("=+-@\t\r", s[0]);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_int(FILE *out, int v)
{
    if (v >= 0)
        fprintf(out, "%d", v);
}

/* The skill columns: every skill id of every scenario, in order of first
 * appearance (a scenario's row leaves the others empty). */
typedef struct Columns { const char **ids; int n; } Columns;

static int column_of(const Columns *c, const char *id)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->ids[i], id) == 0)
            return i;
    return -1;
}

static Columns csv_columns(const Report *r)
{
    int total = 0;
    for (int i = 0; i < r->nscenarios; i++)
        total += r->scenarios[i].nskills;
    Columns c = {calloc((size_t)total + 1, sizeof(const char *)), 0};
    for (int i = 0; i < r->nscenarios && c.ids; i++)
        for (int k = 0; k < r->scenarios[i].nskills; k++)
            if (column_of(&c, r->scenarios[i].skills[k].id) < 0)
                c.ids[c.n++] = r->scenarios[i].skills[k].id;
    return c;
}

/* The skill cells of a row: value(ctx, k) for the scenario's skill k. */
static void csv_skills(FILE *out, const Columns *c, const ReportScenario *sc,
                       int (*value)(const void *ctx, int k), const void *ctx)
{
    for (int col = 0; col < c->n; col++) {
        fputc(',', out);
        for (int k = 0; k < sc->nskills; k++)
            if (strcmp(sc->skills[k].id, c->ids[col]) == 0)
                csv_int(out, value(ctx, k));
    }
}

static int player_value(const void *ctx, int k)
{
    return report_player_skill(ctx, k);
}

static int team_value(const void *ctx, int k)
{
    return report_team_skill(ctx, k);
}

static int no_value(const void *ctx, int k)
{
    (void)ctx;
    (void)k;
    return -1;
}

/* kind, scenario and title: the first three cells of every row. */
static void csv_head(FILE *out, bool excel, const char *kind, const ReportScenario *sc)
{
    fputs(kind, out);
    fputc(',', out);
    report_csv_field(out, sc->id, excel);
    fputc(',', out);
    report_csv_field(out, sc->title, excel);
}

void report_write_csv(FILE *out, const Report *r, bool excel)
{
    if (excel)
        fputs("\xEF\xBB\xBF", out);   /* the byte-order mark: Excel then reads UTF-8 */
    Columns c = csv_columns(r);
    fputs("kind,scenario,title,player,attempts,best_percent,best_grade,last_percent,last_grade,"
          "last_outcome",
          out);
    for (int i = 0; i < c.n; i++) {
        fputs(",skill_", out);
        report_csv_field(out, c.ids[i], excel);
    }
    fputs(",node,skill,players,players_below_best,share_below_best,answers,answers_below_best,"
          "best_choice,most_common_instead,its_feedback\r\n",
          out);
    static const char empty_decision[] = ",,,,,,,,,,";   /* the ten decision cells */
    for (int i = 0; i < r->nscenarios; i++) {
        const ReportScenario *sc = &r->scenarios[i];
        for (int p = 0; p < sc->nplayers; p++) {
            const ReportPlayer *pl = &sc->players[p];
            csv_head(out, excel, "player", sc);
            fputc(',', out);
            report_csv_field(out, pl->name, excel);
            fprintf(out, ",%d,%d,", pl->attempts, pl->best_percent);
            report_csv_field(out, pl->best_grade, excel);
            fprintf(out, ",%d,", pl->last_percent);
            report_csv_field(out, pl->last_grade, excel);
            fputc(',', out);
            report_csv_field(out, pl->last_outcome, excel);
            csv_skills(out, &c, sc, player_value, pl);
            fprintf(out, "%s\r\n", empty_decision);
        }
        csv_head(out, excel, "team", sc);
        fprintf(out, ",,%d,,,,,", sc->playthroughs);
        csv_skills(out, &c, sc, team_value, sc);
        fprintf(out, "%s\r\n", empty_decision);
        for (int d = 0; d < sc->ndecisions; d++) {
            const ReportDecision *dc = &sc->decisions[d];
            const ReportTally *miss = report_top_miss(dc);
            csv_head(out, excel, "decision", sc);
            fputs(",,,,,,,", out);
            csv_skills(out, &c, sc, no_value, NULL);
            fputc(',', out);
            report_csv_field(out, dc->node, excel);
            fputc(',', out);
            report_csv_field(out, dc->skill, excel);
            fprintf(out, ",%d,%d,%d,%d,%d,", dc->players, dc->players_below, report_share_below(dc),
                    dc->answers, dc->below);
            report_csv_field(out, dc->best_text, excel);
            fputc(',', out);
            report_csv_field(out, miss ? miss->text : NULL, excel);
            fputc(',', out);
            report_csv_field(out, miss ? miss->feedback : NULL, excel);
            fputs("\r\n", out);
        }
    }
    free(c.ids);
}
