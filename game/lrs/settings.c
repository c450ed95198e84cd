/* settings.c - where the LRS is and who may write to it: the command line
 * (--lrs, --lrs-auth-file), the environment (COMPEL_LRS_KEY,
 * COMPEL_LRS_SECRET) and the settings file lrs.conf in the XDG config
 * folder, in that order. The file holds "name = value" lines: url, key,
 * secret, auth_file, and the learner's identity (learner, email,
 * home_page); '#' starts a comment. The window's settings screen writes it
 * (lrs_settings_save). */
#include "compel/lrs.h"

#include "compel/fileio.h"
#include "compel/grow.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The settings file: $XDG_CONFIG_HOME/compel/lrs.conf or
 * ~/.config/compel/lrs.conf ("name = value" lines: url, key, secret,
 * auth_file). False when neither variable gives an absolute folder. */
static bool lrs_settings_path(char *out, size_t cap)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(out, cap, "%s/compel/lrs.conf", xdg);
    else if (home && home[0] == '/')
        n = snprintf(out, cap, "%s/.config/compel/lrs.conf", home);
    else
        return false;
    return n > 0 && (size_t)n < cap;
}

/* The names lrs.conf knows, and where each goes in LrsSettings. */
typedef struct Field {
    const char *name;
    size_t offset, cap;
} Field;

#define FIELD(name, member) {name, offsetof(LrsSettings, member), sizeof(((LrsSettings *)0)->member)}
static const Field fields[] = {
    FIELD("url", url),           FIELD("key", key),         FIELD("secret", secret),
    FIELD("auth_file", auth_file), FIELD("learner", id.learner), FIELD("email", id.email),
    FIELD("home_page", id.home_page),
};
enum { FIELD_COUNT = sizeof fields / sizeof fields[0] };
#define LRS_CONF_MAX (64 * 1024)   /* a settings file is a few lines */

/* The field "name = value" sets, with the value's start and length; NULL
 * when the line sets none (a comment, a blank line, another name). */
static const Field *parse_line(const char *line, const char **value, size_t *len)
{
    if (line[0] == '#')
        return NULL;
    for (int i = 0; i < FIELD_COUNT; i++) {
        size_t n = strlen(fields[i].name);
        if (strncmp(line, fields[i].name, n) != 0)
            continue;
        const char *p = line + n;
        p += strspn(p, " \t");
        if (*p != '=')
            continue;
        p++;
        p += strspn(p, " \t");
        size_t l = strcspn(p, "\r\n");
        while (l > 0 && (p[l - 1] == ' ' || p[l - 1] == '\t'))
            l--;
        *value = p;
        *len = l;
        return &fields[i];
    }
    return NULL;
}

/* The settings file's text (a regular file only, so a FIFO or a device in
 * its place cannot hang a start), or NULL when there is none. */
static char *read_conf(const char *path)
{
    size_t len;
    FileStatus st;
    char why[300];
    return file_read_all(path, LRS_CONF_MAX, &len, &st, why, sizeof why);
}

/* Copy the line at p into line (without its break); the next line, or
 * NULL at the end. */
static const char *next_line(const char *p, char *line, size_t cap)
{
    if (!*p)
        return NULL;
    size_t n = strcspn(p, "\n");
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(line, p, k);
    line[k] = '\0';
    return p[n] ? p + n + 1 : p + n;
}

void lrs_settings_load(LrsSettings *s)
{
    memset(s, 0, sizeof *s);
    char path[4096];
    char *text = lrs_settings_path(path, sizeof path) ? read_conf(path) : NULL;
    if (!text)
        return;
    char line[2048];
    for (const char *p = text; (p = next_line(p, line, sizeof line));) {
        const char *v;
        size_t len;
        const Field *fd = parse_line(line, &v, &len);
        if (fd && len < fd->cap) {
            char *out = (char *)s + fd->offset;
            memcpy(out, v, len);
            out[len] = '\0';
        }
    }
    free(text);
}

void lrs_settings_identity(LrsIdentity *id)
{
    LrsSettings s;
    lrs_settings_load(&s);
    *id = s.id;
}

