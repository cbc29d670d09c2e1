# Start-up: the feature rows of the issue and sector models compiled into
# images that the engine loads instead of parsing them (cls_image_write in
# engine/classify.h, secm_image_write in engine/secmodel.h). The engine uses
# an image only with the very model text it was made from; after a model
# is retrained, `make` rebuilds it (until then the text is read).
$(B)/gen/modelimage: engine/gen/modelimage.c $(B)/libqunsu.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(B)/data/issue.bin: $(B)/gen/modelimage models/issue.model
	@mkdir -p $(@D)
	$(B)/gen/modelimage issue models/issue.model $@

$(B)/data/sector.bin: $(B)/gen/modelimage models/sector.model
	@mkdir -p $(@D)
	$(B)/gen/modelimage sector models/sector.model $@

data: $(B)/data/issue.bin $(B)/data/sector.bin
