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
# (game/common/graph_layout.c); its headers as system headers, so our strict
# warnings judge only our code.
GV_CFLAGS    := $(patsubst -I%,-isystem %,$(shell $(PKG) --cflags libgvc 2>/dev/null))
GV_LIBS      := $(shell $(PKG) --libs libgvc 2>/dev/null || echo -lgvc -lcgraph -lcdt)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)

CPPFLAGS += -Iinclude -DCOMPEL_VERSION='"$(VERSION)"' -DCOMPEL_DATADIR='"$(DATADIR)"'
# Warnings are errors: the tree is kept clean with gcc and clang (make test
# builds both). A compiler newer than those may warn anew: `make WERROR=`.
WERROR  ?= -Werror
CFLAGS   ?=
CFLAGS   += $(CSTD) $(WARN) $(WERROR) $(OPT)
DEPFLAGS := -MMD -MP

# The build is layered; each layer is a static library that may use only the
# layers below it and the outside libraries named here:
#
#   core    game/core    the rules                 cJSON, libxxhash
#   common  game/common  helpers both front ends   core; Graphviz (the graph's layout)
#   lrs     game/lrs     the learning record store core; curl, uuid, crypto
#   cli     game/cli     the subcommands           lrs, common, core
#   ui      game/ui      the SDL2 window           lrs, common, core; SDL
#
# game/main.c joins cli and ui into ./compel. `make core-check` proves the
# table at link time. <layer>_CFLAGS is what a layer's sources compile with,
# <layer>_EXT the outside libraries its objects need, <layer>_BELOW the
# layers it links on top of (nearest first, for the static linker).
core_CFLAGS   := $(CJSON_CFLAGS)
core_EXT      := $(CJSON_LIBS) -lm
core_BELOW    :=
common_CFLAGS := $(CJSON_CFLAGS) $(GV_CFLAGS)
common_EXT    := $(GV_LIBS)
common_BELOW  := core
lrs_CFLAGS    := $(CJSON_CFLAGS) $(NET_CFLAGS)
lrs_EXT       := $(NET_LIBS) -lpthread
lrs_BELOW     := core
cli_CFLAGS    := $(CJSON_CFLAGS)
cli_EXT       :=
cli_BELOW     := lrs common core
ui_CFLAGS     := $(CJSON_CFLAGS) $(SDL_CFLAGS)
ui_EXT        := $(SDL_LIBS)
ui_BELOW      := lrs common core
main_CFLAGS   :=
main_BELOW    := cli ui lrs common core
LAYERS        := core common lrs cli ui

# Build flavours: plain in build/, sanitizers in build/asan/, clang in build/clang/.
B ?= build
lib     = $(B)/libcompel-$(1).a
# The libraries a program on top of these layers links, in link order:
# our archives, then the outside libraries of every layer used.
archives = $(foreach l,$(1),$(call lib,$(l)))
extlibs  = $(foreach l,$(1),$($(l)_EXT))

