# satreport - one non-recursive GNU Makefile
#
#   make run     install what is missing, build, run pipelines/example.ini
#   make test    install what tests need, build (release + asan), run every test
#   make bench   benchmark (docs/benchmarks.md)
#   make install / uninstall   PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
VERSION := 0.1.0
Q := @
ifeq ($(V),1)
Q :=
endif

CC ?= cc
# Debian packages the build, the run and the tests need (make deps)
DEPS_BUILD := gcc make pkg-config bc scdoc libxlsxwriter-dev libhpdf-dev libexpat1-dev \
	libpcre2-dev libcsv-dev libinih-dev libutf8proc-dev libgsl-dev zlib1g-dev libssl-dev libsodium-dev \
	fonts-wqy-zenhei
DEPS_TEST := libcmocka-dev poppler-utils qpdf python3 python3-openpyxl \
	python3-scipy python3-numpy libreoffice-calc-nogui clang valgrind

PKGS := xlsxwriter expat libpcre2-8 inih libutf8proc gsl libcrypto libsodium
WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wwrite-strings -Wformat=2 \
	-Wvla -Wcast-qual -Wundef
BASE_CFLAGS := -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	-DSR_HAVE_SODIUM -DSR_VERSION='"$(VERSION)"' -DSR_DATADIR='"$(PREFIX)/share/satreport"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lcsv -lm -pthread

REL_CFLAGS := -O2 -g $(BASE_CFLAGS) $(CFLAGS)
ASAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
ASAN_CFLAGS := $(ASAN_FLAGS) $(BASE_CFLAGS) -Werror -DSR_TESTING $(CFLAGS)

SRC := $(shell find src -name '*.c' ! -name main.c | sort)
UNIT := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZERS := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/tests/fuzz/%)

REL_OBJ := $(SRC:%.c=build/release/%.o)
ASAN_OBJ := $(SRC:%.c=build/asan/%.o)

.PHONY: all run test unit golden check bench deps deps-test install uninstall \
	clean format check-format lint asan example

all: build/release/satreport

# --- dependencies (apt) -----------------------------------------------------
deps:
	$(Q)sh tests/install-deps.sh $(DEPS_BUILD)

deps-test:
	$(Q)sh tests/install-deps.sh $(DEPS_BUILD) $(DEPS_TEST)

