/* loader_sections.c - the top level of a scenario file: metadata, skills,
 * meters, characters and grades. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <sys/stat.h>

#include "compel/jsoncheck.h"
#include "loader_internal.h"

/* ---- top-level sections ------------------------------------------------ */

void load_skills(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = load_get_array(L, root, "skills", false, "");
    if (!arr) {
        static const char *const def[4][3] = {
            {"diagnose", "Diagnose before prescribing",
             "Asked about the client's ground truth and constraints before pitching"},
            {"root_cause", "Explain root causes",
             "Brought insight the client lacked: the forces and trends behind the problem"},
            {"cost_of_inaction", "Surface the cost of inaction",
             "Helped the client see and price what doing nothing costs, and kept it in view"},
            {"stand_by", "Stand by the client",
             "Owned setbacks, stayed present, fixed small problems early, defended the change"},
        };
        Skill *s = load_alloc(L, 4 * sizeof *s);
        if (!s)
            return;
        for (int i = 0; i < 4; i++) {
            s[i].id = def[i][0];
            s[i].label = def[i][1];
            s[i].description = def[i][2];
            strmap_put(&L->skill_ids, s[i].id, i, NULL);
        }
        sc->skills = s;
        sc->nskills = 4;
        return;
    }
    int n = cJSON_GetArraySize(arr);
    size_t o = load_push_key(L, "skills");
    if (n == 0)
        load_err(L, "out-of-range", "list at least one skill, or leave \"skills\" out for the default four");
    Skill *s = load_alloc(L, (size_t)n * sizeof *s);
    int i = 0;
    for (const cJSON *c = arr->child; c && s; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        if (!cJSON_IsObject(c)) {
            load_err(L, "wrong-type", "a skill must be an object, not %s", load_json_type_name(c));
        } else {
            static const char *const keys[] = {"id", "label", "description"};
            load_check_keys(L, c, keys, 3);
            s[i].id = load_get_slug(L, c, "id", true, "the skill's id");
            s[i].label = load_get_text(L, c, "label", true, "the skill's name as players see it");
            s[i].description = load_get_text(L, c, "description", false, "");
            if (s[i].id && !strmap_put(&L->skill_ids, s[i].id, i, NULL)) {
                size_t o3 = load_push_key(L, "id");
                load_err(L, "duplicate-id", "skill id \"%s\" is used twice", s[i].id);
                load_pop(L, o3);
            }
        }
        if (!s[i].id) s[i].id = "";
        if (!s[i].label) s[i].label = s[i].id;
        load_pop(L, o2);
    }
    load_pop(L, o);
    sc->skills = s;
    sc->nskills = s ? n : 0;
}

void load_meters(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = load_get_array(L, root, "meters", false, "");
    if (!arr)
        return;
    int n = cJSON_GetArraySize(arr);
    Meter *m = load_alloc(L, (size_t)n * sizeof *m);
    if (!m)
        return;
    size_t o = load_push_key(L, "meters");
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        m[i].min = 0;
        m[i].max = 100;
        m[i].show = true;
        if (!cJSON_IsObject(c)) {
            load_err(L, "wrong-type", "a meter must be an object, not %s", load_json_type_name(c));
        } else {
            static const char *const keys[] = {"id", "label", "start", "min", "max", "show"};
            load_check_keys(L, c, keys, 6);
            m[i].id = load_get_slug(L, c, "id", true, "the meter's id");
            m[i].label = load_get_text(L, c, "label", true, "the meter's name as players see it");
            load_get_int(L, c, "min", false, -1000000000, 1000000000, &m[i].min, "");
            load_get_int(L, c, "max", false, -1000000000, 1000000000, &m[i].max, "");
            bool have_start = load_get_int(L, c, "start", true, -1000000000, 1000000000, &m[i].start,
                                           "the meter's value at the start");
            if (m[i].min > m[i].max) {
                load_err(L, "out-of-range", "min %d is above max %d", m[i].min, m[i].max);
            } else if (have_start && (m[i].start < m[i].min || m[i].start > m[i].max)) {
                size_t o3 = load_push_key(L, "start");
                load_err(L, "out-of-range", "start %d must lie between min %d and max %d",
                         m[i].start, m[i].min, m[i].max);
                load_pop(L, o3);
            }
            load_get_bool(L, c, "show", &m[i].show);
            if (m[i].id && !strmap_put(&L->meter_ids, m[i].id, i, NULL)) {
                size_t o3 = load_push_key(L, "id");
                load_err(L, "duplicate-id", "meter id \"%s\" is used twice", m[i].id);
                load_pop(L, o3);
            }
        }
        if (!m[i].id) m[i].id = "";
        if (!m[i].label) m[i].label = m[i].id;
        load_pop(L, o2);
    }
    load_pop(L, o);
    sc->meters = m;
    sc->nmeters = n;
}

