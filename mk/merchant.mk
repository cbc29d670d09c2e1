# Merchant extraction data: toneless pinyin of CJK ideographs, generated
# with ICU at build time (homophone typos in merchant names).
$(B)/tools/mkpinyin: tools/mkpinyin.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(DEP_LIBS)

$(B)/data/pinyin.tsv: $(B)/tools/mkpinyin
	@mkdir -p $(@D)
	$< $@

data: $(B)/data/pinyin.tsv

# Dictionary words that cannot be a 字号 (trade name), from the part-of-speech
# tags of the segmenter's base list, stripped from the front of a 字号
# (投资|兴业银行, 多数|银行): W = verbs, pronouns, adverbs, prepositions,
# conjunctions seen 1,000 times or more (a 字号 that is only one of them names
# no business: 鼓励|保险公司); S = the rarer of those, verbal nouns, numerals,
# measure words, time and place words (一点点瑜伽, 安居食府 stay names).
$(B)/data/merch_plain.tsv: dicts/base/jieba.dict.txt mk/merchant.mk
	@mkdir -p $(@D)
	awk '$$2 >= 1000 && $$3 ~ /^(v|vd|r|p|c|u|d|y|e|o)$$/ { print $$1 "\tW"; next } \
	     $$2 >= 30 && $$3 ~ /^(v|vd|vn|r|p|c|u|d|y|e|o|m|mq|q|f|t)$$/ { print $$1 "\tS" }' $< > $@

data: $(B)/data/merch_plain.tsv
