/* loader_nodes.c - nodes: choices, next, routes and endings, with the
 * per-node rules of the format. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compel/jsoncheck.h"
#include "loader_internal.h"

/* ---- nodes ------------------------------------------------------------- */

/* Each object's fields are gathered in one pass (load_fields), in the
 * order of these lists; the enums name the slots. */
static const char *const NODE_KEYS[] = {"id", "speaker", "text", "mood", "variants", "setback", "effects",
                                        "skill", "choices", "next", "route", "ending"};
enum { N_ID, N_SPEAKER, N_TEXT, N_MOOD, N_VARIANTS, N_SETBACK, N_EFFECTS, N_SKILL, N_CHOICES, N_NEXT, N_ROUTE,
       N_ENDING, N_KEYS };
static const char *const CHOICE_KEYS[] = {"id", "text", "next", "points", "feedback", "effects",
                                          "set", "clear", "when", "once", "reply"};
enum { C_ID, C_TEXT, C_NEXT, C_POINTS, C_FEEDBACK, C_EFFECTS, C_SET, C_CLEAR, C_WHEN, C_ONCE, C_REPLY,
       C_KEYS };
static const char *const ROUTE_KEYS[] = {"when", "chance", "next"};
enum { R_WHEN, R_CHANCE, R_NEXT, R_KEYS };
static const char *const ENDING_KEYS[] = {"outcome", "title", "text", "variants"};
enum { E_OUTCOME, E_TITLE, E_TEXT, E_VARIANTS, E_KEYS };
static const char *const REPLY_KEYS[] = {"speaker", "text", "mood"};
enum { P_SPEAKER, P_TEXT, P_MOOD, P_KEYS };
/* A node's variant has when, text, mood; an ending's has when, title, text. */
static const char *const VARIANT_KEYS[] = {"when", "text", "mood"};
static const char *const ENDING_VARIANT_KEYS[] = {"when", "text", "title"};
enum { V_WHEN, V_TEXT, V_MOOD_OR_TITLE, V_KEYS };

/* A speaker id: -1 for "narrator", else the character's index (-1 with an
 * error when there is none by that name). */
static int resolve_speaker(Loader *L, const char *id, const char *key)
{
    if (strcmp(id, "narrator") == 0)
        return -1;
    return load_resolve(L, &L->char_ids, L->sc->characters, sizeof(Character), L->sc->ncharacters, id, key,
                        "character");
}

/* "reply": a string, or {speaker?, text, mood?}; the defaults come from the node. */
static const Reply *parse_reply(Loader *L, const Node *node, const cJSON *v)
{
    Reply *r = load_alloc(L, sizeof *r);
    if (!r)
        return NULL;
    r->speaker = node->speaker;
    r->mood = node->mood;
    if (cJSON_IsString(v)) {
        r->text = load_text(L, v, "reply", true, "what the other side says back");
    } else if (cJSON_IsObject(v)) {
        size_t o = load_push_key(L, "reply");
        const cJSON *f[P_KEYS];
        load_fields(L, v, REPLY_KEYS, P_KEYS, f);
        const char *sp = load_str(L, f[P_SPEAKER], "speaker", false, "");
        if (sp)
            r->speaker = resolve_speaker(L, sp, "speaker");
        r->text = load_text(L, f[P_TEXT], "text", true, "what the other side says back");
        r->mood_given = load_mood(L, f[P_MOOD], "mood", &r->mood);
        load_pop(L, o);
    } else {
        load_wrong_type(L, "reply", v, "a string, or an object with \"text\"");
    }
    if (!r->text) r->text = "";
    return r;
}

/* The "variants" list of a node (ending false) or of an ending (ending true),
 * at key of the current path; each entry needs "when" and "text". */
