// Merges Close's OpenAPI files (outcomes, activities) into one JSON document, so one Prism proxy
// validates every request the SDK sends, whatever the resource. Paths must not repeat; a
// component present in several files must be the same in each.
//   node merge-specs.js OUT.json SPEC.yaml...
'use strict';
const fs = require('fs');
const yaml = require('js-yaml');  // Prism's own dependency, pinned by package-lock.json.

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  console.error('usage: node merge-specs.js OUT.json SPEC.yaml...');
  process.exit(2);
}
let merged = null;
for (const file of inputs) {
  const doc = yaml.load(fs.readFileSync(file, 'utf8'));
  if (merged === null) {
    merged = doc;
    continue;
  }
  for (const [path, item] of Object.entries(doc.paths || {})) {
    if (path in merged.paths) throw new Error(`${file}: path ${path} is in two files`);
    merged.paths[path] = item;
  }
  for (const [section, entries] of Object.entries(doc.components || {})) {
    merged.components = merged.components || {};
    const target = (merged.components[section] = merged.components[section] || {});
    for (const [name, value] of Object.entries(entries)) {
      if (name in target && JSON.stringify(target[name]) !== JSON.stringify(value)) {
        throw new Error(`${file}: components.${section}.${name} differs between files`);
      }
      target[name] = value;
    }
  }
}
fs.writeFileSync(out, JSON.stringify(merged));
