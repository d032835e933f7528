#!/usr/bin/env bash
# Side-by-side benchmark: tierscore vs polars vs DuckDB vs pandas on the same data.
#
#   pip install polars pandas duckdb        # once
#   bash bench/run.sh [PROVIDERS] [INDICATORS]     # default 100000 x 40 (4,000,000 long rows)
#
# Prints wall time and peak memory (max RSS, from /usr/bin/time -v) of each, checks that all
# four agree on every total, tier and rank, and times tierscore on the wide file too.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
m=${2:-40}
data=${BENCH_DIR:-target/bench-data/${n}x${m}}
[ -f "$data/long.csv" ] || python3 bench/generate.py "$n" "$m" "$data"
cargo build --release --quiet
bin=target/release/tierscore

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -v "$@" 2> "$data/$name.time" > /dev/null
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$data/$name.time" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$data/$name.time" | awk '{print $NF}')
  printf '%-22s %10s s %10.1f MiB\n' "$name" "$wall" "$(awk "BEGIN{print $rss/1024}")"
}

echo "data: $n providers x $m indicators, $(du -h "$data/long.csv" | cut -f1) long CSV"
printf '%-22s %12s %14s\n' tool "wall (m:ss)" "peak memory"
measure "tierscore (long)" "$bin" score -f "$data/framework.toml" -e "$data/long.csv" --format csv -o "$data/tierscore.csv"
measure "tierscore (wide)" "$bin" score -f "$data/framework.toml" -e "$data/wide.csv" --format csv -o "$data/tierscore-wide.csv"
measure "polars" python3 bench/score_polars.py "$data" "$data/polars.csv"
measure "duckdb" python3 bench/score_duckdb.py "$data" "$data/duckdb.csv"
measure "pandas" python3 bench/score_pandas.py "$data" "$data/pandas.csv"
python3 bench/compare.py "$data/tierscore.csv" "$data/polars.csv"
python3 bench/compare.py "$data/tierscore.csv" "$data/duckdb.csv"
python3 bench/compare.py "$data/tierscore.csv" "$data/pandas.csv"
python3 bench/compare.py "$data/tierscore.csv" "$data/tierscore-wide.csv"
