/* settings.c - where the LRS is and who may write to it: the command line
 * (--lrs, --lrs-auth-file), the environment (COMPEL_LRS_KEY,
 * COMPEL_LRS_SECRET) and the settings file lrs.conf in the XDG config
 * folder, in that order. The file holds "name = value" lines: url, key,
 * secret, auth_file, and the learner's identity (learner, email,
 * home_page); '#' starts a comment. */
#include "compel/lrs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Copy the value of "name = value" into out when line sets name. */
static void setting(const char *line, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    if (strncmp(line, name, n) != 0)
        return;
    const char *p = line + n;
    p += strspn(p, " \t");
    if (*p != '=')
        return;
    p++;
    p += strspn(p, " \t");
    size_t len = strcspn(p, "\r\n");
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    if (len < cap) {
        memcpy(out, p, len);
        out[len] = '\0';
    }
}

void lrs_settings_identity(LrsIdentity *id)
{
    memset(id, 0, sizeof *id);
    char path[4096];
    FILE *f = lrs_settings_path(path, sizeof path) ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        setting(line, "learner", id->learner, sizeof id->learner);
        setting(line, "email", id->email, sizeof id->email);
        setting(line, "home_page", id->home_page, sizeof id->home_page);
    }
    fclose(f);
}

int lrs_setup(LrsConfig *c, const char *url, const char *auth_file, char *err, size_t errcap)
{
    lrs_config_defaults(c);
    char path[4096], conf_url[1024] = "", conf_key[256] = "", conf_secret[256] = "", conf_auth[1024] = "";
    FILE *f = lrs_settings_path(path, sizeof path) ? fopen(path, "r") : NULL;
    if (f) {
        char line[2048];
        while (fgets(line, sizeof line, f)) {
            if (line[0] == '#')
                continue;
            setting(line, "url", conf_url, sizeof conf_url);
            setting(line, "key", conf_key, sizeof conf_key);
            setting(line, "secret", conf_secret, sizeof conf_secret);
            setting(line, "auth_file", conf_auth, sizeof conf_auth);
        }
        fclose(f);
    }
    if (!url)
        url = conf_url[0] ? conf_url : NULL;
    if (!url) {
        snprintf(err, errcap, "no LRS: give --lrs URL, or set url in %s", f ? path : "lrs.conf");
        return 1;
    }
    char why[300];
    if (!lrs_config_url(c, url, why, sizeof why)) {
        snprintf(err, errcap, "--lrs %s: %s", url, why);
        return -1;
    }
    bool env = getenv("COMPEL_LRS_KEY") && getenv("COMPEL_LRS_SECRET");
    if (!auth_file && !env && conf_key[0]) {
        snprintf(c->key, sizeof c->key, "%s", conf_key);
        snprintf(c->secret, sizeof c->secret, "%s", conf_secret);
        return 0;
    }
    if (!auth_file && !env && conf_auth[0])
        auth_file = conf_auth;
    return lrs_config_auth(c, auth_file, err, errcap) ? 0 : -1;
}
