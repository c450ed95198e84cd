/* graph_dot.c - the scenario as a Graphviz DOT graph (`compel graph FILE`,
 * and the text graph_layout.c lays out for `graph --svg` and the window's map).
 * Decisions are boxes, next nodes ellipses, routes diamonds, endings double
 * octagons shaded by outcome; setbacks are drawn bold and red and say
 * "SETBACK" in their label, so the mark does not rest on colour alone. */
#include <stdlib.h>
#include <string.h>

#include "compel/graphout.h"

/* Print s as the inside of a DOT double-quoted string, at most max
 * characters (UTF-8 aware), with "..." when cut. */
static void dot_str(FILE *out, const char *s, int max)
{
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > max) {
            fputs("...", out);
            return;
        }
        if (*p == '"' || *p == '\\')
            fputc('\\', out);
        if (*p == '\n' || *p == '\r')
            fputc(' ', out);
        else
            fputc(*p, out);
    }
}

static void cond_text(FILE *out, const Scenario *sc, const Condition *c)
{
    switch (c->kind) {
    case COND_METER:
        fputs(sc->meters[c->ref].id, out);
        if (c->has_min && c->has_max) fprintf(out, " %d..%d", c->min, c->max);
        else if (c->has_min) fprintf(out, " >= %d", c->min);
        else fprintf(out, " <= %d", c->max);
        break;
    case COND_FLAG: fputs(sc->flags[c->ref], out); break;
    case COND_VISITED: fprintf(out, "visited %s", sc->nodes[c->ref].id); break;
    case COND_NOT: fputs("not ", out); cond_text(out, sc, &c->items[0]); break;
    case COND_ALL:
    case COND_ANY:
        fputc('(', out);
        for (int i = 0; i < c->count; i++) {
            if (i) fputs(c->kind == COND_ALL ? " and " : " or ", out);
            cond_text(out, sc, &c->items[i]);
        }
        fputc(')', out);
        break;
    }
}

/* "Name (mood)" of who says a reply (the mood only when the reply gives
 * one: otherwise it is whatever the node shows when played). */
static void who(FILE *out, const Scenario *sc, const Reply *r)
{
    dot_str(out, r->speaker >= 0 ? sc->characters[r->speaker].name : "Narrator", 30);
    if (r->mood_given)
        fprintf(out, " (%s)", mood_name(r->mood));
}

/* The node's other wordings, as a tooltip: "if COND: text" per variant. */
static void variants_tooltip(FILE *out, const Scenario *sc, const Node *n)
{
    fputs(", tooltip=\"", out);
    for (int v = 0; v < n->nvariants; v++) {
        fputs(v ? "\\n" : "", out);
        fputs("if ", out);
        cond_text(out, sc, n->variants[v].when);
        fputs(": ", out);
        if (n->variants[v].mood_given)
            fprintf(out, "(%s) ", mood_name(n->variants[v].mood));
        dot_str(out, n->variants[v].text, 120);
    }
    for (int v = 0; v < n->nending_variants; v++) {
        fputs(v ? "\\n" : "", out);
        fputs("if ", out);
        cond_text(out, sc, n->ending_variants[v].when);
        fputs(": ", out);
        if (n->ending_variants[v].title) {
            dot_str(out, n->ending_variants[v].title, 40);
            fputs(". ", out);
        }
        dot_str(out, n->ending_variants[v].text, 120);
    }
    fputc('"', out);
}