static void *parse_variants(Loader *L, const cJSON *v, bool ending, int *count)
{
    *count = 0;
    if (!v)
        return NULL;
    if (!cJSON_IsArray(v)) {
        load_wrong_type(L, "variants", v, "a list of variants");
        return NULL;
    }
    int n = cJSON_GetArraySize(v);
    Variant *nv = ending ? NULL : load_alloc(L, (size_t)n * sizeof *nv);
    EndingVariant *ev = ending ? load_alloc(L, (size_t)n * sizeof *ev) : NULL;
    if (!nv && !ev)
        return NULL;
    size_t o = load_push_key(L, "variants");
    int i = 0;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        const cJSON *f[V_KEYS] = {0};
        if (!cJSON_IsObject(c))
            load_err(L, "wrong-type", "a variant must be an object with \"when\" and \"text\", not %s",
                     load_json_type_name(c));
        else
            load_fields(L, c, ending ? ENDING_VARIANT_KEYS : VARIANT_KEYS, V_KEYS, f);
        if (cJSON_IsObject(c) && !f[V_WHEN])
            load_err(L, "variant-no-when", "a variant needs \"when\": the situation in which this wording "
                                           "replaces the usual one");
        const Condition *when = load_cond(L, f[V_WHEN], "when");
        const char *text = load_text(L, f[V_TEXT], "text", cJSON_IsObject(c), "the wording used when \"when\" holds");
        if (!text) text = "";
        if (ending) {
            ev[i].when = when;
            ev[i].text = text;
            ev[i].title = load_text(L, f[V_MOOD_OR_TITLE], "title", false, "");
        } else {
            nv[i].when = when;
            nv[i].text = text;
            nv[i].mood_given = load_mood(L, f[V_MOOD_OR_TITLE], "mood", &nv[i].mood);
        }
        load_pop(L, o2);
    }
    load_pop(L, o);
    *count = n;
    return ending ? (void *)ev : (void *)nv;
}

static void parse_choices(Loader *L, bool skill_given, Node *node, const cJSON *arr)
{
    int n = cJSON_GetArraySize(arr);
    size_t o = load_push_key(L, "choices");
    if (n < 1 || n > COMPEL_MAX_CHOICES) {
        load_err(L, "out-of-range", "a decision needs 1 to %d choices, not %d", COMPEL_MAX_CHOICES, n);
        load_pop(L, o);
        return;
    }
    Choice *ch = load_alloc(L, (size_t)n * sizeof *ch);
    if (!ch) {
        load_pop(L, o);
        return;
    }
    bool scored = node->skill >= 0;
    int plain = 0, i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        ch[i].next = -1;
        ch[i].serial = L->sc->nchoices_total++;
        if (!cJSON_IsObject(c)) {
            load_err(L, "wrong-type", "a choice must be an object, not %s", load_json_type_name(c));
            load_pop(L, o2);
            continue;
        }
        const cJSON *f[C_KEYS];
        load_fields(L, c, CHOICE_KEYS, C_KEYS, f);
        if (f[C_ID]) {
            ch[i].id = load_slug(L, f[C_ID], "id", false, "");
        } else {
            char num[16];
            snprintf(num, sizeof num, "%d", i + 1);
            ch[i].id = load_save(L, num);
        }
        if (ch[i].id)
            for (int j = 0; j < i; j++)
                if (ch[j].id && strcmp(ch[j].id, ch[i].id) == 0) {
                    load_err(L, "duplicate-id", "choice id \"%s\" is used twice in this node "
                                           "(choices without an id are numbered by position)", ch[i].id);
                    break;
                }
        if (!ch[i].id) ch[i].id = "";
        ch[i].text = load_text(L, f[C_TEXT], "text", true, "what the player says or does");
        if (!ch[i].text) ch[i].text = "";
        const char *next = load_str(L, f[C_NEXT], "next", true, "the node this choice leads to");
        if (next)
            load_ref_node(L, next, "next", &ch[i].next);
        if (f[C_POINTS]) {
            load_int(L, f[C_POINTS], "points", false, -10, 10, &ch[i].points, "");
            if (!scored && !skill_given) {
                size_t o3 = load_push_key(L, "points");
                load_warn(L, "points-unscored", "points here count for nothing: the node has no \"skill\"");
                load_pop(L, o3);
            }
        }
        ch[i].feedback = load_text(L, f[C_FEEDBACK], "feedback", false, "");
        if (scored && !ch[i].feedback)
            load_warn(L, "no-feedback", "a scored choice without \"feedback\": the coach has nothing to say about it");
        if (scored && !f[C_REPLY])
            load_warn(L, "no-reply", "a scored choice without \"reply\": the buyer says nothing back to it");
        ch[i].effects = load_effects(L, f[C_EFFECTS], "effects");
        ch[i].set = load_flag_list(L, f[C_SET], "set", &ch[i].nset);
        ch[i].clear = load_flag_list(L, f[C_CLEAR], "clear", &ch[i].nclear);
        ch[i].when = load_cond(L, f[C_WHEN], "when");
        load_bool(L, f[C_ONCE], "once", &ch[i].once);
        if (f[C_REPLY])
            ch[i].reply = parse_reply(L, node, f[C_REPLY]);
        if (!f[C_WHEN] && !ch[i].once)
            plain++;
        load_pop(L, o2);
    }
    if (plain == 0)
        load_err(L, "all-conditional", "every choice here has \"when\" or \"once\", so the player could be left "
                                  "with nothing to choose; keep one plain way forward");
    load_pop(L, o);
    node->choices = ch;
    node->nchoices = n;
}

