# qunsu: streaming early-warning engine for clustered consumer complaints.
# Plain GNU make, non-recursive. `make deps` installs what is missing (Debian),
# `make` builds build/qunsu, `make test` runs the sanitized test suite.

PREFIX     ?= /usr/local
PKG_CONFIG ?= pkg-config
PKGS       := icu-uc icu-i18n libcjson gsl sqlite3

STD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN   := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wformat=2 -Wwrite-strings -Wvla
WERROR ?= -Werror
OPT    ?= -O2 -g

B ?= build
ifeq ($(SANITIZE),1)
  OPT      := -O1 -g -fno-omit-frame-pointer
  SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
endif

DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lstemmer -lm
CPPFLAGS   += -iquote engine $(DEP_CFLAGS) -DQS_PREFIX='"$(PREFIX)"'
ALL_CFLAGS  = $(STD) $(WARN) $(WERROR) $(OPT) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC   := $(filter-out engine/main.c,$(wildcard engine/*.c))
LIB_OBJ   := $(patsubst %.c,$(B)/%.o,$(LIB_SRC))
UNIT_BIN  := $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

# Debian packages the project needs; `make deps` installs the missing ones.
DEB_PKGS := build-essential pkg-config libicu-dev libcjson-dev libgsl-dev \
            libsqlite3-dev sqlite3 libstemmer-dev python3 python3-jieba time

.PHONY: all deps demo test check bench clean install uninstall data
.DELETE_ON_ERROR:

all: $(B)/qunsu data

$(B)/libqunsu.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(B)/qunsu: $(B)/engine/main.o $(B)/libqunsu.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS) $(LDLIBS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/libqunsu.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -iquote tests $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

include mk/*.mk

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "all Debian packages present"; fi

demo: deps
	$(MAKE) all
	sh corpora/demo.sh $(B)/qunsu

test: deps
	$(MAKE) B=build/san SANITIZE=1 all test-bins
	sh tests/run.sh build/san

test-bins: $(UNIT_BIN)
check: test

clean:
	rm -rf build

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/qunsu
	install -m 755 $(B)/qunsu $(DESTDIR)$(PREFIX)/bin/qunsu
	# a running qunsu maps data files: replace them (new files), never overwrite
	cp -R --remove-destination $(B)/data dicts models $(DESTDIR)$(PREFIX)/share/qunsu/

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/qunsu $(DESTDIR)$(PREFIX)/share/qunsu

-include $(LIB_OBJ:.o=.d) $(B)/engine/main.d
