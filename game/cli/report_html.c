/* report_html.c - the report as one self-contained HTML page: inline CSS
 * and inline SVG charts, no script, no fonts, no network. Charts: the spread
 * of scores per scenario, a player x skill heat map, per-skill bars per
 * player, and the most-missed decisions with the best answer, the answer
 * given instead and the coach's feedback. It reads on a phone (fluid grid,
 * SVGs scale to their box) and prints (@media print). */
#include "compel/report.h"

#include <stdlib.h>
#include <string.h>

/* Okabe-Ito colours: told apart with every common colour-vision deficiency. */
static const char *const skill_colors[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                           "#56B4E9", "#D55E00", "#000000", "#F0E442"};

static const char style[] =
    ":root{--ink:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7fa;--card:#fff;--accent:#0072B2}"
    "*{box-sizing:border-box}"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "color:var(--ink);background:var(--bg)}"
    "header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}"
    "header{padding-top:20px}h1{font-size:1.6em;margin:0 0 4px}"
    "h2{font-size:1.25em;margin:0 0 4px}h3{font-size:1.05em;margin:18px 0 8px}"
    ".meta{color:var(--muted);margin:0 0 12px}.id{color:var(--muted);font-weight:normal;font-size:.8em}"
    "section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px;margin:16px 0}"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}"
    "figure{margin:0}figcaption{color:var(--muted);font-size:.85em;margin-top:4px}"
    "svg{max-width:100%;height:auto;display:block}svg text{font-family:inherit}"
    ".fit{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-align:right;font-size:13px}"
    ".fit.tm{font-weight:700}"
    "td.who{max-width:14em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}"
    ".key{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}"
    "section.learner{break-before:page}"
    "td.heat{font-weight:600;min-width:4.5em}tr.team td{font-weight:700}.lead{font-size:1.05em}"
    ".wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9em}"
    "th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "ol.misses{padding-left:1.4em;margin:0}ol.misses li{margin:0 0 14px}"
    ".share{display:block;height:8px;background:#e8ebf1;border-radius:4px;max-width:420px;margin:4px 0}"
    ".share span{display:block;height:100%;background:#D55E00;border-radius:4px}"
    ".quote{margin:2px 0}.coach{margin:4px 0 0;padding:6px 10px;border-left:3px solid var(--accent);"
    "background:#eef5fb;border-radius:0 6px 6px 0}"
    "footer{color:var(--muted);font-size:.85em;padding-bottom:24px}"
    "@media (max-width:600px){body{font-size:14px}section{padding:12px;border-radius:0;margin:10px -16px}"
    "th,td{padding:4px 5px}}"
    "@media print{body{background:#fff;font-size:11pt}section{border:0;padding:0;margin:0 0 14pt;"
    "break-inside:auto}figure,ol.misses li,tr{break-inside:avoid}.wrap{overflow:visible}"
    "h2,h3{break-after:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "@page{margin:14mm}}";

/* Text as HTML: the five special characters escaped, control characters
 * (other than tab and newline) as spaces, and at most max code points
 * (max < 0: all), the rest cut with an ellipsis. */
static void esc_n(FILE *out, const char *s, int max)
{
    if (!s)
        return;
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && max >= 0 && n++ == max) {
            fputs("\xE2\x80\xA6", out);   /* an ellipsis */
            return;
        }
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p < 0x20 && *p != '\t' && *p != '\n' ? ' ' : *p, out);
        }
    }
}

static void esc(FILE *out, const char *s)
{
    esc_n(out, s, -1);
}

/* An SVG text element, cut to max code points, the full text as a tooltip. */
static void svg_label(FILE *out, int x, int y, const char *anchor, const char *cls, const char *s, int max)
{
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" class=\"%s\"><title>", x, y, anchor, cls);
    esc(out, s);
    fputs("</title>", out);
    esc_n(out, s, max);
    fputs("</text>", out);
}

