/* new.c - `compel new ID [--out FILE]`: a small valid scenario to start
 * from, with the schema reference, a hub of questions, a reply on every
 * scored choice, a variant, a meter-gated route and two endings. It passes
 * `validate --strict` and its own `lint --strict` (every hub question wears
 * the same cues, and the tempting wrong close quotes the buyer's figure), so
 * an author starts from a file that teaches; tests/authoring checks both. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compel/cli.h"
#include "compel/common.h"

/* "@ID@" stands for the scenario's id. */
static const char starter[] =
    "{\n"
    "  \"$schema\": \"schema.json\",\n"
    "  \"format\": 1,\n"
    "  \"id\": \"@ID@\",\n"
    "  \"title\": \"@ID@: a first meeting\",\n"
    "  \"summary\": \"A starter scenario: one buyer, a few questions, one proposal, two endings. Rewrite every line.\",\n"
    "  \"briefing\": \"You are {player}. Replace this briefing with what the seller knows before the meeting.\",\n"
    "  \"difficulty\": \"intro\",\n"
    "  \"minutes\": 5,\n"
    "  \"characters\": [\n"
    "    {\"id\": \"buyer\", \"name\": \"Rowan Ellery\", \"role\": \"Operations Lead\", \"stance\": \"neutral\", \"color\": \"#3a6f8f\"}\n"
    "  ],\n"
    "  \"meters\": [\n"
    "    {\"id\": \"trust\", \"label\": \"Trust\", \"start\": 50, \"min\": 0, \"max\": 100, \"show\": true}\n"
    "  ],\n"
    "  \"start\": \"hub\",\n"
    "  \"nodes\": [\n"
    "    {\"id\": \"hub\", \"speaker\": \"buyer\", \"mood\": \"curious\", \"skill\": \"diagnose\",\n"
    "     \"text\": \"\\\"Thanks for coming. Our orders go out late about once a week and I'd like that to stop. Where do you want to start?\\\"\",\n"
    "     \"variants\": [\n"
    "       {\"when\": {\"flag\": \"heard_cost\"}, \"mood\": \"thoughtful\",\n"
    "        \"text\": \"\\\"So you know what a late week costs us. Anything else before you tell me what you'd do?\\\"\"}\n"
    "     ],\n"
    "     \"choices\": [\n"
    "       {\"id\": \"ask-cost\", \"once\": true, \"points\": 3, \"set\": [\"heard_cost\"], \"effects\": {\"trust\": 10},\n"
    "        \"text\": \"What does a late week cost you, in refunds or in customers?\",\n"
    "        \"reply\": {\"text\": \"\\\"About four thousand in refunds, and two regular customers gone this year.\\\"\", \"mood\": \"worried\"},\n"
    "        \"feedback\": \"The cost of the problem is what makes a fix worth paying for; now you can talk about it.\",\n"
    "        \"next\": \"hub\"},\n"
    "       {\"id\": \"ask-history\", \"once\": true, \"points\": 1, \"effects\": {\"trust\": 5},\n"
    "        \"text\": \"Has anything changed in how orders are packed this year?\",\n"
    "        \"reply\": \"\\\"We moved the packing bench in March. I doubt that matters.\\\"\",\n"
    "        \"feedback\": \"A fair question, though it leads away from what the delay costs.\",\n"
    "        \"next\": \"hub\"},\n"
    "       {\"id\": \"propose\", \"points\": 0,\n"
    "        \"text\": \"I think I've heard enough. Shall I tell you what I'd suggest?\",\n"
    "        \"reply\": {\"text\": \"\\\"Go ahead.\\\"\", \"mood\": \"neutral\"},\n"
    "        \"feedback\": \"Moving to a proposal is fine once you know what the problem costs.\",\n"
    "        \"next\": \"close\"}\n"
    "     ]},\n"
    "    {\"id\": \"close\", \"speaker\": \"buyer\", \"skill\": \"cost_of_inaction\",\n"
    "     \"text\": \"\\\"All right. Why should this be done now rather than next year?\\\"\",\n"
    "     \"choices\": [\n"
    "       {\"id\": \"cost\", \"when\": {\"flag\": \"heard_cost\"}, \"points\": 3, \"effects\": {\"trust\": 10},\n"
    "        \"text\": \"Four thousand and two customers a year: waiting costs more than the fix.\",\n"
    "        \"reply\": {\"text\": \"\\\"Put it that way and it's an easy case to make upstairs.\\\"\", \"mood\": \"pleased\"},\n"
    "        \"feedback\": \"You used the buyer's own figure to show what waiting costs.\",\n"
    "        \"next\": \"gate\"},\n"
    "       {\"id\": \"discount\", \"points\": 0, \"effects\": {\"trust\": -15},\n"
    "        \"text\": \"If you sign this month, I can take ten percent off.\",\n"
    "        \"reply\": {\"text\": \"\\\"A discount doesn't tell me why it matters.\\\"\", \"mood\": \"skeptical\"},\n"
    "        \"feedback\": \"A discount answers a question the buyer did not ask; the cost of waiting does.\",\n"
    "        \"next\": \"gate\"},\n"
    "       {\"id\": \"later\", \"points\": 0, \"effects\": {\"trust\": -5},\n"
    "        \"text\": \"Shall we look at the four thousand together next year, once the busy season is over?\",\n"
    "        \"reply\": \"\\\"Next year, then. I'll put it on the list.\\\"\",\n"
    "        \"feedback\": \"Putting it off sounds considerate, but the refunds and the lost customers carry on meanwhile.\",\n"
    "        \"next\": \"gate\"}\n"
    "     ]},\n"
    "    {\"id\": \"gate\", \"route\": [\n"
    "      {\"when\": {\"meter\": \"trust\", \"min\": 65}, \"next\": \"won\"},\n"
    "      {\"next\": \"lost\"}\n"
    "    ]},\n"
    "    {\"id\": \"won\", \"ending\": {\"outcome\": \"won\", \"title\": \"A date for a pilot\",\n"
    "     \"text\": \"Rowan books a two-week pilot and asks you to present the numbers to the owner.\"}},\n"
    "    {\"id\": \"lost\", \"ending\": {\"outcome\": \"lost\", \"title\": \"We'll be in touch\",\n"
    "     \"text\": \"Rowan thanks you and promises to think about it. The calendar stays empty.\"}}\n"
    "  ]\n"
    "}\n";

