/* ui_store.c - what the game keeps in the user's folders: settings and
 * autosaves in SDL_GetPrefPath's folder (JSON through cJSON), the picker's
 * scan of the scenarios folder, and each scenario's best previous result
 * read back from the results file. An autosave is the playthrough itself:
 * scenario hash + seed + the command list, replayed through the engine. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "compel/fileio.h"
#include "compel/grow.h"
#include "compel/textsafe.h"
#include "ui.h"

void store_settings_default(Settings *s)
{
    memset(s, 0, sizeof *s);
    const char *user = getenv("USER");
    const char *why;
    if (!user || !*user || !text_player_name(user, s->player, sizeof s->player, &why))
        snprintf(s->player, sizeof s->player, "Player");
    s->assessment = false;
    s->theme = THEME_LIGHT;
    s->text_scale = 1.0;
    s->fullscreen = false;
}

static cJSON *read_json(const char *path)
{
    size_t len;
    char *text = file_read_all(path, 16u << 20, &len, NULL, NULL, 0);
    if (!text)
        return NULL;
    cJSON *j = cJSON_Parse(text);
    free(text);
    return j;
}

void store_settings_load(App *app)
{
    if (!app->pref_dir)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%ssettings.json", app->pref_dir);
    cJSON *j = read_json(path);
    if (!j)
        return;
    Settings *s = &app->set;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "player");
    const char *why;
    if (cJSON_IsString(v) && v->valuestring[0])
        (void)text_player_name(v->valuestring, s->player, sizeof s->player, &why);
    v = cJSON_GetObjectItemCaseSensitive(j, "mode");
    if (cJSON_IsString(v))
        s->assessment = strcmp(v->valuestring, "assessment") == 0;
    v = cJSON_GetObjectItemCaseSensitive(j, "theme");
    if (cJSON_IsString(v) && theme_parse(v->valuestring) >= 0)
        s->theme = (ThemeId)theme_parse(v->valuestring);
    v = cJSON_GetObjectItemCaseSensitive(j, "text_scale");
    if (cJSON_IsNumber(v) && v->valuedouble >= 0.75 && v->valuedouble <= 2.0)
        s->text_scale = v->valuedouble;
    v = cJSON_GetObjectItemCaseSensitive(j, "watch");
    if (cJSON_IsBool(v))
        s->watch = cJSON_IsTrue(v);
    v = cJSON_GetObjectItemCaseSensitive(j, "fullscreen");
    if (cJSON_IsBool(v))
        s->fullscreen = cJSON_IsTrue(v);
    cJSON_Delete(j);
}

void store_settings_save(App *app)
{
    if (!app->pref_dir || app->opt.no_save)
        return;
    cJSON *j = cJSON_CreateObject();
    if (!j)
        return;
    cJSON_AddStringToObject(j, "player", app->set.player);
    cJSON_AddStringToObject(j, "mode", app->set.assessment ? "assessment" : "practice");
    cJSON_AddStringToObject(j, "theme", theme_get(app->set.theme)->id);
    cJSON_AddNumberToObject(j, "text_scale", app->set.text_scale);
    cJSON_AddBoolToObject(j, "fullscreen", app->set.fullscreen);
    cJSON_AddBoolToObject(j, "watch", app->set.watch);
    char *text = cJSON_Print(j);
    char path[4096];
    snprintf(path, sizeof path, "%ssettings.json", app->pref_dir);
    if (!text || !file_write_atomic(path, text))
        fprintf(stderr, "compel: could not save the settings to %s\n", path);
    free(text);
    cJSON_Delete(j);
}

static void save_path(const App *app, const Scenario *sc, char *out, size_t cap)
{
    snprintf(out, cap, "%ssaves/%s.json", app->pref_dir, sc->id);
}

void store_autosave(App *app)
{
    if (!app->pref_dir || !app->ses || app->opt.no_save || session_is_test(app->ses) || app->reloaded)
        return;   /* a test start (--from) cannot be resumed from the saved form; a reload writes nothing */
    char dir[4096], path[4200], err[512];
    snprintf(dir, sizeof dir, "%ssaves", app->pref_dir);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return;
    save_path(app, app->sc, path, sizeof path);
    playthrough_write(path, app->ses, app->sc_path, err, sizeof err);
}

void store_autosave_clear(App *app)
{
    if (!app->pref_dir || !app->sc || app->opt.no_save)
        return;
    char path[4200];
    save_path(app, app->sc, path, sizeof path);
    remove(path);
}