static void parse_route(Loader *L, Node *node, const cJSON *arr)
{
    int n = cJSON_GetArraySize(arr);
    size_t o = load_push_key(L, "route");
    if (n < 1) {
        load_err(L, "out-of-range", "a route needs at least one entry");
        load_pop(L, o);
        return;
    }
    RouteEntry *r = load_alloc(L, (size_t)n * sizeof *r);
    if (!r) {
        load_pop(L, o);
        return;
    }
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        r[i].next = -1;
        if (!cJSON_IsObject(c)) {
            load_err(L, "wrong-type", "a route entry must be an object, not %s", load_json_type_name(c));
            load_pop(L, o2);
            continue;
        }
        const cJSON *f[R_KEYS];
        load_fields(L, c, ROUTE_KEYS, R_KEYS, f);
        r[i].when = load_cond(L, f[R_WHEN], "when");
        const cJSON *ch = f[R_CHANCE];
        if (ch) {
            if (!cJSON_IsNumber(ch)) {
                load_wrong_type(L, "chance", ch, "a number between 0 and 1");
            } else if (!(ch->valuedouble > 0.0 && ch->valuedouble <= 1.0)) {
                size_t o3 = load_push_key(L, "chance");
                load_err(L, "out-of-range", "chance must be above 0 and at most 1, not %g", ch->valuedouble);
                load_pop(L, o3);
            } else {
                r[i].chance = ch->valuedouble;
            }
        }
        const char *next = load_str(L, f[R_NEXT], "next", true, "the node this entry leads to");
        if (next)
            load_ref_node(L, next, "next", &r[i].next);
        if (i == n - 1 && (f[R_WHEN] || ch))
            load_err(L, "route-last-conditional", "the last route entry must have no \"when\" and no "
                                             "\"chance\", so the route always has somewhere to go");
        load_pop(L, o2);
    }
    load_pop(L, o);
    node->route = r;
    node->nroute = n;
}

static void parse_ending(Loader *L, Node *node, const cJSON *v)
{
    size_t o = load_push_key(L, "ending");
    if (!cJSON_IsObject(v)) {
        load_err(L, "wrong-type", "an ending must be an object with outcome, title and text, not %s",
            load_json_type_name(v));
        load_pop(L, o);
        return;
    }
    const cJSON *f[E_KEYS];
    load_fields(L, v, ENDING_KEYS, E_KEYS, f);
    const char *out = load_str(L, f[E_OUTCOME], "outcome", true, "\"won\", \"lost\" or \"stalled\"");
    if (out) {
        if (strcmp(out, "won") == 0) node->outcome = OUTCOME_WON;
        else if (strcmp(out, "lost") == 0) node->outcome = OUTCOME_LOST;
        else if (strcmp(out, "stalled") == 0) node->outcome = OUTCOME_STALLED;
        else {
            size_t o2 = load_push_key(L, "outcome");
            load_err(L, "out-of-range", "outcome \"%s\" must be \"won\", \"lost\" or \"stalled\"", out);
            load_pop(L, o2);
        }
    }
    node->ending_title = load_text(L, f[E_TITLE], "title", true, "the ending's headline");
    node->ending_text = load_text(L, f[E_TEXT], "text", true, "what happened in the end");
    if (!node->ending_title) node->ending_title = "";
    if (!node->ending_text) node->ending_text = "";
    node->ending_variants = parse_variants(L, f[E_VARIANTS], true, &node->nending_variants);
    load_pop(L, o);
}

