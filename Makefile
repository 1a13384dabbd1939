# oomtop - who dies next when memory runs out
# make | make run | make check | make deps | make bench | make install | make clean

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=
CC        ?= cc
PKG_CONFIG ?= pkg-config

# Where objects go; the sanitizer run builds into build/asan.
BUILD      = build
OUT        = oomtop
SANITIZE   =

LIBS_PC    = ncursesw libproc2 libcap
PC_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(LIBS_PC) 2>/dev/null)
PC_LIBS    = $(shell $(PKG_CONFIG) --libs $(LIBS_PC) 2>/dev/null)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

OPTFLAGS  ?= -O2
ifeq ($(SANITIZE),1)
OPTFLAGS   = -O1 -g -fno-omit-frame-pointer
SANFLAGS   = -fsanitize=address,undefined -fno-sanitize-recover=all
HARDEN     = -fstack-protector-strong -fPIE
else
HARDEN     = -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
endif
WARN       = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wno-format-nonliteral
CFLAGS    ?=
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(OPTFLAGS) $(WARN) $(HARDEN) $(SANFLAGS) \
             -DOOMTOP_VERSION='"$(VERSION)"' -Iinclude $(PC_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = -pie -Wl,-z,relro,-z,now $(SANFLAGS) $(LDFLAGS)

SRCS   = $(wildcard src/*.c)
OBJS   = $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS = $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_BIN = $(BUILD)/tests/test_fuzz_parsers
HELPER_SRCS = $(wildcard tests/helpers/*.c)
HELPER_BINS = $(HELPER_SRCS:tests/helpers/%.c=$(BUILD)/helpers/%)

# Packages: Debian/Ubuntu (apt-get) and Fedora (dnf).
DEB_PKGS = build-essential pkgconf libncurses-dev libproc2-dev libcap-dev \
           libcmocka-dev tmux jq procps man-db util-linux
RPM_PKGS = gcc make pkgconf-pkg-config ncurses-devel procps-ng-devel libcap-devel \
           libcmocka-devel tmux jq procps-ng man-db util-linux

.PHONY: all run check test deps deps-if-missing check-libs bench fuzz install uninstall clean

all: $(OUT)

# One line naming the package when a library is missing.
check-libs:
	@command -v $(PKG_CONFIG) >/dev/null 2>&1 || { \
	  echo "oomtop: pkg-config is missing: install pkgconf (Debian/Ubuntu) or pkgconf-pkg-config (Fedora), or run 'make deps'"; exit 1; }
	@for m in ncursesw:libncurses-dev:ncurses-devel libproc2:libproc2-dev:procps-ng-devel \
	          libcap:libcap-dev:libcap-devel; do \
	  lib=$${m%%:*}; rest=$${m#*:}; \
	  $(PKG_CONFIG) --exists $$lib || { \
	    echo "oomtop: $$lib not found: install $${rest%%:*} (Debian/Ubuntu) or $${rest#*:} (Fedora), or run 'make deps'"; exit 1; }; \
	done

# V=1 shows the full commands.
Q = $(if $(V),,@)

$(BUILD)/%.o: src/%.c $(wildcard include/*.h) | check-libs
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OUT): $(OBJS)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(ALL_LDFLAGS) $(PC_LIBS) -lm

$(BUILD)/liboomtop.a: $(LIBOBJS)
	$(Q)$(AR) rcs $@ $^

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/liboomtop.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(BUILD)/liboomtop.a $(ALL_LDFLAGS) \
	  $(CMOCKA_LIBS) $(PC_LIBS) -lm

# The fuzz target, driven by a deterministic mutator in make check.
$(FUZZ_BIN): tests/fuzz/fuzz_parsers.c tests/fuzz/driver.c $(BUILD)/liboomtop.a
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ tests/fuzz/fuzz_parsers.c tests/fuzz/driver.c \
	  $(BUILD)/liboomtop.a $(ALL_LDFLAGS) $(PC_LIBS) -lm

# libFuzzer (needs clang): make fuzz [FUZZ_SECONDS=60]
FUZZ_SECONDS ?= 60
fuzz: check-libs
	@mkdir -p build/fuzz
	clang -std=gnu11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
	  $(PC_CFLAGS) -o build/fuzz/fuzz_parsers tests/fuzz/fuzz_parsers.c \
	  $(filter-out src/main.c src/ui.c src/view.c src/view_header.c src/view_pane.c src/keys.c \
	    src/sampler.c src/app.c src/batch.c src/klog.c src/ui_prompt.c src/view_detail.c \
	    src/change.c src/privs.c,$(SRCS)) -lm
	build/fuzz/fuzz_parsers -max_total_time=$(FUZZ_SECONDS) -max_len=4096

$(BUILD)/helpers/%: tests/helpers/%.c
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $@")
	$(Q)$(CC) -std=gnu11 -O1 -Wall -Wextra -Werror -o $@ $<

# Install what is missing, as root or through sudo, showing each command.
deps:
	@if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "oomtop: 'make deps' needs root or sudo to install packages"; exit 1; fi; \
	if command -v apt-get >/dev/null 2>&1; then \
	  echo "+ $${sudo:+$$sudo }apt-get update"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q || exit 1; \
	  echo "+ $${sudo:+$$sudo }apt-get install -y --no-install-recommends $(DEB_PKGS)"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEB_PKGS); \
	elif command -v dnf >/dev/null 2>&1; then \
	  echo "+ $${sudo:+$$sudo }dnf install -y $(RPM_PKGS)"; \
	  $$sudo dnf install -y $(RPM_PKGS); \
	else echo "oomtop: no apt-get or dnf here: install by hand: $(DEB_PKGS)"; exit 1; fi

# deps, but only when something is missing (what='build' or 'test').
deps-if-missing:
	@missing=""; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing="pkg-config"; \
	for lib in $(LIBS_PC) $(if $(filter test,$(what)),cmocka); do \
	  [ -n "$$missing" ] || $(PKG_CONFIG) --exists $$lib || missing="$$missing $$lib"; \
	done; \
	if [ "$(what)" = test ]; then \
	  for tool in tmux jq man top unshare; do \
	    command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "oomtop: missing:$$missing; installing dependencies"; \
	  $(MAKE) --no-print-directory deps; \
	fi

run:
	@$(MAKE) --no-print-directory deps-if-missing what=build
	@$(MAKE) --no-print-directory all
	./oomtop $(ARGS)

# Every test, then every test again under ASan+UBSan; one summary line.
check:
	@$(MAKE) --no-print-directory deps-if-missing what=test
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test-build
	@$(MAKE) --no-print-directory BUILD=build/asan OUT=build/asan/oomtop SANITIZE=1 \
	  build/asan/oomtop test-build
	@rm -f build/results.*
	@echo "== tests (optimised build)"
	@tests/run.sh ./oomtop build build/results.main || true
	@echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  tests/run.sh build/asan/oomtop build/asan build/results.asan || true
	@tests/summary.sh build/results.main build/results.asan

test: all test-build
	@tests/run.sh ./oomtop build build/results.main; tests/summary.sh build/results.main

.PHONY: test-build
test-build: $(UNIT_BINS) $(FUZZ_BIN) $(HELPER_BINS)

bench: all $(HELPER_BINS)
	@tests/bench.sh ./oomtop build

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 oomtop $(DESTDIR)$(BINDIR)/oomtop
	install -m 0644 oomtop.1 $(DESTDIR)$(MANDIR)/man1/oomtop.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/oomtop $(DESTDIR)$(MANDIR)/man1/oomtop.1

clean:
	rm -rf build oomtop
