/* tmpdir.h - a fresh temporary folder for a test group, removed afterwards
 * (the results and report tests write files). Use tmpdir_setup and
 * tmpdir_teardown as the group's setup and teardown; tmpdir is its path. */
#ifndef COMPEL_TEST_TMPDIR_H
#define COMPEL_TEST_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>

static char tmpdir[] = "/tmp/compel-test-XXXXXX";

static int tmpdir_setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int tmpdir_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