/* A name at the left of a chart row, right-aligned to x within the width
 * w: an HTML box inside the SVG whose overflow the browser cuts with an
 * ellipsis between whole letters (a name is never cut by a count of code
 * points, which wide letters would push past the chart's left edge). */
static void svg_name(FILE *out, int x, int y, int w, int h, const char *cls, const char *s)
{
    fprintf(out, "<foreignObject x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><div class=\"fit %s\" "
                 "style=\"line-height:%dpx\" title=\"",
            x - w, y, w, h, cls, h);
    esc(out, s);
    fputs("\">", out);
    esc(out, s);
    fputs("</div></foreignObject>", out);
}

/* A centred SVG label on up to two lines of about max code points each,
 * broken at a space (the second line cut with an ellipsis), full text as a
 * tooltip. */
static void svg_label2(FILE *out, int x, int y, const char *cls, const char *s, int max)
{
    int n = 0, brk = -1;
    size_t cut = 0;
    for (size_t i = 0; s[i]; i++) {
        if ((s[i] & 0xC0) == 0x80)
            continue;
        if (s[i] == ' ' && n <= max)
            brk = (int)i;
        if (++n > max && !cut)
            cut = i;
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"%s\"><title>", x, y, cls);
    esc(out, s);
    fputs("</title>", out);
    if (!cut || brk < 0) {
        esc_n(out, s, max);
    } else {
        char *first = strndup(s, (size_t)brk);
        if (first) {
            esc(out, first);
            fprintf(out, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"%s\">", x, y + 14, cls);
            free(first);
        }
        esc_n(out, s + brk + 1, max);
    }
    fputs("</text>", out);
}

/* A cell colour on a light-to-dark blue scale, and a text colour that reads on it. */
static void heat_color(int v, char fill[8], const char **ink)
{
    static const unsigned char lo[3] = {0xEE, 0xF4, 0xFB}, hi[3] = {0x08, 0x3D, 0x77};
    unsigned char c[3];
    for (int i = 0; i < 3; i++)
        c[i] = (unsigned char)(lo[i] + (hi[i] - lo[i]) * v / 100);
    snprintf(fill, 8, "#%02X%02X%02X", c[0], c[1], c[2]);
    *ink = v >= 55 ? "#fff" : "#1d2330";
}

/* ---- the spread of scores, one row per scenario -------------------------- */

/* The chart's geometry: a label line above each row, the bars and the box
 * below it, narrow enough to read on a phone. */
enum { SPREAD_X0 = 12, SPREAD_W = 460, SPREAD_FULL = 560, SPREAD_ROW = 84, SPREAD_H = 34 };

static void box_row(FILE *out, const ReportScenario *sc, int y)
{
    enum { X0 = SPREAD_X0, W = SPREAD_W, H = SPREAD_H };
    int bins[20] = {0}, top = 1;
    for (int v = 0; v <= 100; v++)
        bins[v == 100 ? 19 : v / 5] += sc->histogram[v];
    for (int b = 0; b < 20; b++)
        top = bins[b] > top ? bins[b] : top;
    svg_label(out, X0, y + 14, "start", "lab", sc->title && *sc->title ? sc->title : sc->id, 48);
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"sub\">%d playthrough%s</text>",
            SPREAD_FULL - 4, y + 14, sc->playthroughs, sc->playthroughs == 1 ? "" : "s");
    y += 20;
    for (int b = 0; b < 20; b++) {
        if (!bins[b])
            continue;
        int h = (H * bins[b] + top - 1) / top;
        fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#9ecae1\">"
                     "<title>%d-%d%%: %d</title></rect>",
                X0 + b * W / 20 + 1, y + H - h, W / 20 - 2, h, b * 5, b == 19 ? 100 : b * 5 + 4, bins[b]);
    }
    int q0 = report_percentile(sc, 0), q1 = report_percentile(sc, 0.25),
        q2 = report_percentile(sc, 0.5), q3 = report_percentile(sc, 0.75), q4 = report_percentile(sc, 1);
    int by = y + H + 10;
    fprintf(out, "<g class=\"box\"><title>lowest %d%%, quartiles %d%% / %d%% / %d%%, highest %d%%</title>"
                 "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                 "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"10\"/>"
                 "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"med\"/></g>",
            q0, q1, q2, q3, q4, X0 + q0 * W / 100, by, X0 + q4 * W / 100, by, X0 + q1 * W / 100, by - 5,
            (q3 - q1) * W / 100 > 1 ? (q3 - q1) * W / 100 : 1, X0 + q2 * W / 100, by - 7, X0 + q2 * W / 100,
            by + 7);
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"val\">median</text>"
                 "<text x=\"%d\" y=\"%d\" class=\"lab\">%d%%</text>",
            X0 + W + 12, y + H - 8, X0 + W + 12, by + 5, q2);
}