MAIN_SRC := game/main.c
TEST_SRC := $(sort $(wildcard tests/test_*.c))
$(foreach l,$(LAYERS),$(eval $(l)_OBJ := $(patsubst %.c,$(B)/%.o,$(sort $(wildcard game/$(l)/*.c)))))
MAIN_OBJ := $(MAIN_SRC:%.c=$(B)/%.o)
ALL_OBJ  := $(MAIN_OBJ) $(foreach l,$(LAYERS),$($(l)_OBJ))
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)

# The layer each unit test sits on. A test not named here is a core test: it
# compiles with cJSON's flags alone and links libcompel-core.a, cJSON, xxhash
# and cmocka, so a core module that reaches for SDL, the network or a front
# end fails its tests' link. A test of a higher layer is named under it.
TESTS_common := test_cli
TESTS_cli    := test_report
TESTS_ui     := test_face test_ui_app test_ui_layout test_ui_map
test_layer    = $(or $(strip $(foreach l,common cli ui,$(if $(filter $(1),$(TESTS_$(l))),$(l)))),core)
CORE_TESTS   := $(foreach t,$(TEST_BIN),$(if $(filter core,$(call test_layer,$(notdir $(t)))),$(t)))

.PHONY: all test unit asan fuzz fuzz-run bench bench-ui install uninstall clean deps core-check headers-check rerecord
all: compel

compel: $(B)/compel
	@if [ "$(B)" = build ]; then cp $(B)/compel compel; fi

$(B)/compel: $(MAIN_OBJ) $(call archives,$(main_BELOW))
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(call archives,$(main_BELOW)) $(call extlibs,$(main_BELOW))

# One rule for every source: game/<layer>/x.c sees <layer>_CFLAGS only (the
# core never sees SDL's flags). -MMD writes each object's header list; an
# object without that list (built by an older Makefile) is rebuilt.
$(B)/game/%.o: game/%.c $(B)/game/%.d
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) $($(firstword $(subst /, ,$*))_CFLAGS) -c -o $@ $<

# A layer's archive holds its objects; it also depends on the layer's folder,
# whose time changes when a source is added or removed, so an object whose
# source is gone leaves the archive.
$(foreach l,$(LAYERS),$(eval $(call lib,$(l)): $$($(l)_OBJ) game/$(l)))
$(B)/libcompel-%.a:
	@echo "  AR      $@"
	@rm -f $@ && $(AR) rcs $@ $(filter %.o,$^)

# A unit test compiles with the flags of its layer and those below, and links
# the archives of its layer and those below.
test_stack = $(call test_layer,$(1)) $($(call test_layer,$(1))_BELOW)
$(B)/tests/%: tests/%.c $(B)/tests/%.d
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) $(foreach l,$(call test_stack,$*),$($(l)_CFLAGS)) -Itests -o $@ $< \
	    $(call archives,$(call test_stack,$*)) $(call extlibs,$(call test_stack,$*)) $(CMOCKA_LIBS)
$(foreach t,$(TEST_BIN),$(eval $(t): $(call archives,$(call test_stack,$(notdir $(t))))))

$(B)/game/%.d $(B)/tests/%.d: ;
.PRECIOUS: $(B)/game/%.d $(B)/tests/%.d
-include $(ALL_OBJ:.o=.d) $(TEST_BIN:=.d)

# Proof of the layering, at link time: every object of each layer, pulled in
# whole, links with the layers below it and their outside libraries alone (a
# call upward or sideways, say from ui into cli, is an undefined symbol); the
# core archive names no SDL, curl or Graphviz symbol; and no core test binary
# depends on a libSDL2 or libcurl (ldd). layer_links is one layer's link.
define layer_links
	@$(CC) $(LDFLAGS) -o $(B)/core-check/$(1) $(B)/core-check/main.c \
	    -Wl,--whole-archive $(call lib,$(1)) -Wl,--no-whole-archive \
	    $(call archives,$($(1)_BELOW)) $(call extlibs,$(1) $($(1)_BELOW)) || \
	    { echo "core-check: the $(1) layer needs more than $(or $($(1)_BELOW),cJSON and libxxhash) (see above)"; exit 1; }

endef

core-check: $(foreach l,$(LAYERS),$(call lib,$(l))) $(CORE_TESTS)
	@mkdir -p $(B)/core-check
	@echo 'int main(void) { return 0; }' >$(B)/core-check/main.c
	$(foreach l,$(LAYERS),$(call layer_links,$(l)))
	@if nm -u $(call lib,core) | grep -E ' (SDL_|TTF_|IMG_|curl_|gv|ag)'; then \
	    echo "core-check: libcompel-core.a references the symbols above"; exit 1; fi
	@for t in $(CORE_TESTS); do \
	    if ldd $$t | grep -E 'libSDL2|libcurl|libgvc'; then echo "core-check: $$t links the above"; exit 1; fi; \
	done
	@echo "core-check: each layer links with the layers below it alone; core with cJSON and libxxhash; $(words $(CORE_TESTS)) core tests link no SDL"

# Every header compiles alone, and twice in a row (its include guard holds),
# with the strict warnings as errors. The public headers (include/compel) see
# cJSON's flags only, so none needs SDL, curl or Graphviz to compile; a
# layer's private headers (game/<layer>/*.h) see that layer's flags.
HEADERS := $(sort $(wildcard include/compel/*.h game/*/*.h))
header_flags = $(if $(filter game/%,$(1)),$($(word 2,$(subst /, ,$(1)))_CFLAGS),$(CJSON_CFLAGS))
define header_compiles
	@printf '#include "%s"\n#include "%s"\n' $(CURDIR)/$(1) $(CURDIR)/$(1) | \
	    $(CC) $(CPPFLAGS) $(CSTD) $(WARN) -Werror $(call header_flags,$(1)) -x c -fsyntax-only - || \
	    { echo "headers-check: $(1) does not compile on its own"; exit 1; }

endef
headers-check:
	$(foreach h,$(HEADERS),$(call header_compiles,$(h)))
	@echo "headers-check: $(words $(HEADERS)) headers compile on their own with $(CC)"

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
