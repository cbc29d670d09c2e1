# Segmentation: the compiled dictionary and the ICU word-break baseline.
DICT_WORDS := dicts/base/jieba.dict.txt $(sort $(wildcard dicts/words/*.txt))
DICT_HMM   := dicts/base/jieba.hmm.tsv

data: $(B)/data/dict.bin

$(B)/data/dict.bin: $(B)/qunsu $(DICT_WORDS) $(DICT_HMM)
	@mkdir -p $(@D)
	$(B)/qunsu dict-compile --out $@ --hmm $(DICT_HMM) $(DICT_WORDS)

$(B)/bench/icu_wordbreak: bench/icu_wordbreak.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(DEP_LIBS)

bench: $(B)/bench/icu_wordbreak