static void html_spread(FILE *out, const Report *r)
{
    int h = r->nscenarios * SPREAD_ROW + 30;
    fprintf(out, "<figure><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                 "aria-label=\"Spread of scores per scenario\"><style>.lab{font-size:14px;font-weight:600}"
                 ".sub,.val,.tick{font-size:12px;fill:#5b6475}.box line{stroke:#1d2330;stroke-width:1.5}"
                 ".box rect{fill:#fff;stroke:#1d2330;stroke-width:1.5}.box .med{stroke:#D55E00;"
                 "stroke-width:3}</style>",
            SPREAD_FULL, h, SPREAD_FULL, h);
    for (int i = 0; i < r->nscenarios; i++)
        box_row(out, &r->scenarios[i], 4 + i * SPREAD_ROW);
    int axis = r->nscenarios * SPREAD_ROW + 6, x0 = SPREAD_X0, w = SPREAD_W;
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa3b2\"/>", x0, axis, x0 + w,
            axis);
    for (int t = 0; t <= 100; t += 20)
        fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa3b2\"/>"
                     "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%d%%</text>",
                x0 + t * w / 100, axis, x0 + t * w / 100, axis + 4, x0 + t * w / 100, axis + 18, t);
    fputs("</svg><figcaption>Every playthrough's score, in 5-point bins; below, the lowest and highest "
          "score, the middle half (box) and the median (orange).</figcaption></figure>",
          out);
}

/* ---- per scenario ----------------------------------------------------------- */

static void html_heatmap(FILE *out, const ReportScenario *sc)
{
    enum { NAME = 150, CW = 92, CH = 28, HEAD = 44 };
    int w = NAME + CW * (sc->nskills ? sc->nskills : 1), h = HEAD + CH * (sc->nplayers + 1) + 6;
    fprintf(out, "<figure><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                 "aria-label=\"Skill by player\">"
                 "<style>.hh{font-size:12px;fill:#5b6475}.nm{font-size:13px}.cv{font-size:13px;"
                 "font-weight:600}.tm{font-size:13px;font-weight:700}</style>",
            w, h, w, h);
    for (int k = 0; k < sc->nskills; k++)
        svg_label2(out, NAME + CW * k + CW / 2, HEAD - 22, "hh", sc->skills[k].label, 13);
    for (int p = 0; p <= sc->nplayers; p++) {
        bool team = p == sc->nplayers;
        int y = HEAD + CH * p + (team ? 6 : 0);
        svg_name(out, NAME - 8, y, NAME - 12, CH, team ? "tm" : "nm", team ? "Team average" : sc->players[p].name);
        for (int k = 0; k < sc->nskills; k++) {
            int v = team ? report_team_skill(sc, k) : report_player_skill(&sc->players[p], k);
            char fill[8] = "#EEF0F3";
            const char *ink = "#5b6475";
            if (v >= 0)
                heat_color(v, fill, &ink);
            fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" rx=\"3\"/>",
                    NAME + CW * k + 1, y + 1, CW - 2, CH - 2, fill);
            if (v >= 0)
                fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"cv\" fill=\"%s\">%d%%</text>",
                        NAME + CW * k + CW / 2, y + CH / 2 + 5, ink, v);
            else
                fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"cv\" fill=\"%s\">"
                             "n/a</text>",
                        NAME + CW * k + CW / 2, y + CH / 2 + 5, ink);
        }
    }
    fputs("</svg><figcaption>Player &times; skill: each player's last attempt (darker is better; n/a: "
          "nothing to score on that skill).</figcaption></figure>",
          out);
}

