# The history stage of `qunsu run` on its own (bench/streamcore.c): used by
# bench/stream.sh and the hard-case tests.
$(B)/bench/streamcore: bench/streamcore.c $(B)/libqunsu.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

all: $(B)/bench/streamcore
test-bins: $(B)/bench/streamcore
