#!/usr/bin/env bash
# Opens every export in the program a user would, over the three examples and a hostile map, and
# reports each check as PASS or FAIL (exit 1 when one fails):
#   - Mermaid's own CLI (mmdc, on the system Chromium): renders; a name's %%{init}%% changes no theme;
#     the texts appear as written;
#   - Graphviz: `dot` lays the DOT out; entities in names are shown literally;
#   - librsvg: `rsvg-convert` renders the SVG;
#   - axe-core in headless Chromium: the HTML report has no serious or critical violation;
#   - LibreOffice headless: re-saving touchmap's CSV and importing it gives every text back;
#   - poppler (the PDF viewers' library): the PDF is A4 landscape, its fonts are embedded, and its
#     text reads back as written (pdfinfo, pdffonts, pdftotext); page 1 is rendered to PNG to look at.
# Installs what it needs (Debian packages and npm packages into a cache folder). Run as root or
# with sudo; needs the package registries. Usage: scripts/check-clients.sh [OUT_DIR]
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/check-clients}
cache=${CHECK_CLIENTS_CACHE:-target/check-clients-tools}
mkdir -p "$out" "$cache"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v dot >/dev/null || need+=(graphviz)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v node >/dev/null || need+=(nodejs npm)
command -v pdftotext >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x "$cache/node_modules/.bin/mmdc" ]; then
  (cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund \
    @mermaid-js/mermaid-cli@12 axe-core@4 puppeteer-core@25 >/dev/null)
fi
cargo build --release --quiet
touchmap=target/release/touchmap

failures=0
report() { # report NAME OK(0/1) [DETAIL]
  if [ "$2" = 0 ]; then echo "PASS  $1"; else echo "FAIL  $1${3:+: $3}"; failures=$((failures + 1)); fi
}

# A hostile map: directives, entities, markup, backslash escapes, formulas, line breaks.
cat > "$out/hostile.json" <<'EOF'
{"touchmap": 1, "title": "R&D \"Team\" <b>x</b> %%{init: {'theme':'forest'}}%%",
 "touchpoints": [
  {"id": "a", "name": "%%{init: {'theme':'forest'}}%% Ad", "stage": "Awareness", "role": "entry",
   "evidence": ["Line one\nline two", "\tled by a tab", "\rled by a carriage return", "=HYPERLINK(\"x\")"]},
  {"id": "b", "name": "C:\\new\\folder & <b>bold</b> &amp; &#35; &lt;", "stage": "Purchase", "role": "goal"}],
 "links": [{"from": "a", "to": "b", "label": "read by\nprospects %% x"}]}
EOF

puppeteer="$out/puppeteer.json"
echo '{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]}' > "$puppeteer"

for name in online-store hotel b2b-software segments hostile; do
  map=examples/$name.json; [ "$name" = hostile ] && map=$out/hostile.json
  [ "$name" = segments ] && map=tests/data/segments/store.json
  for ext in mmd dot svg html csv pdf; do "$touchmap" export "$map" -o "$out/$name.$ext" >/dev/null; done

  # Mermaid
  if timeout 120 "$cache/node_modules/.bin/mmdc" -q -p "$puppeteer" -i "$out/$name.mmd" -o "$out/$name.mmd.svg" >/dev/null 2>&1; then
    ok=0; detail=""
    grep -q 'forest' "$out/$name.mmd.svg" && grep -q '#cde498' "$out/$name.mmd.svg" && { ok=1; detail="the forest theme was applied"; }
    if [ "$name" = hostile ]; then
      for text in 'R&amp;amp;D' ; do grep -q "$text" "$out/$name.mmd.svg" && { ok=1; detail="double-escaped title"; }; done
      grep -q 'C:\\&#8288;new' "$out/$name.mmd.svg" || grep -q 'C:\\⁠new' "$out/$name.mmd.svg" || { ok=1; detail="C:\\new not shown as written"; }
    fi
    report "mermaid $name" "$ok" "$detail"
  else
    report "mermaid $name" 1 "mmdc failed"
  fi

  # Graphviz: lays out, and shows entity text literally (the label keeps &amp; for &).
  if dot -Tsvg "$out/$name.dot" -o "$out/$name.dot.svg" 2>/dev/null; then
    ok=0; detail=""
    if [ "$name" = hostile ]; then
      grep -q '&amp;amp;' "$out/$name.dot.svg" || { ok=1; detail="an entity in a name was decoded"; }
    fi
    report "graphviz $name" "$ok" "$detail"
  else
    report "graphviz $name" 1 "dot failed"
  fi

  # PDF, as a PDF viewer shows it (poppler).
  ok=0; detail=""
  pdfinfo "$out/$name.pdf" 2>/dev/null | grep -q 'Page size: *842 x 595 pts (A4)' || { ok=1; detail="not A4 landscape"; }
  if pdffonts "$out/$name.pdf" 2>/dev/null | tail -n +3 | awk '{print $(NF-4)}' | grep -qv yes; then ok=1; detail="$detail a font is not embedded"; fi
  pdftotext -layout "$out/$name.pdf" "$out/$name.pdf.txt" 2>/dev/null || { ok=1; detail="$detail pdftotext failed"; }
  title=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["title"])' "$map")
  grep -qF -- "$title" "$out/$name.pdf.txt" || { ok=1; detail="$detail the title does not read back as written"; }
  if [ "$name" = hostile ]; then
    for text in "%%{init: {'theme':'forest'}}%% Ad" 'C:\new\folder & <b>bold</b> &amp; &#35; &lt;'; do
      grep -qF -- "$text" "$out/$name.pdf.txt" || { ok=1; detail="$detail '$text' does not read back"; }
    done
  fi
  pdftoppm -png -r 60 -f 1 -l 1 "$out/$name.pdf" "$out/$name.pdf" 2>/dev/null || { ok=1; detail="$detail pdftoppm failed"; }
  report "pdf $name" "$ok" "$detail"

  # librsvg
  rsvg-convert "$out/$name.svg" -o "$out/$name.svg.png" 2>/dev/null
  report "librsvg $name" $?

  # axe-core on the HTML report, on screen and in print.
  cat > "$out/axe.js" <<'EOF'