# --- build ------------------------------------------------------------------
build/release/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(REL_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/asan/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC asan $<"
	$(Q)$(CC) $(ASAN_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/release/libsr.a: $(REL_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

build/asan/libsr.a: $(ASAN_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

build/release/satreport: build/release/src/main.o build/release/libsr.a
	@echo "  LD      $@"
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/satreport: build/asan/src/main.o build/asan/libsr.a
	@echo "  LD asan $@"
	$(Q)$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/tests/unit/%: tests/unit/%.c build/asan/libsr.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(ASAN_CFLAGS) $(PKG_CFLAGS) -Wno-missing-prototypes \
		-o $@ $< build/asan/libsr.a $(PKG_LIBS) -lcmocka

build/release/tools/%: tests/bench/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $< -lm

# the benchmark's floor: libxlsxwriter alone (docs/benchmarks.md)
build/release/tools/xlsx_floor: tests/bench/xlsx_floor.c
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $< $(shell pkg-config --cflags --libs xlsxwriter)

asan: build/asan/satreport

# --- run --------------------------------------------------------------------
run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./build/release/satreport run pipelines/example.ini; rc=$$?; \
	  if [ $$rc -gt 1 ]; then exit $$rc; fi; \
	  echo "satreport: output/example/ holds the report (exit $$rc: see rejects.csv)"

# regenerate the bundled example input (deterministic)
example: build/release/tools/gen_forms
	$(Q)./build/release/tools/gen_forms --example input/example \
		--manifest tests/data/example-expected-rejects.csv \
		--counts tests/data/example-expected-counts.txt

# --- tests ------------------------------------------------------------------
UNIT_BINS := $(UNIT:tests/unit/%.c=build/asan/tests/unit/%)

test: deps-test
	$(Q)$(MAKE) --no-print-directory check

check: all build/asan/satreport $(UNIT_BINS) build/release/tools/gen_forms \
		$(FUZZERS)
	$(Q)sh tests/run-tests.sh $(UNIT_BINS)

# --- benchmark --------------------------------------------------------------
bench: deps all build/release/tools/gen_forms build/release/tools/xlsx_floor
	$(Q)sh tests/bench/bench.sh

# --- fuzzing (clang libFuzzer; docs/hardening.md) ---------------------------
# make fuzz            every harness in tests/fuzz/ for FUZZ_SECONDS each
# make fuzz-build      just build them (make check does, for tests/e2e/fuzz.sh)
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_SAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZ_CFLAGS := $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(BASE_CFLAGS) \
	-Wno-format-nonliteral -DSR_TESTING -DSR_FUZZING $(CFLAGS)
FUZZ_OBJ := $(SRC:%.c=build/fuzz/%.o)

.PHONY: fuzz fuzz-build

build/fuzz/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/fuzz/libsr.a: $(FUZZ_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

build/fuzz/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/harness.h tests/fuzz/forms.h \
		build/fuzz/libsr.a
	@mkdir -p $(dir $@)
	@echo "  FUZZER  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer $(BASE_CFLAGS) -Werror \
		-Wno-missing-prototypes -DSR_FUZZ_ROOT='"$(CURDIR)"' $(PKG_CFLAGS) \
		-o $@ $< build/fuzz/libsr.a $(PKG_LIBS)

fuzz-build: $(FUZZERS)

fuzz: fuzz-build
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

# --- install ----------------------------------------------------------------
# docs/install.md describes the layout.  uninstall removes exactly the files
# install places (the same lists), then the folders of ours left empty.
BINDIR = $(DESTDIR)$(PREFIX)/bin
SHAREDIR = $(DESTDIR)$(PREFIX)/share/satreport
MAN1DIR = $(DESTDIR)$(PREFIX)/share/man/man1
COMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
DOCDIR = $(DESTDIR)$(PREFIX)/share/doc/satreport
INST_DATA = $(shell find templates -type f ! -name '.*' | LC_ALL=C sort)
INST_DOCS = README.md $(sort $(wildcard docs/*.md))

.PHONY: man deb deb-check install-check

man: build/satreport.1

# the man page: scdoc source -> roff (Debian package scdoc)
build/satreport.1: docs/man/satreport.1.scd
	@mkdir -p $(dir $@)
	@echo "  SCDOC   $@"
	$(Q)scdoc <$< >$@.tmp && mv $@.tmp $@

install: all man
	install -d $(BINDIR) $(SHAREDIR) $(MAN1DIR) $(COMPDIR) $(DOCDIR)
	install -m 755 build/release/satreport $(BINDIR)/satreport
	$(Q)for f in $(INST_DATA); do \
	  install -D -m 644 "$$f" "$(SHAREDIR)/$$f" || exit 1; done
	install -m 644 build/satreport.1 $(MAN1DIR)/satreport.1
	install -m 644 contrib/bash-completion/satreport $(COMPDIR)/satreport
	install -m 644 $(INST_DOCS) $(DOCDIR)/

uninstall:
	rm -f $(BINDIR)/satreport $(MAN1DIR)/satreport.1 $(COMPDIR)/satreport
	$(Q)for f in $(INST_DATA); do rm -f "$(SHAREDIR)/$$f"; done
	$(Q)for f in $(notdir $(INST_DOCS)); do rm -f "$(DOCDIR)/$$f"; done
	$(Q)for d in $(SHAREDIR) $(DOCDIR); do \
	  [ -d "$$d" ] && find "$$d" -depth -type d -empty -delete; true; done

# make install into a scratch prefix, init + run from there, uninstall
install-check: all man
	$(Q)sh tests/e2e/install.sh

# the Debian package build/satreport_$(VERSION)_amd64.deb (docs/install.md)
deb:
	$(Q)sh contrib/build-deb.sh

# as root: make deb, apt install it, init + run, man, apt remove, no leftovers
deb-check:
	$(Q)sh contrib/deb-check.sh

# --- hygiene ----------------------------------------------------------------
format:
	clang-format -i $(shell find src tests/unit tests/bench tests/fuzz -name '*.[ch]')

check-format:
	clang-format --dry-run -Werror $(shell find src tests/unit tests/bench tests/fuzz -name '*.[ch]')

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
		--inline-suppr -I src src
	$(Q)! grep -rnE '\b(gets|strcpy|strcat|sprintf|strtok|atoi|atof|sscanf)\(' src \
		|| (echo "banned function used" && false)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
