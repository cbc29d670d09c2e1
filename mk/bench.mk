# Benchmarks: release build, never part of `make test`.
bench: all
	@for s in bench/*.sh; do [ -f "$$s" ] && sh "$$s" $(B) || exit 1; done