static const char *STANCES[] = {"champion", "ally", "neutral", "skeptic", "blocker"};

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Portrait paths stay inside the scenario's folder: relative, and no ".."
 * that climbs above it. */
static bool portrait_inside(const char *p)
{
    if (p[0] == '/' || p[0] == '\\' || (p[0] && p[1] == ':'))
        return false;
    int depth = 0;
    const char *s = p;
    while (*s) {
        const char *e = s;
        while (*e && *e != '/' && *e != '\\')
            e++;
        size_t n = (size_t)(e - s);
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (--depth < 0)
                return false;
        } else if (n > 0 && !(n == 1 && s[0] == '.')) {
            depth++;
        }
        s = *e ? e + 1 : e;
    }
    return depth > 0;
}

/* Whether real (a resolved path) lies inside the folder root (resolved). */
static bool real_inside(const char *root, const char *real)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return true;
    return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* PNG, JPEG or BMP, by the first bytes. */
static bool image_magic(const unsigned char *b, size_t n)
{
    return (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0) || (n >= 3 && memcmp(b, "\xFF\xD8\xFF", 3) == 0) ||
           (n >= 2 && b[0] == 'B' && b[1] == 'M');
}

/* The image behind a portrait path that passed portrait_inside: a symbolic
 * link (of the file or of a folder on the way) that leads out of the
 * scenario's folder is an error; a file that is missing, unreadable or not
 * an image is a warning (the face is drawn instead). The path is at key. */
static void portrait_file(Loader *L, const char *full, const char *written)
{
    const char *dir = *L->sc->dir ? L->sc->dir : ".";
    char *root = realpath(dir, NULL);
    if (!root) {
        load_warn(L, "portrait-missing", "portrait \"%s\": the scenario's folder cannot be read, so the face "
                                         "is drawn instead", written);
        return;
    }
    char *real = realpath(full, NULL);
    int err = errno;
    if (!real) {
        /* the file is not there; a folder on the way may still lead outside */
        char *parent = load_alloc(L, strlen(full) + 1);
        char *slash = parent ? strrchr(strcpy(parent, full), '/') : NULL;
        if (slash)
            *slash = '\0';
        char *rp = slash ? realpath(parent, NULL) : NULL;
        if (rp && !real_inside(root, rp))
            load_err(L, "portrait-path", "portrait \"%s\" leads out of the scenario's folder through a "
                                         "symbolic link", written);
        else
            load_warn(L, "portrait-missing", "portrait \"%s\" cannot be opened (%s), so the face is drawn "
                                             "instead", written, strerror(err));
        free(rp);
        free(root);
        return;
    }
    if (!real_inside(root, real)) {
        load_err(L, "portrait-path", "portrait \"%s\" leads out of the scenario's folder through a symbolic "
                                     "link", written);
    } else {
        struct stat st;
        FILE *f = stat(real, &st) == 0 && S_ISREG(st.st_mode) ? fopen(real, "rb") : NULL;
        unsigned char head[8];
        size_t n = f ? fread(head, 1, sizeof head, f) : 0;
        if (f)
            fclose(f);
        if (!f)
            load_warn(L, "portrait-unreadable", "portrait \"%s\" is not a readable file, so the face is drawn "
                                                "instead", written);
        else if (!image_magic(head, n))
            load_warn(L, "portrait-unreadable", "portrait \"%s\" is not a PNG, JPEG or BMP image, so the face "
                                                "is drawn instead", written);
    }
    free(real);
    free(root);
}

/* One portrait path at key: checked (portrait_inside, portrait_file) and
 * resolved against the scenario's folder. */
static void load_portrait(Loader *L, const cJSON *v, const char *key, Portrait *out)
{
    const char *pt = load_str(L, v, key, false, "");
    if (!pt)
        return;
    size_t o = load_push_key(L, key);
    if (!portrait_inside(pt)) {
        load_err(L, "portrait-path", "portrait \"%s\" must be a path inside the scenario's "
                                     "folder (relative, not climbing out with \"..\")", pt);
    } else {
        const char *dir = L->sc->dir;
        size_t dl = strlen(dir), pl = strlen(pt);
        char *full = load_alloc(L, dl + pl + 2);
        if (full) {
            snprintf(full, dl + pl + 2, "%s%s%s", dir, dl ? "/" : "", pt);
            out->written = load_save(L, pt);
            out->path = full;
            portrait_file(L, full, pt);
        }
    }
    load_pop(L, o);
}

