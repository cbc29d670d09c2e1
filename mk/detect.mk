# Detector benchmark driver: feeds a scenario's gold fields into det_*.
$(B)/bench/detect_feed: bench/detect_feed.c $(B)/libqunsu.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

all: $(B)/bench/detect_feed
