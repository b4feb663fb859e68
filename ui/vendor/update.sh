#!/usr/bin/env bash
# Re-vendors the UI's only libraries from the npm registry: Preact (MIT) and htm
# (Apache-2.0). The app loads them as plain ES modules with no bundler; the one edit
# is pointing hooks' bare `preact` import at the vendored file, because an import map
# would need an inline script, which the CSP forbids.
set -euo pipefail
cd "$(dirname "$0")"
PREACT=${PREACT:-10.29.8}
HTM=${HTM:-3.1.1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "preact@$PREACT" "htm@$HTM" >/dev/null)
rm -rf preact htm && mkdir -p preact htm
tar xzf "$work/preact-$PREACT.tgz" -C "$work" && mv "$work/package" "$work/preact"
tar xzf "$work/htm-$HTM.tgz" -C "$work" && mv "$work/package" "$work/htm"
cp "$work/preact/dist/preact.module.js" preact/preact.module.js
sed 's#from"preact"#from"./preact.module.js"#g' "$work/preact/hooks/dist/hooks.module.js" > preact/hooks.module.js
cp "$work/preact/LICENSE" preact/LICENSE
cp "$work/htm/dist/htm.module.js" htm/htm.module.js
cp "$work/htm/LICENSE" htm/LICENSE
# Keep the source map references out: the maps are not vendored.
sed -i '/sourceMappingURL/d' preact/*.js htm/*.js
printf 'preact %s (MIT) https://www.npmjs.com/package/preact\nhtm %s (Apache-2.0) https://www.npmjs.com/package/htm\n' "$PREACT" "$HTM" > VERSIONS