/* "portraits": {mood: path}, one image per expression. */
static void load_portraits(Loader *L, const cJSON *v, Portrait *out)
{
    if (!v)
        return;
    if (!cJSON_IsObject(v)) {
        load_wrong_type(L, "portraits", v, "an object from mood to image path");
        return;
    }
    size_t o = load_push_key(L, "portraits");
    for (const cJSON *c = v->child; c; c = c->next) {
        Mood m;
        if (load_mood_name(L, c->string, c->string, &m))
            load_portrait(L, c, c->string, &out[m]);
    }
    load_pop(L, o);
}

void load_characters(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = load_get_array(L, root, "characters", true, "the people the player talks to");
    if (!arr)
        return;
    int n = cJSON_GetArraySize(arr);
    size_t o = load_push_key(L, "characters");
    if (n == 0)
        load_err(L, "out-of-range", "list at least one character");
    Character *ch = load_alloc(L, (size_t)n * sizeof *ch);
    int i = 0;
    for (const cJSON *c = arr->child; c && ch; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        ch[i].stance = STANCE_NEUTRAL;
        if (!cJSON_IsObject(c)) {
            load_err(L, "wrong-type", "a character must be an object, not %s", load_json_type_name(c));
        } else {
            static const char *const keys[] = {"id", "name", "role", "stance", "color", "portrait", "portraits"};
            load_check_keys(L, c, keys, 7);
            ch[i].id = load_get_slug(L, c, "id", true, "the character's id");
            ch[i].name = load_get_text(L, c, "name", true, "the character's name");
            ch[i].role = load_get_text(L, c, "role", true, "the character's job title");
            const char *st = load_get_str(L, c, "stance", false, "");
            if (st) {
                int k = -1;
                for (int j = 0; j < 5; j++)
                    if (strcmp(st, STANCES[j]) == 0)
                        k = j;
                if (k < 0) {
                    size_t o3 = load_push_key(L, "stance");
                    load_err(L, "out-of-range", "stance \"%s\" must be one of champion, ally, neutral, "
                                           "skeptic, blocker", st);
                    load_pop(L, o3);
                } else {
                    ch[i].stance = (Stance)k;
                }
            }
            const char *col = load_get_str(L, c, "color", false, "");
            if (col) {
                bool ok = strlen(col) == 7 && col[0] == '#';
                for (int j = 1; ok && j < 7; j++)
                    ok = hexval(col[j]) >= 0;
                if (!ok) {
                    size_t o3 = load_push_key(L, "color");
                    load_err(L, "out-of-range", "colour \"%s\" must look like \"#1f6feb\"", col);
                    load_pop(L, o3);
                } else {
                    ch[i].has_color = true;
                    ch[i].r = (uint8_t)(hexval(col[1]) * 16 + hexval(col[2]));
                    ch[i].g = (uint8_t)(hexval(col[3]) * 16 + hexval(col[4]));
                    ch[i].b = (uint8_t)(hexval(col[5]) * 16 + hexval(col[6]));
                }
            }
            load_portrait(L, cJSON_GetObjectItemCaseSensitive(c, "portrait"), "portrait", &ch[i].portrait);
            load_portraits(L, cJSON_GetObjectItemCaseSensitive(c, "portraits"), ch[i].portraits);
            if (ch[i].id && strcmp(ch[i].id, "narrator") == 0) {
                size_t o3 = load_push_key(L, "id");
                load_err(L, "reserved-id", "\"narrator\" is reserved for the narrator; pick another id");
                load_pop(L, o3);
            } else if (ch[i].id && !strmap_put(&L->char_ids, ch[i].id, i, NULL)) {
                size_t o3 = load_push_key(L, "id");
                load_err(L, "duplicate-id", "character id \"%s\" is used twice", ch[i].id);
                load_pop(L, o3);
            }
        }
        if (!ch[i].id) ch[i].id = "";
        if (!ch[i].name) ch[i].name = ch[i].id;
        if (!ch[i].role) ch[i].role = "";
        load_pop(L, o2);
    }
    load_pop(L, o);
    sc->characters = ch;
    sc->ncharacters = ch ? n : 0;
}

static int cmp_grades(const void *a, const void *b)
{
    const Grade *x = a, *y = b;
    return y->min_percent - x->min_percent;
}