int store_autosave_read(App *app, const Scenario *sc, Playthrough *out)
{
    memset(out, 0, sizeof *out);
    if (!app->pref_dir)
        return 0;
    char path[4200], err[512];
    save_path(app, sc, path, sizeof path);
    if (playthrough_read(path, out, err, sizeof err) != 0)
        return 0;
    PlaythroughMatch m = playthrough_match(out, sc);
    if (m == PLAYTHROUGH_OTHER || out->ncommands == 0) {
        playthrough_free(out);
        return 0;
    }
    return m == PLAYTHROUGH_SAME ? 1 : 2;
}

void store_free_entries(App *app)
{
    for (int i = 0; i < app->nentries; i++) {
        PickerEntry *e = &app->entries[i];
        free(e->path);
        free(e->file);
        free(e->error);
        free(e->best_grade);
        scenario_destroy(e->sc);
    }
    free(app->entries);
    app->entries = NULL;
    app->nentries = 0;
}

static int entry_cmp(const void *a, const void *b)
{
    const PickerEntry *x = a, *y = b;
    /* Working scenarios first, easiest first (the intro is where a newcomer
     * starts), then by title; broken files after, by name. */
    if (!x->sc != !y->sc)
        return x->sc ? -1 : 1;
    if (x->sc && x->sc->difficulty != y->sc->difficulty)
        return (int)x->sc->difficulty - (int)y->sc->difficulty;
    const char *tx = x->sc ? x->sc->title : x->file, *ty = y->sc ? y->sc->title : y->file;
    int c = strcmp(tx, ty);
    return c ? c : strcmp(x->file, y->file);
}

void store_scan_scenarios(App *app)
{
    store_free_entries(app);
    DIR *d = app->scenarios_dir ? opendir(app->scenarios_dir) : NULL;
    if (!d)
        return;
    struct dirent *de;
    int cap = 0;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0 || de->d_name[0] == '.' ||
            strstr(de->d_name, "schema"))
            continue;
        if (!GROW(&app->entries, &cap, app->nentries + 1))
            break;
        PickerEntry *e = &app->entries[app->nentries];
        memset(e, 0, sizeof *e);
        size_t plen = strlen(app->scenarios_dir) + n + 2;
        e->path = malloc(plen);
        e->file = strdup(de->d_name);
        if (!e->path || !e->file) {
            free(e->path);
            free(e->file);
            break;
        }
        snprintf(e->path, plen, "%s/%s", app->scenarios_dir, de->d_name);
        e->best = -1;
        DiagList diags;
        diag_list_init(&diags);
        e->sc = scenario_load(e->path, &diags);
        if (!e->sc) {
            const Diag *g = NULL;
            for (int i = 0; i < diags.count && !g; i++)
                if (diags.items[i].severity == DIAG_ERROR)
                    g = &diags.items[i];
            char msg[600];
            if (g && g->line > 0)
                snprintf(msg, sizeof msg, "line %d, column %d: %s", g->line, g->col, g->message);
            else if (g && g->path && *g->path)
                snprintf(msg, sizeof msg, "%s: %s", g->path, g->message);
            else
                snprintf(msg, sizeof msg, "%s", g ? g->message : "cannot be read");
            e->error = strdup(msg);
        }
        diag_list_free(&diags);
        app->nentries++;
    }
    closedir(d);
    if (app->nentries > 1)
        qsort(app->entries, (size_t)app->nentries, sizeof *app->entries, entry_cmp);
    store_best_results(app);
}

void store_best_results(App *app)
{
    for (int i = 0; i < app->nentries; i++) {
        app->entries[i].best = -1;
        free(app->entries[i].best_grade);
        app->entries[i].best_grade = NULL;
    }
    if (!app->results_path || app->nentries == 0)
        return;
    ResultList list = {0};
    DiagList diags;
    diag_list_init(&diags);
    if (results_read(app->results_path, &list, &diags) == 0) {
        for (int r = 0; r < list.count; r++) {
            const ResultRecord *rec = &list.items[r];
            if (!rec->outcome || !rec->scenario || !rec->player || strcmp(rec->player, app->set.player) != 0)
                continue;
            for (int i = 0; i < app->nentries; i++) {
                PickerEntry *e = &app->entries[i];
                if (e->sc && strcmp(e->sc->id, rec->scenario) == 0 && rec->percent > e->best) {
                    e->best = rec->percent;
                    free(e->best_grade);
                    e->best_grade = rec->grade ? strdup(rec->grade) : NULL;
                }
            }
        }
    }
    results_list_free(&list);
    diag_list_free(&diags);
}