static void node_line(FILE *out, const Scenario *sc, int i)
{
    const Node *n = &sc->nodes[i];
    static const char *const shape[] = {"box", "ellipse", "diamond", "doubleoctagon"};
    fprintf(out, "  \"%s\" [shape=%s, label=\"", n->id, shape[n->kind]);
    if (n->setback)
        fputs("SETBACK\\n", out);
    dot_str(out, n->id, 40);
    if (n->kind == NODE_CHOICES && n->skill >= 0)
        fprintf(out, "\\n[%s]", sc->skills[n->skill].id);
    if (n->speaker >= 0) {
        fputs("\\n", out);
        dot_str(out, sc->characters[n->speaker].name, 30);
    }
    if (n->kind == NODE_ENDING) {
        fprintf(out, "\\n%s: ", outcome_name(n->outcome));
        dot_str(out, n->ending_title, 30);
    }
    int nvar = n->nvariants + n->nending_variants;
    if (nvar)
        fprintf(out, "\\n+%d variant%s", nvar, nvar == 1 ? "" : "s");
    fputc('"', out);
    if (nvar)
        variants_tooltip(out, sc, n);
    if (n->kind == NODE_CHOICES)
        fputs(", style=rounded", out);
    if (n->kind == NODE_ENDING) {
        static const char *const fill[] = {"#c8ecd0", "#f6cfcf", "#e4e4e4"};
        fprintf(out, ", style=filled, fillcolor=\"%s\"", fill[n->outcome]);
    }
    if (n->setback)
        fputs(", color=\"#c62828\", penwidth=3, fontcolor=\"#8e0000\"", out);
    if (i == sc->start)
        fputs(", peripheries=2", out);
    fputs("];\n", out);
}

void graph_write_dot(FILE *out, const Scenario *sc)
{
    fputs("digraph \"", out);
    dot_str(out, sc->id, 64);
    fputs("\" {\n  graph [rankdir=TB, fontname=\"DejaVu Sans\", label=\"", out);
    dot_str(out, sc->title, 80);
    fputs("\", labelloc=t];\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n"
          "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n"
          "  \"__start\" [shape=point, width=0.15, label=\"\"];\n", out);
    fprintf(out, "  \"__start\" -> \"%s\";\n", sc->nodes[sc->start].id);
    for (int i = 0; i < sc->nnodes; i++)
        node_line(out, sc, i);
    for (int i = 0; i < sc->nnodes; i++) {
        const Node *n = &sc->nodes[i];
        if (n->kind == NODE_CHOICES) {
            for (int k = 0; k < n->nchoices; k++) {
                const Choice *c = &n->choices[k];
                fprintf(out, "  \"%s\" -> \"%s\" [label=\"%d. ", n->id, sc->nodes[c->next].id, k + 1);
                dot_str(out, c->text, 32);
                if (n->skill >= 0)
                    fprintf(out, " (%+d)", c->points);
                if (c->once)
                    fputs(" [once]", out);
                if (c->when) {
                    fputs(" [if ", out);
                    cond_text(out, sc, c->when);
                    fputc(']', out);
                }
                fputc('"', out);
                if (c->reply) {
                    /* the reply, when hovering the edge or its label */
                    static const char *const attrs[] = {"tooltip", "labeltooltip"};
                    for (int a = 0; a < 2; a++) {
                        fprintf(out, ", %s=\"", attrs[a]);
                        who(out, sc, c->reply);
                        fputs(": ", out);
                        dot_str(out, c->reply->text, 200);
                        fputc('"', out);
                    }
                }
                fputs("];\n", out);
            }
        } else if (n->kind == NODE_NEXT) {
            fprintf(out, "  \"%s\" -> \"%s\";\n", n->id, sc->nodes[n->next].id);
        } else if (n->kind == NODE_ROUTE) {
            for (int k = 0; k < n->nroute; k++) {
                const RouteEntry *r = &n->route[k];
                fprintf(out, "  \"%s\" -> \"%s\" [style=dashed, label=\"", n->id, sc->nodes[r->next].id);
                if (r->when) {
                    fputs("if ", out);
                    cond_text(out, sc, r->when);
                }
                if (r->chance > 0)
                    fprintf(out, "%s%g%%", r->when ? ", " : "", r->chance * 100.0);
                if (!r->when && r->chance <= 0)
                    fputs("otherwise", out);
                fputs("\"];\n", out);
            }
        }
    }
    fputs("}\n", out);
}