/* Make the folder that will hold path (its parents too). */
static bool make_parent(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return true;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(dir, 0700) == 0 || errno == EEXIST;
}

/* Append n bytes of text to the growing, NUL-ended text at *buf. */
static bool put(char **buf, size_t *len, size_t *cap, const char *text, size_t n)
{
    if (!grow_buffer(buf, cap, *len + n + 1))
        return false;
    memcpy(*buf + *len, text, n);
    *len += n;
    (*buf)[*len] = '\0';
    return true;
}

static bool put_field(char **buf, size_t *len, size_t *cap, const LrsSettings *s, const Field *fd)
{
    const char *v = (const char *)s + fd->offset;
    if (!v[0])
        return true;   /* "" means unset: the line goes */
    return put(buf, len, cap, fd->name, strlen(fd->name)) && put(buf, len, cap, " = ", 3) &&
           put(buf, len, cap, v, strlen(v)) && put(buf, len, cap, "\n", 1);
}

bool lrs_settings_save(const LrsSettings *s, char *err, size_t errcap)
{
    char path[4096];
    if (!lrs_settings_path(path, sizeof path)) {
        snprintf(err, errcap, "no settings folder: neither XDG_CONFIG_HOME nor HOME is an absolute path");
        return false;
    }
    for (int i = 0; i < FIELD_COUNT; i++) {
        const char *v = (const char *)s + fields[i].offset;
        if (strpbrk(v, "\r\n")) {
            snprintf(err, errcap, "the %s may not contain a line break", fields[i].name);
            return false;
        }
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    bool written[FIELD_COUNT] = {false}, ok = put(&text, &len, &cap, "", 0);
    char *old = read_conf(path);
    if (old) {   /* keep the file's order, its comments and names we do not know */
        char line[2048];
        for (const char *p = old; ok && (p = next_line(p, line, sizeof line));) {
            const char *v;
            size_t vl;
            const Field *fd = parse_line(line, &v, &vl);
            if (!fd) {
                ok = put(&text, &len, &cap, line, strlen(line)) && put(&text, &len, &cap, "\n", 1);
                continue;
            }
            int k = (int)(fd - fields);
            if (!written[k])
                ok = put_field(&text, &len, &cap, s, fd);
            written[k] = true;
        }
        free(old);
    }
    for (int i = 0; ok && i < FIELD_COUNT; i++)
        if (!written[i])
            ok = put_field(&text, &len, &cap, s, &fields[i]);
    if (!ok) {
        free(text);
        snprintf(err, errcap, "out of memory");
        return false;
    }
    if (!make_parent(path) || !file_write_private(path, text)) {
        snprintf(err, errcap, "could not write %s: %s", path, strerror(errno));
        free(text);
        return false;
    }
    free(text);
    return true;
}

int lrs_setup(LrsConfig *c, const char *url, const char *auth_file, char *err, size_t errcap)
{
    lrs_config_defaults(c);
    LrsSettings conf;
    lrs_settings_load(&conf);
    char path[4096];
    if (!url)
        url = conf.url[0] ? conf.url : NULL;
    if (!url) {
        snprintf(err, errcap, "no LRS: give --lrs URL, or set url in %s",
                 lrs_settings_path(path, sizeof path) ? path : "lrs.conf");
        return 1;
    }
    char why[300];
    if (!lrs_config_url(c, url, why, sizeof why)) {
        snprintf(err, errcap, "--lrs %s: %s", url, why);
        return -1;
    }
    bool env = getenv("COMPEL_LRS_KEY") && getenv("COMPEL_LRS_SECRET");
    if (!auth_file && !env && conf.key[0]) {
        snprintf(c->key, sizeof c->key, "%s", conf.key);
        snprintf(c->secret, sizeof c->secret, "%s", conf.secret);
        return 0;
    }
    if (!auth_file && !env && conf.auth_file[0])
        auth_file = conf.auth_file;
    return lrs_config_auth(c, auth_file, err, errcap) ? 0 : -1;
}