const puppeteer = require(process.argv[2] + '/node_modules/puppeteer-core');
const axe = require('fs').readFileSync(process.argv[2] + '/node_modules/axe-core/axe.min.js', 'utf8');
(async () => {
  const browser = await puppeteer.launch(require(require('path').resolve(process.argv[4])));
  const page = await browser.newPage();
  // The report forbids every script by its Content-Security-Policy; axe is injected around it.
  await page.setBypassCSP(true);
  await page.goto('file://' + require('path').resolve(process.argv[3]));
  let bad = [];
  for (const media of ['screen', 'print']) {
    await page.emulateMediaType(media);
    await page.addScriptTag({content: axe});
    const result = await page.evaluate(async () => await axe.run());
    bad = bad.concat(result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => media + ': ' + v.id + ' (' + v.nodes.length + ')'));
  }
  console.log(bad.join('; '));
  await browser.close();
  process.exit(bad.length ? 1 : 0);
})().catch(e => { console.log(String(e)); process.exit(2); });
EOF
  detail=$(timeout 120 node "$out/axe.js" "$(cd "$cache" && pwd)" "$out/$name.html" "$puppeteer" 2>&1)
  report "axe $name.html" $? "$detail"

  # LibreOffice: re-save the CSV as CSV, import it, and compare every text with the map.
  rm -rf "$out/lo" && mkdir -p "$out/lo"
  if timeout 120 soffice --headless --norestore --infilter="CSV:44,34,76,1" --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false" --outdir "$out/lo" "$out/$name.csv" >/dev/null 2>&1; then
    "$touchmap" import "$out/lo/$name.csv" -o "$out/lo/$name.json" --force >/dev/null 2>"$out/lo/err.txt"
    detail=$(python3 - "$map" "$out/lo/$name.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
tb = {t["id"]: t for t in b["touchpoints"]}
bad = []
# LibreOffice itself turns a carriage return inside a cell into a line feed when it saves: that
# change is its own, so CR and LF count alike here (the Rust tests check touchmap's own CSV exactly).
def same(x):
    return json.loads(json.dumps(x).replace("\\r", "\\n")) if x is not None else None
for t in a["touchpoints"]:
    u = tb.get(t["id"], {})
    for key in ("name", "channel", "owner", "notes", "evidence", "segments"):
        if same(t.get(key)) != same(u.get(key)):
            bad.append(f"{t['id']}.{key}: {t.get(key)!r} came back as {u.get(key)!r}")
lb = {(l["from"], l["to"]): l for l in b["links"]}
for l in a["links"]:
    other = lb.get((l["from"], l["to"]), {})
    for key in ("label", "segments"):
        if same(l.get(key)) != same(other.get(key)):
            bad.append(f"{key} {l['from']}->{l['to']}")
if a.get("segments") != b.get("segments"):
    bad.append(f"segments {a.get('segments')!r} came back as {b.get('segments')!r}")
print("; ".join(bad))
EOF
)
    [ -z "$detail" ]; report "libreoffice csv round trip $name" $? "$detail$(cat "$out/lo/err.txt")"
  else
    report "libreoffice csv round trip $name" 1 "soffice failed"
  fi
done

echo "$failures failed"
[ "$failures" = 0 ]
