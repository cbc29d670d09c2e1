# Cross-check against R's surveillance package (bench/surveillance.sh): the
# probe that evaluates engine/stats.c on queries. R itself is optional and
# never installed by `make deps`: `make bench-deps` installs it.
$(B)/bench/stats_probe: bench/stats_probe.c $(B)/libqunsu.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

all: $(B)/bench/stats_probe

.PHONY: bench-deps
bench-deps:
	@if dpkg-query -W -f='$${Status}' r-cran-surveillance 2>/dev/null | grep -q 'install ok installed'; then \
	  echo "r-cran-surveillance present"; \
	else \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-cran-surveillance; \
	fi