static void html_bars(FILE *out, const ReportScenario *sc)
{
    enum { NAME = 150, W = 360, BAR = 11, GAP = 2, GROUP = 12, FULL = NAME + W + 40 };
    int cols = sc->nskills < 2 ? 1 : 2;
    int legend = 10 + 18 * ((sc->nskills + 1) / 2);   /* the legend: two skills a row */
    int per = sc->nskills * (BAR + GAP) + GROUP;
    int h = legend + sc->nplayers * per + 22;
    fprintf(out, "<figure><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                 "aria-label=\"Skills per player\">"
                 "<style>.nm{font-size:13px}.lg,.bv,.tick{font-size:11px;fill:#5b6475}</style>",
            FULL, h, FULL, h);
    for (int k = 0; k < sc->nskills; k++) {
        int lx = (k % 2) * FULL / cols, ly = 4 + (k / 2) * 18;
        fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", lx, ly,
                skill_colors[k % 8]);
        svg_label(out, lx + 14, ly + 9, "start", "lg", sc->skills[k].label, 60 / cols);
    }
    for (int p = 0; p < sc->nplayers; p++) {
        const ReportPlayer *pl = &sc->players[p];
        int y = legend + p * per;
        svg_name(out, NAME - 8, y, NAME - 12, sc->nskills * (BAR + GAP), "nm", pl->name);
        for (int k = 0; k < sc->nskills; k++) {
            int v = report_player_skill(pl, k), by = y + k * (BAR + GAP);
            fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#EEF0F3\"/>", NAME, by, W,
                    BAR);
            if (v > 0)
                fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%d%%</title>"
                             "</rect>",
                        NAME, by, v * W / 100, BAR, skill_colors[k % 8], v);
            if (v >= 0)
                fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"bv\">%d%%</text>", NAME + W + 4, by + BAR - 1, v);
            else
                fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"bv\">n/a</text>", NAME + W + 4, by + BAR - 1);
        }
    }
    int axis = legend + sc->nplayers * per + 2;
    for (int t = 0; t <= 100; t += 25)
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%d%%</text>",
                NAME + t * W / 100, axis + 12, t);
    fputs("</svg><figcaption>Each player's percent per skill, last attempt.</figcaption></figure>", out);
}

static void html_players(FILE *out, const ReportScenario *sc)
{
    fputs("<div class=\"wrap\"><table><thead><tr><th>Player</th><th class=\"n\">Attempts</th>"
          "<th>Best</th><th>Last</th><th>Outcome</th></tr></thead><tbody>",
          out);
    for (int p = 0; p < sc->nplayers; p++) {
        const ReportPlayer *pl = &sc->players[p];
        fputs("<tr><td>", out);
        esc(out, pl->name);
        fprintf(out, "</td><td class=\"n\">%d</td><td>%d%% ", pl->attempts, pl->best_percent);
        esc(out, pl->best_grade);
        fprintf(out, "</td><td>%d%% ", pl->last_percent);
        esc(out, pl->last_grade);
        fputs("</td><td>", out);
        esc(out, pl->last_outcome ? pl->last_outcome : "not finished");
        fputs("</td></tr>", out);
    }
    fputs("</tbody></table></div>", out);
}

static void html_quote(FILE *out, const char *label, const char *text)
{
    fprintf(out, "<p class=\"quote\"><b>%s</b> \xE2\x80\x9C", label);
    esc(out, text);
    fputs("\xE2\x80\x9D</p>", out);
}

