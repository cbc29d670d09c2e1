# Merchant extraction data: toneless pinyin of CJK ideographs, generated
# with ICU at build time (homophone typos in merchant names).
$(B)/tools/mkpinyin: tools/mkpinyin.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(DEP_LIBS)

$(B)/data/pinyin.tsv: $(B)/tools/mkpinyin
	@mkdir -p $(@D)
	$< $@

data: $(B)/data/pinyin.tsv
