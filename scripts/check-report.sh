#!/usr/bin/env bash
# Renders `tierscore report` and checks it in a real browser (headless Chromium),
# the way a reader would open it: no console errors, the expected page shape,
# working column sorting, and a screenshot to look at.
#
# Usage:
#   scripts/check-report.sh [FRAMEWORK EVIDENCE [PROVIDERS]]
# Defaults to the shipped example round (ROUND). Then, when the round file
# ROUND (default examples/construction/round.toml, with a previous round) and the amendment file
# AMEND (default examples/construction/amendments.csv) exist, renders a draft for public notice
# and the final report of that round and checks the banner and its date, the reference-rating
# note, the movement column, the chart of rounds and the change log rows (one per amendment).
#
# Environment:
#   TIERSCORE   the binary to use (default: build target/debug/tierscore)
#   OUT         where to write report.html, dom.html and report.png (default: target/report-check)
#   LANG_ARG    zh or en (default: zh)
#   CHROMIUM    the browser (default: chromium; on Debian: apt-get install -y chromium fonts-noto-cjk)
#
# Exits non-zero when the browser logs any console message (errors, failed loads,
# uncaught exceptions), when a shape count is off, or when sorting misbehaves.
# Not part of `cargo test`: CI machines may have no browser.
set -euo pipefail