static void usage(FILE *out)
{
    fputs("usage: compel new ID [--out FILE]\n"
          "Write a small valid starter scenario with this id, ready to edit: the schema\n"
          "reference, a hub of questions, a reply to every choice, a variant, a route and\n"
          "two endings. Without --out it is written to ID.json in this folder; --out - writes\n"
          "it on standard output. An existing file is never overwritten.\n"
          "Keep the file next to schema.json (the scenarios folder) so an editor checks it.\n",
          out);
}

static bool valid_id(const char *id)
{
    if (!*id || strlen(id) > 64)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
            return false;
    return true;
}

static void write_starter(FILE *f, const char *id)
{
    for (const char *p = starter; *p;) {
        const char *at = strstr(p, "@ID@");
        size_t n = at ? (size_t)(at - p) : strlen(p);
        fwrite(p, 1, n, f);
        if (!at)
            break;
        fputs(id, f);
        p = at + 4;
    }
}

int cmd_new(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *out = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        case ':':
            fprintf(stderr, "compel new: %s needs a value (see `compel new --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "compel new: unknown option \"%s\" (see `compel new --help`)\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fputs("compel new: name one scenario id, e.g. `compel new campus-lockers`\n", stderr);
        return EXIT_USAGE;
    }
    const char *id = argv[optind];
    if (!valid_id(id)) {
        fprintf(stderr, "compel new: \"%s\" is not a scenario id: use lower-case letters, digits, - and _ "
                        "(at most 64)\n", id);
        return EXIT_USAGE;
    }
    if (out && strcmp(out, "-") == 0) {
        write_starter(stdout, id);
        return EXIT_OK;
    }
    char name[80];
    if (!out) {
        snprintf(name, sizeof name, "%s.json", id);
        out = name;
    }
    FILE *f = fopen(out, "wx");
    if (!f && errno == EEXIST) {
        fprintf(stderr, "compel new: %s already exists; it is left as it is (choose another --out)\n", out);
        return EXIT_INVALID;
    }
    if (!f) {
        fprintf(stderr, "compel new: cannot create %s: %s\n", out, strerror(errno));
        return EXIT_INVALID;
    }
    write_starter(f, id);
    if (fclose(f) != 0) {
        fprintf(stderr, "compel new: cannot write %s: %s\n", out, strerror(errno));
        remove(out);
        return EXIT_INVALID;
    }
    fprintf(stderr, "compel new: wrote %s; check it with `compel validate --strict %s`\n", out, out);
    return EXIT_OK;
}