static void html_misses(FILE *out, const ReportScenario *sc, int misses)
{
    fputs("<h3>Most-missed decisions</h3>", out);
    int shown = 0;
    for (int d = 0; d < sc->ndecisions && shown < misses; d++) {
        const ReportDecision *dc = &sc->decisions[d];
        if (dc->players_below == 0)
            break;
        if (shown++ == 0)
            fputs("<ol class=\"misses\">", out);
        int share = report_share_below(dc);
        fputs("<li><div><code>", out);
        esc(out, dc->node);
        fputs("</code> &middot; ", out);
        esc(out, dc->skill);
        fprintf(out, " &middot; <strong>%d%%</strong> of players (%d of %d) answered below best "
                     "(%d of %d answers)</div><span class=\"share\"><span style=\"width:%d%%\"></span></span>",
                share, dc->players_below, dc->players, dc->below, dc->answers, share);
        if (dc->best_text)
            html_quote(out, "Best answer:", dc->best_text);
        const ReportTally *miss = report_top_miss(dc);
        if (miss) {
            char label[64];
            snprintf(label, sizeof label, "Most often instead (%d&times;):", miss->count);
            html_quote(out, label, miss->text);
            if (miss->feedback && *miss->feedback) {
                fputs("<p class=\"coach\"><b>Coach:</b> ", out);
                esc(out, miss->feedback);
                fputs("</p>", out);
            }
        }
        fputs("</li>", out);
    }
    fputs(shown ? "</ol>" : "<p class=\"meta\">Every decision was answered with a best choice.</p>", out);
}

static void html_scenario(FILE *out, const ReportScenario *sc, int misses)
{
    fputs("<section><h2>", out);
    esc(out, sc->title && *sc->title ? sc->title : sc->id);
    fputs(" <span class=\"id\">", out);
    esc(out, sc->id);
    fprintf(out, "</span></h2><p class=\"meta\">%d playthrough%s by %d player%s &middot; median %d%%</p>",
            sc->playthroughs, sc->playthroughs == 1 ? "" : "s", sc->nplayers, sc->nplayers == 1 ? "" : "s",
            report_percentile(sc, 0.5));
    fputs("<div class=\"charts\">", out);
    html_heatmap(out, sc);
    html_bars(out, sc);
    fputs("</div>", out);
    html_players(out, sc);
    html_misses(out, sc, misses);
    fputs("</section>", out);
}

/* ---- across scenarios: practise next and the roll-up -------------------------- */

static void html_cell(FILE *out, int v)
{
    char fill[8] = "#EEF0F3";
    const char *ink = "#5b6475";
    if (v >= 0)
        heat_color(v, fill, &ink);
    fprintf(out, "<td class=\"n heat\" style=\"background:%s;color:%s\">", fill, ink);
    if (v >= 0)
        fprintf(out, "%d%%</td>", v);
    else
        fputs("n/a</td>", out);
}

/* A row's first cell: the name, cut by CSS with its full text as a tooltip. */
static void name_cell(FILE *out, const char *name)
{
    fputs("<tr><td class=\"who\" title=\"", out);
    esc(out, name);
    fputs("\">", out);
    esc(out, name);
    fputs("</td>", out);
}

static void html_learners(FILE *out, const Report *r, const ReportRollup *u);

