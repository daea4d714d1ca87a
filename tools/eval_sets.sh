#!/usr/bin/env bash
# Prints the README's accuracy rows: `petrel eval` on every gold set, each with the dictionaries
# it is meant for. Usage: tools/eval_sets.sh [PETREL] [DATA]   (defaults: target/release/petrel,
# ../shared/data). Extra arguments for every run go in $EVAL_ARGS (e.g. EVAL_ARGS=--parser).
set -euo pipefail
petrel=${1:-target/release/petrel}
data=${2:-../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A folder holding just the named dictionary files, as a user's --dictionaries DIR.
dicts() {
    local dir=$tmp/$1; shift
    mkdir -p "$dir"
    for f in "$@"; do cp "$data/$f" "$dir/"; done
    echo "$dir"
}
run() {
    local label=$1; shift
    echo "## $label"
    # The headline lines of each report (a gold file may give more than one set).
    "$petrel" eval "$@" ${EVAL_ARGS:-} |
        grep -E '^(==|records:|passed:|no-event|events:|level|full code|root \(|countries|code only)' || true
    echo
}
run "news-dev, built-in dictionaries" "$data/news-dev/news-dev.jsonl"
run "PETR.UnitTest.records, PETR.Validate dictionaries" "$data/petrarch2/PETR.UnitTest.records.xml" --no-builtin \
    --dictionaries "$(dicts unit petrarch2/PETR.Validate.{actors,agents,verbs,discards}.txt)"
run "PETR_Validate_records_2_02, _2_02 dictionaries" "$data/universal-petrarch/PETR_Validate_records_2_02.xml" --no-builtin \
    --dictionaries "$(dicts v202 universal-petrarch/PETR_Validate_{actors,agents,verbs,discards}_2_02.txt)"
run "PETR2_GSR_validation (AFP sample), CAMEO.2.0 + Phoenix dictionaries" "$data/universal-petrarch/PETR2_GSR_validation.xml" --no-builtin \
    --dictionaries "$(dicts phoenix petrarch2/CAMEO.2.0.txt petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt petrarch2/Phoenix.{agents,discards}.txt)"
run "PETR2_GSR_validation (AFP sample), built-in dictionaries" "$data/universal-petrarch/PETR2_GSR_validation.xml"
run "PLOVER_GSR_CAMEO, built-in dictionaries" "$data/plover/PLOVER_GSR_CAMEO.txt"
run "eval/petrel-gold.jsonl, built-in dictionaries" eval/petrel-gold.jsonl
