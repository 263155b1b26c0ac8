// Validates every JSON file of a built site with Ajv, the strictest common
// JSON Schema validator, in strict mode (draft 2020-12, formats asserted):
//
//   - each schema under api/v1/schema/ and api/v2/schema/ against the draft 2020-12
//     meta-schema, and compiled under strict mode (strictRequired,
//     strictTypes, strictTuples, unknown keywords and formats refused);
//   - each API file against the schema its "$schema" names, which must be
//     the one its path calls for, plus what JSON Schema cannot say: unique
//     component ids and a group_id that names a group of the file;
//   - each JSON Feed against jsonfeed-1.1.schema.json (written here from the
//     JSON Feed 1.1 specification) and each badge against
//     shields-endpoint.schema.json.
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const here = path.dirname(new URL(import.meta.url).pathname);

// newAjv is strict in every way Ajv knows: an unknown keyword or format,
// a required name a schema does not declare, a type-specific keyword
// without its type all fail the compile.
export function newAjv() {
  const ajv = new Ajv2020({strict: true, allErrors: true, validateFormats: true});
  addFormats(ajv);
  return ajv;
}

// schemaFor names the schema an API file must use, by its path alone
// (within its version's folder, api/v1/ or api/v2/).
function schemaFor(rel) {
  if (/^api\/v\d+\/providers\.json$/.test(rel)) return "providers";
  if (/^api\/v\d+\/status\.json$/.test(rel)) return "status";
  if (/^api\/v\d+\/now\.json$/.test(rel)) return "now";
  if (rel.endsWith("/incidents.json")) return "incidents";
  if (/\/incidents-\d{4}(-\d+)?\.json$/.test(rel)) return "incidents-year";
  return "provider";
}

// references checks a provider file's components as docs/api.md promises.
function references(doc) {
  const out = [];
  const group = new Map();
  for (const c of doc.components ?? []) {
    if (group.has(c.id)) out.push(`component ${c.id} listed twice`);
    group.set(c.id, c.group);
  }
  for (const c of doc.components ?? []) {
    if (c.group_id !== undefined && group.get(c.group_id) !== true) {
      out.push(`component ${c.id}: group_id ${c.group_id} names no group of the file`);
    }
  }
  return out;
}

function errorsOf(validate) {
  return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message} (${e.schemaPath})`);
}

// loadSchemas checks and compiles the API's schemas; it returns a validator
// by $id, and reports into problems.
function loadSchemas(ajv, root, files, problems) {
  const byID = new Map();
  for (const rel of files.filter(isSchema)) {
    const schema = JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));
    if (!ajv.validateSchema(schema)) {
      problems.push(`${rel}: not a valid draft 2020-12 schema: ${ajv.errorsText(ajv.errors)}`);
      continue;
    }
    try {
      byID.set(schema.$id, ajv.compile(schema));
    } catch (e) {
      problems.push(`${rel}: does not compile under Ajv strict mode: ${e.message}`);
    }
  }
  return byID;
}

// isSchema: a schema of any version of the API.
const isSchema = (rel) => /^api\/v\d+\/schema\//.test(rel);

// isStatuspage: a file of a provider's Statuspage-compatible API.
const isStatuspage = (rel) => /^status\/[^/]+\/api\/v2\//.test(rel);

// checkStatuspageFile checks what every file of Statuspage's v2 API has:
// the page object, and the list or object the file is named for.
function checkStatuspageFile(rel, doc, problems) {
  const page = doc.page;
  if (typeof page !== "object" || page === null || ["id", "name", "url", "time_zone"].some((k) => typeof page[k] !== "string")) {
    problems.push(`${rel}: no Statuspage page object`);
  }
  const want = {
    "summary.json": ["components", "incidents", "scheduled_maintenances", "status"],
    "status.json": ["status"],
    "components.json": ["components"],
    "incidents.json": ["incidents"],
    "unresolved.json": ["incidents"],
    "scheduled-maintenances.json": ["scheduled_maintenances"],
  }[path.basename(rel)];
  if (!want) problems.push(`${rel}: not a file of Statuspage's API`);
  for (const k of want ?? []) {
    if (doc[k] === undefined || doc[k] === null) problems.push(`${rel}: no ${k}`);
  }
}

function checkAPIFile(rel, doc, byID, problems) {
  const version = /^api\/(v\d+)\//.exec(rel)?.[1] ?? "v1";
  const want = `/api/${version}/schema/${schemaFor(rel)}.schema.json`;
  if (typeof doc.$schema !== "string" || !doc.$schema.endsWith(want)) {
    problems.push(`${rel}: $schema ${doc.$schema}, want …${want}`);
    return;
  }
  const validate = byID.get(doc.$schema);
  if (!validate) {
    problems.push(`${rel}: no schema ${doc.$schema} among the site's schemas`);
    return;
  }
  if (!validate(doc)) problems.push(`${rel}: ${errorsOf(validate).join("; ")}`);
  for (const p of references(doc)) problems.push(`${rel}: ${p}`);
}

function ownSchema(ajv, name) {
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(here, name), "utf8")));
}

// checkJSON validates every .json file under root (files: slash paths
// relative to root) and returns the problems and counts.
export function checkJSON(root, files) {
  const ajv = newAjv();
  const problems = [];
  const byID = loadSchemas(ajv, root, files, problems);
  const feed = ownSchema(ajv, "jsonfeed-1.1.schema.json");
  const badge = ownSchema(ajv, "shields-endpoint.schema.json");
  const search = ownSchema(ajv, "search-index.schema.json");
  const counts = {schemas: byID.size, api: 0, feeds: 0, badges: 0, search: 0, statuspage: 0};
  for (const rel of files.filter((f) => f.endsWith(".json") && !isSchema(f))) {
    const doc = JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));
    if (rel.startsWith("api/")) {
      checkAPIFile(rel, doc, byID, problems);
      counts.api++;
    } else if (isStatuspage(rel)) {
      checkStatuspageFile(rel, doc, problems);
      counts.statuspage++;
    } else if (rel === "search.json") {
      if (!search(doc)) problems.push(`${rel}: ${errorsOf(search).join("; ")}`);
      counts.search++;
    } else if (rel.startsWith("badges/")) {
      if (!badge(doc)) problems.push(`${rel}: ${errorsOf(badge).join("; ")}`);
      counts.badges++;
    } else {
      if (!feed(doc)) problems.push(`${rel}: ${errorsOf(feed).join("; ")}`);
      counts.feeds++;
    }
  }
  return {problems, counts};
}