static void html_rollup(FILE *out, const Report *r)
{
    ReportRollup u;
    if (r->nscenarios == 0 || !report_rollup(r, &u))
        return;
    char line[1200];
    fputs("<section id=\"next\"><h2>Practise next</h2><p class=\"lead\"><b>The team:</b> ", out);
    report_focus_text(&u, &u.team_next, true, line, sizeof line);
    esc(out, line);
    fputs("</p><div class=\"wrap\"><table class=\"next\"><thead><tr><th>Player</th><th>Practise next</th>"
          "</tr></thead><tbody>",
          out);
    for (int l = 0; l < u.nlearners; l++) {
        name_cell(out, u.learners[l].name);
        fputs("<td>", out);
        report_focus_text(&u, &u.learners[l].next, false, line, sizeof line);
        esc(out, line);
        fputs("</td></tr>", out);
    }
    fputs("</tbody></table></div><p class=\"meta\">The weakest skill over each player's last attempt at each "
          "scenario, the scenario with the most points on it, and the decisions on it answered below best "
          "most often.</p></section>\n",
          out);
    fputs("<section id=\"rollup\"><h2>Across scenarios</h2><div class=\"wrap\"><table class=\"rollup\"><thead><tr>"
          "<th>Player</th>",
          out);
    for (int k = 0; k < u.nskills; k++) {
        fputs("<th class=\"n\">", out);
        esc(out, u.skills[k].label);
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>", out);
    for (int l = 0; l < u.nlearners; l++) {
        name_cell(out, u.learners[l].name);
        for (int k = 0; k < u.nskills; k++)
            html_cell(out, u.learners[l].percent[k]);
        fputs("</tr>", out);
    }
    fputs("<tr class=\"team\"><td class=\"who\">Team average</td>", out);
    for (int k = 0; k < u.nskills; k++)
        html_cell(out, u.team[k]);
    fputs("</tr></tbody></table></div><p class=\"meta\">Each player's percent per skill over their last "
          "attempt at every scenario that scores it; the team's is the mean of the players'.</p></section>\n",
          out);
    report_rollup_free(&u);
}

/* The learners' pages, after the scenarios. */
static void html_learner_pages(FILE *out, const Report *r)
{
    ReportRollup u;
    if (r->nscenarios == 0 || !report_rollup(r, &u))
        return;
    html_learners(out, r, &u);
    report_rollup_free(&u);
}

/* ---- a page per learner: attempts over time, a trend per skill ------------------ */

static int rollup_skill(const ReportRollup *u, const char *id)
{
    for (int k = 0; k < u->nskills; k++)
        if (strcmp(u->skills[k].id, id) == 0)
            return k;
    return -1;
}

/* The learner's percent on roll-up skill k in attempt a, or -1. */
static int attempt_skill(const ReportRollup *u, const ReportAttempt *a, int k)
{
    for (int i = 0; i < a->nskills; i++)
        if (a->skills[i].possible > 0 && rollup_skill(u, a->skills[i].id) == k)
            return compel_percent(a->skills[i].earned, a->skills[i].possible);
    return -1;
}

static void html_trend(FILE *out, const Report *r, const ReportRollup *u, const char *who, int n)
{
    enum { W = 640, H = 200, X0 = 44, Y0 = 12, PW = W - X0 - 16, PH = H - Y0 - 30 };
    fprintf(out, "<figure><svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                 "aria-label=\"Skill trend over attempts\"><style>.ax{font-size:11px;fill:#5b6475}"
                 ".gl{stroke:#e3e6ec}</style>",
            W, H, W, H);
    for (int t = 0; t <= 100; t += 25) {
        int y = Y0 + PH - t * PH / 100;
        fprintf(out, "<line class=\"gl\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/><text class=\"ax\" x=\"%d\" "
                     "y=\"%d\" text-anchor=\"end\">%d%%</text>",
                X0, y, X0 + PW, y, X0 - 6, y + 4, t);
    }
    fprintf(out, "<text class=\"ax\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">attempts, oldest first (%d)</text>",
            X0 + PW / 2, H - 4, n);
    int *xs = calloc((size_t)n + 1, sizeof *xs), *ys = calloc((size_t)n + 1, sizeof *ys);
    for (int k = 0; xs && ys && k < u->nskills; k++) {
        int i = 0, m = 0;   /* i: the learner's attempt; m: points on skill k */
        for (int a = 0; a < r->nattempts && i < n; a++) {
            if (strcmp(r->attempts[a].who, who) != 0)
                continue;
            int v = attempt_skill(u, &r->attempts[a], k), x = X0 + (n > 1 ? i * PW / (n - 1) : PW / 2);
            i++;
            if (v >= 0) {
                xs[m] = x;
                ys[m++] = v;
            }
        }
        fprintf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", skill_colors[k % 8]);
        for (int j = 0; j < m; j++)
            fprintf(out, "%s%d,%d", j ? " " : "", xs[j], Y0 + PH - ys[j] * PH / 100);
        fputs("\"/>", out);
        for (int j = 0; j < m; j++) {
            fprintf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\"><title>", xs[j], Y0 + PH - ys[j] * PH / 100,
                    skill_colors[k % 8]);
            esc(out, u->skills[k].label);
            fprintf(out, ": %d%%</title></circle>", ys[j]);
        }
    }
    free(xs);
    free(ys);
    fputs("</svg><figcaption>", out);
    for (int k = 0; k < u->nskills; k++) {
        fprintf(out, "<span class=\"key\" style=\"background:%s\"></span>", skill_colors[k % 8]);
        esc(out, u->skills[k].label);
        fputs(k + 1 < u->nskills ? " &nbsp; " : "", out);
    }
    fputs("</figcaption></figure>", out);
}

