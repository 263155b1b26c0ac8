// node validate.mjs PUBLIC BASE_URL NOW
//
// Validates the built site in PUBLIC (served at BASE_URL, built with the
// clock NOW, RFC 3339) with validators independent of the Go code that
// wrote it: json.mjs (Ajv, strict) and feeds.mjs (the W3C Feed Validator's
// rules). Prints every problem and exits 1 if there is any.
import fs from "node:fs";
import path from "node:path";
import {checkJSON} from "./json.mjs";
import {checkFeed} from "./feeds.mjs";

const [root, base, nowText] = process.argv.slice(2);
if (!root || !base || !nowText || Number.isNaN(Date.parse(nowText))) {
  console.error("usage: node validate.mjs PUBLIC BASE_URL NOW");
  process.exit(2);
}

function walk(dir, rel = "") {
  return fs.readdirSync(path.join(dir, rel), {withFileTypes: true}).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? walk(dir, r) : [r];
  });
}

const files = walk(root).sort();
const json = checkJSON(root, files);
const feeds = files.filter((f) => /(^|\/)(feed|updates)\.(rss|atom|json)$/.test(f) && !f.startsWith("api/"));
const feedProblems = feeds.flatMap((f) => checkFeed(root, f, base.replace(/\/$/, ""), new Date(nowText)));
const problems = [...json.problems, ...feedProblems];
for (const p of problems.slice(0, 200)) console.log(p);
if (problems.length > 200) console.log(`... and ${problems.length - 200} more`);
// How many of each kind, by rule where a rule is named ("file: Rule: ...").
const kinds = new Map();
for (const p of problems) {
  const rule = /^[^:]+: ([A-Za-z]+(?: \(ours\))?): /.exec(p)?.[1] ?? "JSON Schema";
  kinds.set(rule, (kinds.get(rule) ?? 0) + 1);
}
for (const [rule, n] of [...kinds].sort()) console.log(`${n}\t${rule}`);
const {schemas, api, feeds: jsonFeeds, badges, search, statuspage} = json.counts;
console.log(`Ajv (strict, draft 2020-12): ${schemas} schemas, ${api} API files, ${jsonFeeds} JSON Feeds, ${badges} badges, ${search} search index; ${statuspage} Statuspage API files`);
console.log(`W3C Feed Validator rules: ${feeds.length} feeds (RSS, Atom and JSON Feed)`);
if (problems.length > 0 || schemas === 0 || api === 0 || feeds.length === 0) {
  console.log(`${problems.length} problems`);
  process.exit(1);
}
console.log("no problems");