void load_grades(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    const cJSON *arr = load_get_array(L, root, "grades", false, "");
    if (!arr) {
        static const Grade def[] = {
            {85, "Trusted advisor", "You led with insight and kept the client's interests first."},
            {70, "Professional", "Solid work, with a few moments where a stronger move was open."},
            {50, "Developing", "Some good instincts; review the debrief for the patterns to change."},
            {0, "Pitchman", "You sold at the buyer rather than helping them decide. Try again."},
        };
        sc->grades = def;
        sc->ngrades = 4;
        return;
    }
    int n = cJSON_GetArraySize(arr);
    Grade *g = load_alloc(L, (size_t)n * sizeof *g);
    if (!g)
        return;
    size_t o = load_push_key(L, "grades");
    bool has_zero = false;
    int i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t o2 = load_push_index(L, i);
        g[i].min_percent = -1;
        if (!cJSON_IsObject(c)) {
            load_err(L, "wrong-type", "a grade must be an object, not %s", load_json_type_name(c));
        } else {
            static const char *const keys[] = {"min_percent", "label", "text"};
            load_check_keys(L, c, keys, 3);
            load_get_int(L, c, "min_percent", true, 0, 100, &g[i].min_percent, "the lowest percent of this band");
            g[i].label = load_get_text(L, c, "label", true, "the grade's name");
            g[i].text = load_get_text(L, c, "text", false, "");
            has_zero |= g[i].min_percent == 0;
        }
        if (!g[i].label) g[i].label = "";
        load_pop(L, o2);
    }
    if (!has_zero)
        load_err(L, "no-zero-grade", "the grades need a band with \"min_percent\": 0, so every score gets a grade");
    load_pop(L, o);
    qsort(g, (size_t)n, sizeof *g, cmp_grades);
    sc->grades = g;
    sc->ngrades = n;
}


static const char *const TOP_KEYS[] = {"$schema", "format", "id", "title", "summary", "briefing",
                                       "difficulty", "minutes", "tags", "language", "skills",
                                       "characters", "meters", "grades", "start", "nodes"};

void load_top(Loader *L, const cJSON *root)
{
    Scenario *sc = L->sc;
    load_check_keys(L, root, TOP_KEYS, 16);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!fmt) {
        load_missing(L, "format", "it must be 1");
    } else if (!load_is_integer(fmt) || fmt->valuedouble != 1) {
        size_t o = load_push_key(L, "format");
        load_err(L, "bad-format", "this program reads format 1 scenarios; \"format\" must be 1");
        load_pop(L, o);
    }
    sc->id = load_get_slug(L, root, "id", true, "the scenario's stable id");
    if (!sc->id) sc->id = "";
    sc->title = load_get_text(L, root, "title", true, "shown in the scenario picker");
    sc->summary = load_get_text(L, root, "summary", true, "one or two sentences for the picker");
    sc->briefing = load_get_text(L, root, "briefing", false, "");
    if (!sc->title) sc->title = "";
    if (!sc->summary) sc->summary = "";
    sc->difficulty = DIFFICULTY_STANDARD;
    const char *diff = load_get_str(L, root, "difficulty", false, "");
    if (diff) {
        if (strcmp(diff, "intro") == 0) sc->difficulty = DIFFICULTY_INTRO;
        else if (strcmp(diff, "standard") == 0) sc->difficulty = DIFFICULTY_STANDARD;
        else if (strcmp(diff, "advanced") == 0) sc->difficulty = DIFFICULTY_ADVANCED;
        else {
            size_t o = load_push_key(L, "difficulty");
            load_err(L, "out-of-range", "difficulty \"%s\" must be \"intro\", \"standard\" or \"advanced\"", diff);
            load_pop(L, o);
        }
    }
    load_get_int(L, root, "minutes", false, 1, 1000000000, &sc->minutes, "");
    const cJSON *tags = load_get_array(L, root, "tags", false, "");
    if (tags) {
        int n = cJSON_GetArraySize(tags), i = 0;
        const char **t = load_alloc(L, (size_t)n * sizeof *t);
        size_t o = load_push_key(L, "tags");
        for (const cJSON *c = tags->child; c && t; c = c->next, i++) {
            if (cJSON_IsString(c)) {
                t[sc->ntags++] = load_save(L, c->valuestring);
            } else {
                size_t o2 = load_push_index(L, i);
                load_err(L, "wrong-type", "a tag must be a string, not %s", load_json_type_name(c));
                load_pop(L, o2);
            }
        }
        load_pop(L, o);
        sc->tags = t;
    }
    sc->language = load_get_text(L, root, "language", false, "");
    if (!sc->language) sc->language = "en";

    load_skills(L, root);
    load_meters(L, root);
    load_characters(L, root);
    load_grades(L, root);
}
