# gpucap: a hand-written POSIX-style Makefile (GNU make).
# `make` builds ./gpucap; `make check` runs every test, also under ASan/UBSan.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
# -O3: the threaded 1e7-row CSV report runs 4-5% faster than at -O2 (make
# bench), from code layout more than from fewer instructions.
CFLAGS ?= -O3 -g
PKG_CONFIG ?= pkg-config
# libcsv ships no pkg-config file on Debian.
LIBCSV ?= -lcsv
CJSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
CJSON_LIBS = $(or $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null),-lcjson)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(or $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null),-lcmocka)

# Warnings are errors in make check and CI (WERROR=-Werror), not in a plain
# make: a newer compiler's new warning must not break a user's build.
WERROR ?=
WARN = -Wall -Wextra -Wpedantic -Wstrict-prototypes $(WERROR)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -DGPUCAP_VERSION='"$(VERSION)"' \
	-pthread -Iinclude -Isrc $(CJSON_CFLAGS) $(WARN) $(CFLAGS)
LIBS = $(LIBCSV) $(CJSON_LIBS) -lm -pthread

# Quiet by default; `make V=1` shows the commands.
ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-6s %s\n'
endif

SANITIZE = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC = $(wildcard src/*.c)
LIB_SRC = $(filter-out src/main.c,$(SRC))
TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

# Build flavours: build/ (normal) and build/asan/ (sanitizers).
B = build
OBJ = $(patsubst src/%.c,$(B)/%.o,$(LIB_SRC)) $(B)/catalog_data.o

.PHONY: FORCE all check test unit cli sanitize tsan clang valgrind replay fuzz fuzz-seeds epoch \
	bench demo deps install uninstall install-test man-check chart-render clean fmt \
	fmt-check
.SUFFIXES:
.PRECIOUS: build/fuzz/lib/%.o

all: gpucap

gpucap: $(B)/main.o $(OBJ)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The flags an object was built with: when they change (make, then make
# check with -Werror), every object is built again.
$(B)/cflags: FORCE | $(B)
	@echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' > $@

$(B)/%.o: src/%.c $(B)/cflags | $(B)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The catalog is compiled in, so an installed gpucap needs no data files.
$(B)/catalog_data.c: data/accelerators.csv | $(B)
	$(say) GEN $@
	$(Q){ echo '#include <stddef.h>'; \
	  echo 'const unsigned char gpucap_builtin_catalog[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '};'; \
	  echo 'const size_t gpucap_builtin_catalog_len = sizeof gpucap_builtin_catalog;'; \
	} > $@.tmp && mv $@.tmp $@

$(B)/catalog_data.o: $(B)/catalog_data.c $(B)/cflags
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/test_%: tests/unit/test_%.c $(OBJ) | $(B)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP -o $@ $< $(OBJ) $(CMOCKA_LIBS) $(LIBS)

$(B):
	$(Q)mkdir -p $(B)

# cmocka prints every test; keep the summaries and any failure.
unit: $(addprefix $(B)/,$(TESTS))
	@set -e; for t in $(TESTS); do \
		./$(B)/$$t > $(B)/$$t.log 2>&1 || { cat $(B)/$$t.log; exit 1; }; \
		printf '  %-6s %s: %s\n' UNIT $$t "$$(grep -c '^\[       OK' $(B)/$$t.log) passed"; \
	done

# End-to-end cases; the TAP lines go to a log, failures to the terminal.
cli: gpucap
	@sh tests/cli/run.sh ./gpucap > $(B)/cli.log || { grep -v '^ok' $(B)/cli.log; exit 1; }
	@tail -n 1 $(B)/cli.log

# A binary per build flavour (build/asan, build/clang).
$(B)/gpucap-bin: $(B)/main.o $(OBJ)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The same suites in a build with AddressSanitizer and UBSan.
sanitize:
	@$(MAKE) -s --no-print-directory B=build/asan \
		CFLAGS="-O1 -g $(SANITIZE)" LDFLAGS="$(SANITIZE)" \
		build/asan/gpucap-bin unit
	@sh tests/cli/run.sh ./build/asan/gpucap-bin > build/asan/cli.log || \
		{ grep -v '^ok' build/asan/cli.log; exit 1; }
	@echo "  ASAN   $$(tail -n 1 build/asan/cli.log | sed 's/^# //')"

# The threaded code under ThreadSanitizer (clang's), where clang is
# installed: the reader's parts test and the end-to-end case that reads on
# threads; the fleet's tests, which sample on two threads.
TSAN = -fsanitize=thread
tsan:
	@if command -v clang >/dev/null; then \
		$(MAKE) -s --no-print-directory B=build/tsan CC=clang \
			CFLAGS="-O1 -g $(TSAN)" LDFLAGS="$(TSAN)" \
			build/tsan/test_parts build/tsan/test_fleet \
			build/tsan/gpucap-bin && \
		for t in test_parts test_fleet; do \
			./build/tsan/$$t > build/tsan/$$t.log 2>&1 || \
				{ cat build/tsan/$$t.log; exit 1; }; \
		done && \
		{ sh tests/cli/run.sh ./build/tsan/gpucap-bin threads_agree threads_agree_ndjson threads_agree_json threads_long_lines \
			> build/tsan/cli.log || { cat build/tsan/cli.log; exit 1; }; } && \
		echo "  TSAN   test_parts, test_fleet, threads_agree(_ndjson, _json), threads_long_lines: no data race"; \
	else echo "clang not installed: skipping ThreadSanitizer"; fi

# Everything also compiles warning-free with clang, when it is installed.
clang:
	@if command -v clang >/dev/null; then \
		$(MAKE) -s --no-print-directory B=build/clang CC=clang \
			build/clang/gpucap-bin $(addprefix build/clang/,$(TESTS)) && \
		echo "clang build: no warnings"; \
	else echo "clang not installed: skipping the clang build"; fi

# The end-to-end suite again under valgrind, where it is installed.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect
valgrind: gpucap
	@if command -v valgrind >/dev/null; then \
		GPUCAP_WRAPPER="$(VALGRIND)" sh tests/cli/run.sh ./gpucap > $(B)/valgrind.log || \
			{ grep -v '^ok' $(B)/valgrind.log; exit 1; }; \
		echo "  VGRIND $$(tail -n 1 $(B)/valgrind.log | sed 's/^# //')"; \
	else echo "valgrind not installed: skipping the valgrind run"; fi

# ---- fuzzing ----
# Each harness in tests/fuzz/ runs under libFuzzer (make fuzz, clang) and,
# once over its seeds and past crashes, under ASan in make check (replay).
FUZZERS = quantity quarter check checkfile csv json catalog report epoch output
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
SEEDS_quantity = tests/fuzz/seeds/quantity/*
SEEDS_quarter = tests/fuzz/seeds/quarter/*
SEEDS_check = tests/fuzz/seeds/check/* data/*.checks tests/cli/checks/*.checks \
	tests/cli/corpus/*.checks
SEEDS_checkfile = tests/fuzz/seeds/checkfile/* data/*.checks \
	tests/cli/checks/*.checks tests/cli/corpus/*.checks
SEEDS_csv = tests/cli/ledgers/*.csv tests/cli/ledgers/*.tsv tests/cli/edge/*.csv \
	tests/cli/corpus/*.csv tests/cli/corpus/*.tsv
SEEDS_json = tests/cli/ledgers/*.json tests/cli/ledgers/*.ndjson data/*.json \
	tests/cli/edge/*.json tests/cli/corpus/*.json tests/cli/corpus/*.ndjson
SEEDS_catalog = data/accelerators.csv tests/cli/catalogs/*.csv \
	tests/cli/corpus/catalog-*.csv
SEEDS_report = tests/cli/ledgers/* data/tesla-2024.csv data/tesla-2024.json \
	data/tesla-range.csv \
	tests/cli/corpus/*.csv tests/cli/corpus/*.json tests/cli/corpus/*.ndjson
SEEDS_epoch = tests/cli/epoch/clusters*.csv tests/cli/ledgers/acme.csv
SEEDS_output = tests/fuzz/seeds/output/*

fuzz-seeds:
	@$(foreach f,$(FUZZERS),sh tests/fuzz/seed.sh $(f) build/fuzz-seeds/$(f) $(SEEDS_$(f)) &&) true

$(B)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(OBJ) | $(B)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/replay.c $(OBJ) $(LIBS)

# The harnesses once over every seed and every crash ever kept.
replay: fuzz-seeds
	@$(MAKE) -s --no-print-directory B=build/asan \
		CFLAGS="-O1 -g $(SANITIZE)" LDFLAGS="$(SANITIZE)" \
		$(addprefix build/asan/replay_,$(FUZZERS))
	@set -e; for f in $(FUZZERS); do \
		./build/asan/replay_$$f build/fuzz-seeds/$$f tests/fuzz/regressions/$$f \
			> build/asan/replay_$$f.log 2>&1 || \
			{ cat build/asan/replay_$$f.log; exit 1; }; \
		! grep -q 'runtime error' build/asan/replay_$$f.log || \
			{ cat build/asan/replay_$$f.log; exit 1; }; \
		sed 's|^\./build/asan/replay_|  REPLAY |' build/asan/replay_$$f.log; \
	done

FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -Itests/fuzz \
	$(CJSON_CFLAGS) -g -O1
FUZZ_OBJ = $(patsubst src/%.c,build/fuzz/lib/%.o,$(LIB_SRC)) build/fuzz/lib/catalog_data.o

build/fuzz/lib/%.o: src/%.c
	@mkdir -p build/fuzz/lib
	$(say) CC $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined \
		-MMD -MP -c -o $@ $<

build/fuzz/lib/catalog_data.o: build/catalog_data.c
	@mkdir -p build/fuzz/lib
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(say) FUZZ $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -MMD -MP -o $@ $< $(FUZZ_OBJ) $(LIBS)

# Each harness for FUZZ_SECONDS from its seeds; a crash stops with the
# input in build/fuzz/artifacts/ (copy it to tests/fuzz/regressions/).
fuzz: fuzz-seeds $(addprefix build/fuzz/fuzz_,$(FUZZERS))
	@set -e; for f in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus/$$f build/fuzz/artifacts/$$f; \
		./build/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
			-artifact_prefix=build/fuzz/artifacts/$$f/ \
			build/fuzz/corpus/$$f build/fuzz-seeds/$$f tests/fuzz/regressions/$$f \
			> build/fuzz/$$f.log 2>&1 || { tail -40 build/fuzz/$$f.log; exit 1; }; \
		printf '  FUZZ   %-9s %s executions in %ss, no finding\n' $$f \
			"$$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/$$f.log)" \
			$(FUZZ_SECONDS); \
	done

# Epoch AI's own H100 equivalents reproduced from its GPU-clusters and
# hardware datasets, which sit beside the checkout (never in it).
EPOCH_DIR ?= ../shared/data/epoch
epoch: gpucap
	@if command -v python3 >/dev/null; then \
		python3 tests/epoch/reproduce.py ./gpucap $(EPOCH_DIR) --quiet && \
		echo "chip-owner stocks from quarterly purchases, built-in catalog:" && \
		python3 tests/epoch/owners.py ./gpucap $(EPOCH_DIR) && \
		echo "the same with --catalog data/epoch-basis.csv (Epoch AI's basis):" && \
		python3 tests/epoch/owners.py ./gpucap $(EPOCH_DIR) \
			--catalog data/epoch-basis.csv && \
		echo "sampled (--samples 2000, Epoch AI's basis): intervals and medians:" && \
		python3 tests/epoch/owners.py ./gpucap $(EPOCH_DIR) \
			--catalog data/epoch-basis.csv --samples 2000; \
	else echo "python3 not installed: skipping the Epoch AI reproduction"; fi

check: deps
	@$(MAKE) --no-print-directory WERROR=-Werror fmt-check unit cli clang sanitize tsan \
		replay epoch valgrind install-test man-check chart-render
	@echo "make check: all tests passed"

test: check

# Speed and memory against peers on generated ledgers; never part of check.
# BENCH_DUCKDB names a folder where `npm install @duckdb/node-api` was run.
BENCH_SIZES ?= 1e5,1e6,3e6,1e7
BENCH_FORMATS ?= csv,tsv,ndjson,json
BENCH_RUNS ?= 3
BENCH_DIR ?= /tmp/gpucap-bench
BENCH_DUCKDB ?=
$(B)/bench/gen: tests/bench/gen.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -O2 -o $@ $<

$(B)/bench/csvfloor: tests/bench/csvfloor.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -O2 -o $@ $< $(LIBS)

BENCH_PYTHON ?= /usr/bin/python3
bench: gpucap $(B)/bench/gen $(B)/bench/csvfloor
	python3 tests/bench/bench.py ./gpucap $(B)/bench/gen --floor $(B)/bench/csvfloor \
		--sizes $(BENCH_SIZES) \
		--formats $(BENCH_FORMATS) --runs $(BENCH_RUNS) --dir $(BENCH_DIR) $(if $(BENCH_DUCKDB),--duckdb $(BENCH_DUCKDB))
	python3 tests/bench/sampling.py ./gpucap --runs $(BENCH_RUNS) --dir $(BENCH_DIR) \
		--python $(BENCH_PYTHON) --epoch $(EPOCH_DIR)

demo: deps
	@$(MAKE) --no-print-directory gpucap
	./gpucap report data/tesla-2024.csv

# Installs the three libraries with apt-get where they are missing.
deps:
	@if printf '#include <csv.h>\n#include <cjson/cJSON.h>\n#include <stdarg.h>\n#include <stddef.h>\n#include <setjmp.h>\n#include <stdint.h>\n#include <cmocka.h>\n' \
		| $(CC) -E -x c - >/dev/null 2>&1 && command -v $(PKG_CONFIG) >/dev/null; then :; \
	else \
		echo "installing libcsv-dev libcjson-dev libcmocka-dev pkg-config"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libcsv-dev libcjson-dev libcmocka-dev pkg-config; \
	fi

COMPDIR ?= $(PREFIX)/share/bash-completion/completions

install: gpucap
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPDIR)
	cp gpucap $(DESTDIR)$(BINDIR)/gpucap
	chmod 755 $(DESTDIR)$(BINDIR)/gpucap
	cp data/gpucap.1 $(DESTDIR)$(MANDIR)/man1/gpucap.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/gpucap.1
	cp data/gpucap.bash $(DESTDIR)$(COMPDIR)/gpucap
	chmod 644 $(DESTDIR)$(COMPDIR)/gpucap

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gpucap $(DESTDIR)$(MANDIR)/man1/gpucap.1 \
		$(DESTDIR)$(COMPDIR)/gpucap

# make install into a staging folder, run the installed binary from / (no
# data files), then make uninstall: nothing of ours may be left.
install-test: gpucap
	@stage=$$(mktemp -d "$${TMPDIR:-/tmp}/gpucap-stage.XXXXXX") && \
	$(MAKE) -s --no-print-directory install PREFIX=/usr/local DESTDIR=$$stage >/dev/null && \
	test -x $$stage/usr/local/bin/gpucap && \
	test -f $$stage/usr/local/share/man/man1/gpucap.1 && \
	test -f $$stage/usr/local/share/bash-completion/completions/gpucap && \
	(cd / && $$stage/usr/local/bin/gpucap convert 1000 B200 -f csv) | grep -q '^B200,1000,' && \
	$(MAKE) -s --no-print-directory uninstall PREFIX=/usr/local DESTDIR=$$stage && \
	test -z "$$(find $$stage -type f)" && rm -rf $$stage && \
	echo "  INSTALL binary, man page and completion installed, run from /, uninstalled"

# Charts are well-formed SVG that draws a picture (xmllint, rsvg-convert and
# a pixel count in Python), where those are installed.
chart-render: gpucap
	@if command -v xmllint >/dev/null && command -v rsvg-convert >/dev/null && \
		command -v python3 >/dev/null; then \
		mkdir -p $(B)/chart && \
		./gpucap chart data/tesla-2024.csv -o $(B)/chart/tesla.svg && \
		./gpucap chart data/three-labs.csv -o $(B)/chart/three-labs.svg && \
		./gpucap chart --style bars --column added_h100e data/three-labs.csv \
			-o $(B)/chart/bars.svg && \
		./gpucap chart --log --total --project-to 2027Q4 data/three-labs.csv \
			-o $(B)/chart/log-projected.svg && \
		./gpucap chart data/tesla-range.csv -o $(B)/chart/tesla-range.svg && \
		python3 tests/chart/render.py $(B)/chart $(B)/chart/*.svg; \
	else echo "xmllint, rsvg-convert or python3 not installed: skipping the chart rendering check"; fi

# The man page renders without a warning, where mandoc or groff is installed.
man-check:
	@if command -v mandoc >/dev/null; then \
		mandoc -Tlint -W warning data/gpucap.1 && echo "  MAN    mandoc -Tlint: no warnings"; \
	elif command -v groff >/dev/null; then \
		groff -ww -mdoc -Tutf8 -z data/gpucap.1 && echo "  MAN    groff -ww: no warnings"; \
	else echo "mandoc and groff not installed: skipping the man page check"; fi

FMT_FILES = src/*.c src/*.h include/gpucap/*.h tests/unit/*.c tests/unit/*.h \
	tests/fuzz/*.c tests/fuzz/*.h tests/bench/*.c

fmt:
	clang-format -i $(FMT_FILES)

# The style is checked by the tool, where it is installed.
fmt-check:
	@if command -v clang-format >/dev/null; then \
		clang-format --dry-run --Werror $(FMT_FILES) && echo "clang-format: clean"; \
	else echo "clang-format not installed: skipping the style check"; fi

clean:
	rm -rf build gpucap

-include $(wildcard $(B)/*.d build/fuzz/lib/*.d build/fuzz/*.d)