static void parse_node(Loader *L, const cJSON *nj, Node *node)
{
    Scenario *sc = L->sc;
    node->speaker = -1;
    node->skill = -1;
    node->next = -1;
    const cJSON *f[N_KEYS];
    load_fields(L, nj, NODE_KEYS, N_KEYS, f);
    const char *sp = load_str(L, f[N_SPEAKER], "speaker", false, "");
    if (sp)
        node->speaker = resolve_speaker(L, sp, "speaker");
    node->text = load_text(L, f[N_TEXT], "text", false, "");
    if (!node->text) node->text = "";
    node->mood = MOOD_NEUTRAL;
    load_mood(L, f[N_MOOD], "mood", &node->mood);
    node->variants = parse_variants(L, f[N_VARIANTS], false, &node->nvariants);
    load_bool(L, f[N_SETBACK], "setback", &node->setback);
    node->effects = load_effects(L, f[N_EFFECTS], "effects");
    const char *sk = load_str(L, f[N_SKILL], "skill", false, "");
    if (sk) {
        node->skill = load_resolve(L, &L->skill_ids, sc->skills, sizeof(Skill), sc->nskills, sk, "skill", "skill");
    }

    const cJSON *choices = f[N_CHOICES], *next = f[N_NEXT], *route = f[N_ROUTE], *ending = f[N_ENDING];
    int kinds = !!choices + !!next + !!route + !!ending;
    if (kinds != 1) {
        load_err(L, "node-kind", kinds == 0
            ? "a node needs one of \"choices\", \"next\", \"route\" or \"ending\" to say what happens after it"
            : "a node must have only one of \"choices\", \"next\", \"route\" or \"ending\"");
        node->kind = NODE_ENDING;   /* harmless placeholder; the file is refused anyway */
        return;
    }
    if (sk && !choices) {
        size_t o = load_push_key(L, "skill");
        load_warn(L, "skill-unused", "\"skill\" only scores nodes with choices; it does nothing here");
        load_pop(L, o);
    }
    if (choices) {
        node->kind = NODE_CHOICES;
        if (!cJSON_IsArray(choices))
            load_wrong_type(L, "choices", choices, "a list of choices");
        else
            parse_choices(L, f[N_SKILL] != NULL, node, choices);
    } else if (next) {
        node->kind = NODE_NEXT;
        if (!cJSON_IsString(next))
            load_wrong_type(L, "next", next, "a node id");
        else
            load_ref_node(L, next->valuestring, "next", &node->next);
    } else if (route) {
        node->kind = NODE_ROUTE;
        if (!cJSON_IsArray(route))
            load_wrong_type(L, "route", route, "a list of route entries");
        else
            parse_route(L, node, route);
    } else {
        node->kind = NODE_ENDING;
        parse_ending(L, node, ending);
    }
}

/* Node i's id (the path is at nodes[i]), registered so references resolve. */
static void register_node_id(Loader *L, const cJSON *c, Node *nodes, int i)
{
    nodes[i].id = load_get_slug(L, c, "id", true, "the node's id, used by \"next\" to point here");
    bool oom = false;
    if (nodes[i].id && !strmap_put(&L->node_ids, nodes[i].id, i, &oom) && !oom) {
        size_t o = load_push_key(L, "id");
        load_err(L, "duplicate-id", "node id \"%s\" is used twice (first at nodes[%d])",
            nodes[i].id, strmap_get(&L->node_ids, nodes[i].id));
        load_pop(L, o);
    }
    if (oom)
        L->oom = true;
    if (!nodes[i].id) nodes[i].id = "";
}

void load_node(Loader *L, const cJSON *nj, int i)
{
    size_t o = load_push_index(L, i);
    if (!cJSON_IsObject(nj)) {
        load_err(L, "wrong-type", "a node must be an object, not %s", load_json_type_name(nj));
        L->nodes_rw[i].id = "";
    } else {
        register_node_id(L, nj, L->nodes_rw, i);
        parse_node(L, nj, &L->nodes_rw[i]);
    }
    load_pop(L, o);
}
