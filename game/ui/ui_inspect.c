/* ui_inspect.c - the state inspector overlay (F2): the core's inspect_text
 * (the same lines `s` prints in the terminal), in a scrollable panel. */
#include <stdlib.h>
#include <string.h>

#include "compel/inspect.h"
#include "ui.h"

void overlay_inspect(App *app)
{
    const Theme *th = app->th;
    const Metrics *m = &app->m;
    if (!app->ses)
        return;
    SDL_Rect view = overlay_panel(app, "State (F2)");
    int bh = text_line_h(app, FONT_BOLD) + m->gap;
    int bw = text_width(app, "Conversation map (M)", FONT_BOLD) + 3 * m->gap;
    draw_button(app, (SDL_Rect){view.x, view.y, bw < view.w ? bw : view.w, bh}, "Conversation map (M)", (Action){ACT_MAP, 0}, 0);
    view.y += bh + m->gap;
    view.h -= bh + m->gap;
    int iw = view.w - ui_px(app, 14);
    int y0 = page_begin(app, view, &app->overlay_scroll), y = y0;
    SDL_Rect box = {view.x, y0, iw, 1 << 20};
    char *text = inspect_text(app->ses);
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else
            next = line + strlen(line);
        size_t len = strlen(line);
        bool head = line == text || (len && line[len - 1] == ':');   /* the node, and "Hidden choices:" */
        int ind = line[0] == ' ' ? ui_px(app, 24) : 0;
        y += text_draw(app, line, head ? FONT_BOLD : FONT_BODY, ind ? th->muted : th->text, view.x + ind, y,
                       iw - ind, 0, box, -1) + m->gap / 2;
    }
    free(text);
    page_end(app, view, y - y0, &app->overlay_scroll, &app->overlay_total, &app->overlay_view);
}
