#!/bin/sh
# bench/normalize.sh BUILD_DIR: normalisation and PII-masking throughput on
# real consumer reviews (../shared/data/reviews, public data, measuring only).
B=${1:-build}
data=../shared/data/reviews/online_shopping_10_cats.csv
if [ ! -f "$data" ]; then
    echo "normalize bench: $data absent, skipped"
    exit 0
fi
make -s B="$B" "$B/bench/normbench" || exit 1
echo "== normalisation (reviews: online_shopping_10_cats.csv)"
nice "$B/bench/normbench" "$data" 5