cd "$(dirname "$0")/.."
round=${ROUND:-examples/construction/round.toml}
framework_of() { # the framework a round file names, as a path from here
  echo "$(dirname "$1")/$(sed -n 's/^framework *= *"\(.*\)".*/\1/p' "$1")"
}
if [[ $# -ge 2 ]]; then
  framework=$1
  inputs=(-f "$1" -e "$2")
  if [[ -n ${3:-} ]]; then inputs+=(--providers "$3"); fi
else # the shipped example round: framework, evidence, providers, ledgers, as-of date
  framework=$(framework_of "$round")
  inputs=(-r "$round")
fi
out=${OUT:-target/report-check}
lang=${LANG_ARG:-zh}
chromium=${CHROMIUM:-chromium}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [[ -z ${TIERSCORE:-} ]]; then
  cargo build --quiet
  TIERSCORE=target/debug/tierscore
fi
command -v "$chromium" >/dev/null || { echo "error: $chromium not found (apt-get install -y chromium)" >&2; exit 2; }

"$TIERSCORE" --quiet report "${inputs[@]}" --lang "$lang" --date 2026-01-01 -o "$out/report.html"

browse() { # browse FILE extra-args...: headless Chromium, console on stderr
  local file=$1; shift
  local profile; profile=$(mktemp -d)
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@" "file://$file"
  rm -rf "$profile"
}

fail=0
# 1. Load the report as is: the DOM after scripts ran, and every console line.
browse "$out/report.html" --dump-dom >"$out/dom.html" 2>"$out/console.log"
if grep -q 'CONSOLE' "$out/console.log"; then
  echo "FAIL: console messages while loading the report:" >&2
  grep 'CONSOLE' "$out/console.log" >&2
  fail=1
fi

# 2. Shape counts, from the framework and the scores (independent of the HTML).
expect_providers=$(( $("$TIERSCORE" --quiet score "${inputs[@]}" --format csv | wc -l) - 1 ))
expect_outcomes=$(( $(grep -c '^\[\[tier\]\]' "$framework") + 3 ))  # tiers, incomplete, none, vetoed
expect_dimensions=$(grep -c '^\[\[dimension\]\]' "$framework")
count() { grep -o "$1" "$out/dom.html" | wc -l; }
tier_chart=$(sed -n '/<svg class="tier-chart"/,/<\/svg>/p' "$out/dom.html")
check() { # check NAME ACTUAL EXPECTED
  if [[ $2 -eq $3 ]]; then echo "ok   $1: $2"; else echo "FAIL $1: $2, expected $3" >&2; fail=1; fi
}
check "tier chart bars (<rect>)" "$(grep -o '<rect' <<<"$tier_chart" | wc -l)" "$expect_outcomes"
check "ranking rows" "$(sed -n '/<table class="sortable ranking/,/<\/table>/p' "$out/dom.html" | grep -o '<tr>' | wc -l)" $((expect_providers + 1))
check "provider sections" "$(count '<section class="provider"')" "$expect_providers"
if (( expect_dimensions >= 3 )); then
  # The frame (grid, spokes, names) is drawn once, and each tier's ring once on it; every chart
  # is one <use> of its frame, its score polygon and its scores.
  expect_tiers=$((expect_outcomes - 3))
  check "radar charts" "$(count '<svg class="radar"')" "$expect_providers"
  check "radar frame (drawn once)" "$(count '<g id="radar-frame">')" 1
  check "radar grid polygons (once)" "$(count '<polygon class="radar-grid"')" 4
  check "radar ring polygons (one per tier)" "$(count '<polygon class="radar-ring"')" "$expect_tiers"
  check "radar frame uses (one per chart, one per tier's ring)" "$(count '<use href="#radar-')" $((expect_providers + expect_tiers))
  check "radar score polygons" "$(count '<polygon class="radar-score"')" "$expect_providers"
  check "all polygons" "$(count '<polygon')" $((expect_providers + 4 + expect_tiers))
  first_points=$(grep -m1 -o '<polygon class="radar-score" points="[^"]*"' "$out/dom.html" | sed -n '1{s/.*points="//; s/"$//; p}')
  check "radar vertices (one per dimension)" "$(wc -w <<<"$first_points")" "$expect_dimensions"
else # fewer than three dimensions: bars instead of a radar
  check "dimension bar charts" "$(count '<svg class="dimension-bars"')" "$expect_providers"
  check "all polygons" "$(count '<polygon')" 0
fi
check "script elements" "$(count '<script')" 1
check "external references (src=, url( but url(#…) in the page, <link, http in attributes)" \
  "$(grep -Eo ' src=|url\([^#]|<link|="https?:' "$out/dom.html" | wc -l)" 0

# 3. Sorting, by clicking headers in the page itself; the test logs CHECK lines.
cat >"$out/sort-test.js" <<'JS'
(function () {
  var table = document.querySelector("table.ranking");
  var heads = table.tHead.rows[0].cells;
  var rowCount = table.tBodies[0].rows.length;
  function column(title) {
    for (var i = 0; i < heads.length; i++) { if (heads[i].textContent.trim() === title) { return i; } }
    return -1;
  }
  function values(i, sortKey) {
    return Array.prototype.map.call(table.tBodies[0].rows, function (r) {
      var c = r.cells[i];
      return sortKey && c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent.trim();
    });
  }
  function ordered(list, cmp) {
    for (var k = 1; k < list.length; k++) { if (cmp(list[k - 1], list[k]) > 0) { return false; } }
    return true;
  }
  function report(name, ok) { console.log("CHECK " + (ok ? "OK " : "FAIL ") + name); }
  var num = function (a, b) { return parseFloat(a) - parseFloat(b); };
  var total = column(document.documentElement.lang === "en" ? "total" : "总分");
  heads[total].querySelector("button").click();
  report("total ascending", ordered(values(total), num) && heads[total].getAttribute("aria-sort") === "ascending");
  heads[total].querySelector("button").click();
  report("total descending", ordered(values(total), function (a, b) { return num(b, a); }));
  var name = column(document.documentElement.lang === "en" ? "name" : "名称");
  if (name >= 0) {
    var collator = new Intl.Collator(document.documentElement.lang, { numeric: true });
    heads[name].querySelector("button").click();
    report("names by collation", ordered(values(name), collator.compare));
  }
  var tier = column(document.documentElement.lang === "en" ? "tier" : "等级");
  heads[tier].querySelector("button").click();
  report("tiers best first", ordered(values(tier, true), num));
  var movement = column(document.documentElement.lang === "en" ? "Since last round" : "较上轮");
  if (movement >= 0) {
    heads[movement].querySelector("button").click();
    report("movement up, same, down, new", ordered(values(movement, true), num));
  }
  report("every row kept", rowCount > 0 && table.tBodies[0].rows.length === rowCount);
})();
JS
sed "s#</body>#<script>$(tr '\n' ' ' <"$out/sort-test.js" | sed 's/[&#\\]/\\&/g')</script></body>#" \
  "$out/report.html" >"$out/sort-test.html"
browse "$out/sort-test.html" --dump-dom >/dev/null 2>"$out/sort-console.log"
grep -o 'CHECK [A-Z]* [^"]*' "$out/sort-console.log" | sed 's/^CHECK OK /ok   sort: /; s/^CHECK FAIL /FAIL sort: /'
if grep -q 'CHECK FAIL' "$out/sort-console.log" || ! grep -q 'CHECK OK' "$out/sort-console.log"; then
  echo "FAIL: sorting" >&2; fail=1
fi
if grep 'CONSOLE' "$out/sort-console.log" | grep -vq '"CHECK '; then
  echo "FAIL: console errors while sorting:" >&2
  grep 'CONSOLE' "$out/sort-console.log" | grep -v '"CHECK ' >&2
  fail=1
fi

# 4. A screenshot for a person to look at.
browse "$out/report.html" --hide-scrollbars --window-size=1280,2000 --screenshot="$out/report.png" \
  >/dev/null 2>&1
echo "report:     $out/report.html"
echo "screenshot: $out/report.png"

# 5. Rounds and publication (SPEC §9): a draft for public notice and the final report of a round
#    with a previous round (ROUND, default the shipped example) and amendments (AMEND).
amend=${AMEND:-examples/construction/amendments.csv}
if [[ -f $round && -f $amend ]]; then
  until=2026-07-31
  "$TIERSCORE" --quiet report -r "$round" --lang "$lang" --date 2026-07-01 --draft --objection-until "$until" \
    -o "$out/draft.html"
  "$TIERSCORE" --quiet report -r "$round" --lang "$lang" --date 2026-08-15 --amend "$amend" -o "$out/final.html"
  for page in draft final; do
    browse "$out/$page.html" --dump-dom >"$out/$page-dom.html" 2>"$out/$page-console.log"
    if grep -q 'CONSOLE' "$out/$page-console.log"; then
      echo "FAIL: console messages while loading the $page report:" >&2
      grep 'CONSOLE' "$out/$page-console.log" >&2
      fail=1
    fi
  done
  in_page() { grep -o "$2" "$out/$1-dom.html" | wc -l; }
  round_providers=$(( $("$TIERSCORE" --quiet score -r "$round" --format csv | wc -l) - 1 ))
  round_outcomes=$(( $(grep -c '^\[\[tier\]\]' "$(framework_of "$round")") + 3 ))  # tiers, incomplete, none, vetoed
  check "draft: 公示稿 banner" "$(in_page draft '<section id="notice" class="notice draft"')" 1
  check "draft: objection deadline in the banner" "$(sed -n '/id="notice"/,/<\/section>/p' "$out/draft-dom.html" | grep -o "$until" | wc -l)" 1
  check "draft: reference-rating note" "$(in_page draft 'id="reference"')" 1
  check "draft: movement cells" "$(in_page draft '<td class="movement')" "$round_providers"
  check "draft: chart of rounds" "$(in_page draft '<svg class="rounds-chart"')" 1
  check "draft: chart bars (two per outcome, two legend keys)" \
    "$(sed -n '/<svg class="rounds-chart"/,/<\/svg>/p' "$out/draft-dom.html" | grep -o '<rect' | wc -l)" $((2 * round_outcomes + 2))
  check "draft: no change log" "$(in_page draft 'id="changes"')" 0
  check "final: no banner" "$(in_page final 'class="notice draft"')" 0
  check "final: reference-rating note" "$(in_page final 'id="reference"')" 1
  check "final: change log rows" \
    "$(sed -n '/<table class="changes">/,/<\/table>/p' "$out/final-dom.html" | grep -o '<tr>' | wc -l)" "$(wc -l <"$amend")"  # header row + one per amendment
  browse "$out/draft.html" --hide-scrollbars --window-size=1280,1600 --screenshot="$out/draft.png" >/dev/null 2>&1
  browse "$out/final.html" --hide-scrollbars --window-size=1280,2400 --screenshot="$out/final.png" >/dev/null 2>&1
  echo "screenshots: $out/draft.png $out/final.png"
fi
if (( fail )); then echo "report check FAILED" >&2; exit 1; fi
echo "report check passed"
