# Normalisation: the fold table is computed with ICU at build time
# (engine/gen/foldgen.c) and read by engine/normalize.c at run time. The
# simplified word list decides which characters the Traditional-Simplified
# step leaves alone.
FOLD_WORDS := dicts/base/jieba.dict.txt
$(B)/gen/foldgen: engine/gen/foldgen.c engine/foldfmt.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(DEP_LIBS)

$(B)/data/fold.bin: $(B)/gen/foldgen $(FOLD_WORDS)
	@mkdir -p $(@D)
	$(B)/gen/foldgen $@ $(FOLD_WORDS)

data: $(B)/data/fold.bin

# The PII masker compiles the surname list in (no file to find at run time).
$(B)/gen/pii_surnames.h: dicts/pii/surnames.txt
	@mkdir -p $(@D)
	LC_ALL=C awk -F'\t' '!/^#/ && NF { printf "{\"%s\", %d},\n", $$1, ($$2 == "ambiguous") }' $< | LC_ALL=C sort -u > $@

$(B)/engine/pii.o: $(B)/gen/pii_surnames.h
$(B)/engine/pii.o: CPPFLAGS += -iquote $(B)/gen

$(B)/bench/normbench: bench/normbench.c $(B)/libqunsu.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)
