# Compel - build, test, sanitize, fuzz, bench, install.
# Libraries come from Debian packages through pkg-config (see `make deps`).

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/compel

CC      ?= cc
PKG     ?= pkg-config
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wformat=2 -Wundef -Wcast-qual -Wvla -Werror=implicit-function-declaration
OPT     ?= -O2 -g
CJSON_CFLAGS := $(shell $(PKG) --cflags libcjson libxxhash 2>/dev/null)
CJSON_LIBS   := $(shell $(PKG) --libs libcjson libxxhash 2>/dev/null || echo -lcjson -lxxhash)
SDL_CFLAGS   := $(shell $(PKG) --cflags sdl2 SDL2_ttf SDL2_image fontconfig 2>/dev/null)
SDL_LIBS     := $(shell $(PKG) --libs sdl2 SDL2_ttf SDL2_image fontconfig 2>/dev/null)
# The LRS module (game/lrs): HTTP through libcurl, name-based UUIDs through
# libuuid, SHA-1 of e-mail addresses through libcrypto.
NET_CFLAGS   := $(shell $(PKG) --cflags libcurl uuid libcrypto 2>/dev/null)
NET_LIBS     := $(shell $(PKG) --libs libcurl uuid libcrypto 2>/dev/null || echo -lcurl -luuid -lcrypto)
CMOCKA_LIBS  := $(shell $(PKG) --libs cmocka 2>/dev/null || echo -lcmocka)
# Graphviz's layout library, for `compel graph --svg` and the window's map
# (game/common/graph_layout.c); its
# headers as system headers, so our strict warnings judge only our code.
GV_CFLAGS    := $(patsubst -I%,-isystem %,$(shell $(PKG) --cflags libgvc 2>/dev/null))
GV_LIBS      := $(shell $(PKG) --libs libgvc 2>/dev/null || echo -lgvc -lcgraph -lcdt)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)

CPPFLAGS += -Iinclude -DCOMPEL_VERSION='"$(VERSION)"' -DCOMPEL_DATADIR='"$(DATADIR)"'
CFLAGS   ?=
CFLAGS   += $(CSTD) $(WARN) $(OPT)

CORE_SRC := $(sort $(wildcard game/core/*.c))
COMMON_SRC := $(sort $(wildcard game/common/*.c))
CLI_SRC  := $(sort $(wildcard game/cli/*.c))
UI_SRC   := $(sort $(wildcard game/ui/*.c))
LRS_SRC  := $(sort $(wildcard game/lrs/*.c))
MAIN_SRC := game/main.c
TEST_SRC := $(sort $(wildcard tests/test_*.c))

# Build flavours: plain in build/, sanitizers in build/asan/.
B ?= build
CORE_OBJ := $(CORE_SRC:%.c=$(B)/%.o)
COMMON_OBJ := $(COMMON_SRC:%.c=$(B)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(B)/%.o)
LRS_OBJ  := $(LRS_SRC:%.c=$(B)/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(B)/%.o)
LIB_OBJ  := $(CORE_OBJ) $(COMMON_OBJ) $(LRS_OBJ) $(CLI_OBJ) $(UI_OBJ)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
LIBS     := $(CJSON_LIBS) $(NET_LIBS) $(SDL_LIBS) $(GV_LIBS) -lm -lpthread

.PHONY: all test unit asan fuzz fuzz-run bench bench-ui install uninstall clean deps core-check rerecord
all: compel

compel: $(B)/compel
	@if [ "$(B)" = build ]; then cp $(B)/compel compel; fi

$(B)/compel: $(MAIN_OBJ) $(LIB_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The core never sees SDL's flags: it must build with cJSON alone.
$(B)/game/core/%.o: game/core/%.c $(wildcard include/compel/*.h) $(wildcard game/core/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(CJSON_CFLAGS) -c -o $@ $<

# The helpers both front ends share: core, cJSON and Graphviz (the graph's
# layout, game/common/graph_layout.c), never SDL.
$(B)/game/common/%.o: game/common/%.c $(wildcard include/compel/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(CJSON_CFLAGS) $(GV_CFLAGS) -c -o $@ $<

$(B)/game/main.o: game/main.c $(wildcard include/compel/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/game/cli/%.o: game/cli/%.c $(wildcard include/compel/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(CJSON_CFLAGS) $(GV_CFLAGS) -c -o $@ $<

# Below both front ends: no SDL, but the network libraries.
$(B)/game/lrs/%.o: game/lrs/%.c $(wildcard include/compel/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(CJSON_CFLAGS) $(NET_CFLAGS) -c -o $@ $<

$(B)/game/ui/%.o: game/ui/%.c $(wildcard include/compel/*.h) $(wildcard game/ui/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(CJSON_CFLAGS) $(SDL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/%.c $(LIB_OBJ) $(wildcard tests/*.h)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(CJSON_CFLAGS) $(SDL_CFLAGS) -Itests -o $@ $< $(LIB_OBJ) $(LIBS) $(CMOCKA_LIBS)

# Proof that game/core includes no SDL: compile it with no SDL include path
# and check that no source mentions SDL.
core-check:
	@! grep -n 'SDL' $(CORE_SRC) include/compel/scenario.h include/compel/session.h include/compel/results.h include/compel/analysis.h
	@for f in $(CORE_SRC); do $(CC) $(CPPFLAGS) $(CSTD) $(WARN) -Werror $(CJSON_CFLAGS) -fsyntax-only $$f || exit 1; done
	@echo "core-check: game/core builds with cJSON and libxxhash alone"

unit: $(TEST_BIN) $(B)/compel

# The whole suite: unit tests, CLI golden tests, replays, the bad-file corpus,
# the fuzz corpus replay, then the same again under ASan + UBSan.
test:
	@bash tests/run-all.sh

asan:
	@bash tests/run-all.sh --asan-only

fuzz:
	@bash tests/fuzz/build.sh

fuzz-run: fuzz
	@bash tests/fuzz/run.sh $(or $(SECONDS),600)

bench: all
	@bash bench/run.sh

bench-ui: all
	@bash bench/ui/run.sh

rerecord: all
	@bash tests/rerecord.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(DATADIR)/assets
	install -m 0755 compel $(DESTDIR)$(BINDIR)/compel
	if [ -d scenarios ]; then cp -R scenarios/. $(DESTDIR)$(DATADIR)/scenarios/; fi
	if [ -d assets ]; then cp -R assets/. $(DESTDIR)$(DATADIR)/assets/; fi
	# the compel:// scheme: an LMS's cmi5 launch link opens `compel cmi5 URL`
	install -d $(DESTDIR)$(PREFIX)/share/applications
	sed 's|^Exec=compel |Exec=$(BINDIR)/compel |' share/compel-cmi5.desktop >$(DESTDIR)$(PREFIX)/share/applications/compel-cmi5.desktop
	-if [ -z "$(DESTDIR)" ] && command -v xdg-mime >/dev/null; then xdg-mime default compel-cmi5.desktop x-scheme-handler/compel; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/compel $(DESTDIR)$(PREFIX)/share/applications/compel-cmi5.desktop
	rm -rf $(DESTDIR)$(DATADIR)

deps:
	@bash .ci/deps.sh

clean:
	rm -rf build compel