static void html_learners(FILE *out, const Report *r, const ReportRollup *u)
{
    for (int l = 0; l < u->nlearners; l++) {
        const ReportLearner *ln = &u->learners[l];
        int n = 0;
        for (int a = 0; a < r->nattempts; a++)
            n += strcmp(r->attempts[a].who, ln->who) == 0;
        fprintf(out, "<section class=\"learner\" id=\"learner-%d\"><h2>", l + 1);
        esc(out, ln->name);
        fprintf(out, " <span class=\"meta\">%d attempt%s</span></h2><p><b>Practise next:</b> ", n, n == 1 ? "" : "s");
        char line[1200];
        report_focus_text(u, &ln->next, false, line, sizeof line);
        esc(out, line);
        fputs("</p>", out);
        html_trend(out, r, u, ln->who, n);
        fputs("<div class=\"wrap\"><table><thead><tr><th>Finished (UTC)</th><th>Scenario</th><th class=\"n\">Score</th>"
              "<th>Grade</th></tr></thead><tbody>",
              out);
        for (int a = 0; a < r->nattempts; a++) {
            const ReportAttempt *at = &r->attempts[a];
            if (strcmp(at->who, ln->who) != 0)
                continue;
            char when[32];
            snprintf(when, sizeof when, "%.16s", at->finished);
            if (when[10] == 'T')
                when[10] = ' ';
            fputs("<tr><td>", out);
            esc(out, when);
            fputs("</td><td>", out);
            esc(out, at->scenario);
            fprintf(out, "</td><td class=\"n\">%d%%</td><td>", at->percent);
            esc(out, at->grade);
            fputs("</td></tr>", out);
        }
        fputs("</tbody></table></div></section>\n", out);
    }
}

void report_write_html(FILE *out, const Report *r, const char *generated, int misses)
{
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                 "<title>Compel report</title><style>%s</style></head><body>\n",
            style);
    fprintf(out, "<header><h1>Compel report</h1><p class=\"meta\">%d playthrough%s &middot; %d scenario%s "
                 "&middot; %d player%s &middot; generated ",
            r->playthroughs, r->playthroughs == 1 ? "" : "s", r->nscenarios, r->nscenarios == 1 ? "" : "s",
            r->players, r->players == 1 ? "" : "s");
    esc(out, generated);
    fputs("</p></header>\n<main>", out);
    if (r->nscenarios > 0) {
        html_rollup(out, r);
        fputs("<section><h2>Scores by scenario</h2>", out);
        html_spread(out, r);
        fputs("</section>\n", out);
    } else {
        fputs("<section><p>No playthroughs to report.</p></section>", out);
    }
    for (int i = 0; i < r->nscenarios; i++) {
        html_scenario(out, &r->scenarios[i], misses);
        fputc('\n', out);
    }
    html_learner_pages(out, r);
    fputs("</main><footer><p>Best and last: the highest score and the score of the latest attempt, with "
          "their grades. Skill figures are the latest attempt's. A decision is answered below best when "
          "the choice scored less than the best choice visible at that moment. Made by <code>compel "
          "report</code>.</p></footer>\n</body></html>\n",
          out);
}
