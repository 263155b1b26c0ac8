// Checks every feed of a built site by the rules of the W3C Feed Validator
// (validator.w3.org/feed) that apply to the feeds Uptimus writes. The
// validator itself is a Python 2 program that no package registry serves,
// so its rules are checked here, each reported under the name the validator
// gives it:
//
//   all feeds     well-formed XML 1.0 in UTF-8 (saxes, a conformant
//                 parser: undeclared prefixes and illegal characters fail);
//                 BadCharacters (U+0080-U+009F or U+FFFD in text, attribute
//                 or HTML content); ImplausibleDate (before 1990, or after
//                 the build clock plus a day); SelfDoesntMatchLocation;
//                 InvalidLanguage; NotHtml, SecurityRisk, SecurityRiskAttr
//                 DangerousStyleAttr and ContainsRelRef in HTML content
//                 (any element or attribute outside a short list of
//                 harmless ones fails);
//   RSS 2.0       MissingAtomSelfLink; MissingElement (channel title, link,
//                 description); UndefinedElement (unknown RSS elements);
//                 DuplicateElement; InvalidRFC2822Date; IncorrectDOW;
//                 InvalidLink (absolute http(s) links);
//                 ItemMustContainTitleOrDescription; MissingGuid;
//                 InvalidHttpGUID; DuplicateValue (a guid twice);
//   Atom 1.0      MissingElement (feed and entry id, title, updated; an
//                 author); MissingSelf; MissingContentOrAlternate;
//                 InvalidRFC3339Date; InvalidTAG (RFC 4151 tag URIs);
//                 InvalidFullLink; DuplicateEntries; DuplicateAtomLink;
//                 InvalidMIMEType; and, beyond the validator, xml:lang on
//                 the feed (Atom has no other way to say the language).
//
// JSON Feeds get the rules that are not about XML: dates, self URL,
// language, characters, HTML, ids.
import fs from "node:fs";
import path from "node:path";
import {SaxesParser} from "saxes";
import {Parser as HTMLParser} from "htmlparser2";

const ATOM = "http://www.w3.org/2005/Atom";
const CONTENT = "http://purl.org/rss/1.0/modules/content/";

// parseXML builds a small tree ({name, uri, attrs, children, text}) or
// throws on the first well-formedness error.
function parseXML(text) {
  const p = new SaxesParser({xmlns: true, position: true});
  const root = {children: []};
  const stack = [root];
  let decl;
  p.on("xmldecl", (d) => { decl = d; });
  p.on("opentag", (t) => {
    const attrs = {};
    for (const a of Object.values(t.attributes)) attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    const el = {name: t.local, uri: t.uri, attrs, children: [], text: ""};
    stack.at(-1).children.push(el);
    stack.push(el);
  });
  p.on("text", (s) => { stack.at(-1).text += s; });
  p.on("cdata", (s) => { stack.at(-1).text += s; });
  p.on("closetag", () => { stack.pop(); });
  p.on("error", (e) => { throw e; });
  p.write(text).close();
  if (!decl || (decl.encoding ?? "UTF-8").toUpperCase() !== "UTF-8") throw new Error("no XML declaration of UTF-8");
  return root.children[0];
}

const kids = (el, name, uri = el.uri) => el.children.filter((c) => c.name === name && c.uri === uri);
const kid = (el, name, uri = el.uri) => kids(el, name, uri)[0];

// badChars is what the validator calls BadCharacters: C1 controls (text
// mis-encoded as cp1252) and U+FFFD (text that was not valid UTF-8).
const badChars = /[\u0080-\u009f\ufffd]/;

// Harmless HTML: what the item content may hold. Anything else is what the
// validator calls SecurityRisk (script, iframe, object, ...) or NotHtml.
const okElements = new Set(["a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
  "i", "img", "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th",
  "thead", "time", "tr", "u", "ul"]);
const okAttributes = new Set(["alt", "class", "datetime", "href", "id", "lang", "rel", "src", "title"]);

function checkHTML(html, where, report) {
  if (badChars.test(html)) report("BadCharacters", `${where}: a C1 control character or U+FFFD`);
  const parser = new HTMLParser({
    onopentag(name, attrs) {
      if (!okElements.has(name)) report(name === "script" || name === "iframe" || name === "object" || name === "embed" ? "SecurityRisk" : "NotHtml", `${where}: <${name}>`);
      for (const [a, v] of Object.entries(attrs)) {
        // Tables of vendor markdown are aligned by style: the validator
        // accepts style attributes with harmless CSS only.
        if (a === "style") {
          if (!/^(text-align:\s*(left|right|center);?\s*)?$/.test(v)) report("DangerousStyleAttr", `${where}: <${name} style="${v}">`);
        } else if (!okAttributes.has(a)) report("SecurityRiskAttr", `${where}: <${name} ${a}>`);
        if ((a === "href" || a === "src") && !/^(https?:|mailto:)/i.test(v)) {
          report(/^\s*[a-z][a-z0-9+.-]*:/i.test(v) ? "SecurityRisk" : "ContainsRelRef", `${where}: <${name} ${a}="${v}">`);
        }
      }
    },
  }, {decodeEntities: true});
  parser.write(html);
  parser.end();
}

const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const rfc2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UT)$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// The validator's pattern of a tag URI (RFC 4151).
const tagURI = /^tag:([a-z0-9\-._]+?@)?[a-z0-9.-]+?,\d{4}(-\d{2}(-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$/;
const language = /^[a-z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;
const absolute = /^https?:\/\/[^/\s]+\S*$/;

// checker holds what every rule needs: the clock and the report.
function checker(now, report) {
  const latest = now.getTime() + 24 * 3600 * 1000;
  const plausible = (d, what, value) => {
    if (d.getTime() < Date.UTC(1990, 0, 1) || d.getTime() > latest) report("ImplausibleDate", `${what}: ${value}`);
  };
  return {
    report,
    rfc2822(value, what) {
      const m = rfc2822.exec(value ?? "");
      if (!m) return report("InvalidRFC2822Date", `${what}: ${value}`);
      const d = new Date(value);
      if (Number.isNaN(d.getTime())) return report("InvalidRFC2822Date", `${what}: ${value}`);
      const local = new Date(Date.UTC(+m[4], "JanFebMarAprMayJunJulAugSepOctNovDec".indexOf(m[3]) / 3, +m[2]));
      if (days[local.getUTCDay()] !== m[1]) report("IncorrectDOW", `${what}: ${value}`);
      plausible(d, what, value);
    },
    rfc3339(value, what) {
      if (!rfc3339.test(value ?? "") || Number.isNaN(Date.parse(value))) return report("InvalidRFC3339Date", `${what}: ${value}`);
      plausible(new Date(value), what, value);
    },
    text(value, what) {
      if (badChars.test(value ?? "")) report("BadCharacters", `${what}: a C1 control character or U+FFFD`);
    },
    link(value, what, rule = "InvalidLink") {
      if (!absolute.test(value ?? "")) report(rule, `${what}: ${value}`);
    },
  };
}

// everyText reports BadCharacters in any text or attribute of the tree.
function everyText(el, c, where = el.name) {
  c.text(el.text, where);
  for (const [a, v] of Object.entries(el.attrs)) c.text(v, `${where}@${a}`);
  for (const k of el.children) everyText(k, c, `${where}/${k.name}`);
}

const rssChannel = new Set(["title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
  "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays", "item"]);
const rssItem = new Set(["title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate", "source"]);

function checkRSS(rss, self, c) {
  if (rss.name !== "rss" || rss.uri !== "" || rss.attrs.version !== "2.0") return c.report("UndefinedElement", "root is not <rss version=\"2.0\">");
  const ch = kid(rss, "channel");
  if (!ch) return c.report("MissingElement", "channel");
  for (const name of ["title", "link", "description"]) if (!kid(ch, name)) c.report("MissingElement", `channel/${name}`);
  const seen = new Set();
  for (const k of ch.children.filter((k) => k.uri === "")) {
    if (!rssChannel.has(k.name)) c.report("UndefinedElement", `channel/${k.name}`);
    if (k.name !== "item" && k.name !== "category" && seen.has(k.name)) c.report("DuplicateElement", `channel/${k.name}`);
    seen.add(k.name);
  }
  c.link(kid(ch, "link")?.text, "channel/link");
  if (kid(ch, "language") && !language.test(kid(ch, "language").text)) c.report("InvalidLanguage", kid(ch, "language").text);
  for (const name of ["pubDate", "lastBuildDate"]) if (kid(ch, name)) c.rfc2822(kid(ch, name).text, `channel/${name}`);
  const selfLinks = kids(ch, "link", ATOM).filter((l) => l.attrs.rel === "self");
  if (selfLinks.length === 0) c.report("MissingAtomSelfLink", "channel");
  else if (selfLinks[0].attrs.href !== self) c.report("SelfDoesntMatchLocation", `${selfLinks[0].attrs.href}, published at ${self}`);
  else if (selfLinks[0].attrs.type !== "application/rss+xml") c.report("InvalidMIMEType", `self link type ${selfLinks[0].attrs.type}`);
  const guids = new Set();
  for (const item of kids(ch, "item")) checkRSSItem(item, guids, c);
}

function checkRSSItem(item, guids, c) {
  for (const k of item.children.filter((k) => k.uri === "")) if (!rssItem.has(k.name)) c.report("UndefinedElement", `item/${k.name}`);
  const title = kid(item, "title")?.text;
  if (!title && !kid(item, "description")) c.report("ItemMustContainTitleOrDescription", "item");
  const where = `item ${title}`;
  if (kid(item, "link")) c.link(kid(item, "link").text, `${where}: link`);
  const guid = kid(item, "guid");
  if (!guid) c.report("MissingGuid", where);
  else {
    if (guid.attrs.isPermaLink !== "false") c.link(guid.text, `${where}: guid`, "InvalidHttpGUID");
    if (guids.has(guid.text)) c.report("DuplicateValue", `guid ${guid.text}`);
    guids.add(guid.text);
  }
  if (kid(item, "pubDate")) c.rfc2822(kid(item, "pubDate").text, `${where}: pubDate`);
  if (kid(item, "description")) checkHTML(kid(item, "description").text, `${where}: description`, c.report);
  if (kid(item, "encoded", CONTENT)) checkHTML(kid(item, "encoded", CONTENT).text, `${where}: content:encoded`, c.report);
}

function checkAtomLinks(el, where, c) {
  const seen = new Set();
  for (const l of kids(el, "link", ATOM)) {
    const key = `${l.attrs.rel ?? "alternate"} ${l.attrs.type ?? ""} ${l.attrs.hreflang ?? ""}`;
    if (seen.has(key)) c.report("DuplicateAtomLink", `${where}: ${key}`);
    seen.add(key);
    c.link(l.attrs.href, `${where}: link@href`, "InvalidFullLink");
    if (l.attrs.type && !/^[a-z]+\/[a-z0-9.+-]+$/.test(l.attrs.type)) c.report("InvalidMIMEType", `${where}: ${l.attrs.type}`);
  }
}

function checkAtomID(id, where, c) {
  if (!id) return c.report("MissingElement", `${where}/id`);
  if (id.startsWith("tag:") ? !tagURI.test(id) : !absolute.test(id)) c.report(id.startsWith("tag:") ? "InvalidTAG" : "InvalidFullLink", `${where}/id: ${id}`);
}

function checkAtom(feed, self, c) {
  const lang = feed.attrs["{http://www.w3.org/XML/1998/namespace}lang"];
  if (!lang) c.report("AtomLanguage (ours)", "feed has no xml:lang");
  else if (!language.test(lang)) c.report("InvalidLanguage", lang);
  for (const name of ["title", "updated"]) if (!kid(feed, name)) c.report("MissingElement", `feed/${name}`);
  checkAtomID(kid(feed, "id")?.text, "feed", c);
  if (kid(feed, "updated")) c.rfc3339(kid(feed, "updated").text, "feed/updated");
  checkAtomLinks(feed, "feed", c);
  const selfLink = kids(feed, "link").find((l) => l.attrs.rel === "self");
  if (!selfLink) c.report("MissingSelf", "feed");
  else if (selfLink.attrs.href !== self) c.report("SelfDoesntMatchLocation", `${selfLink.attrs.href}, published at ${self}`);
  const feedAuthor = kid(feed, "author");
  const ids = new Set();
  for (const e of kids(feed, "entry")) {
    const where = `entry ${kid(e, "title")?.text}`;
    for (const name of ["title", "updated"]) if (!kid(e, name)) c.report("MissingElement", `${where}/${name}`);
    if (!feedAuthor && !kid(e, "author")) c.report("MissingElement", `${where}/author`);
    const id = kid(e, "id")?.text;
    checkAtomID(id, where, c);
    if (ids.has(id)) c.report("DuplicateEntries", `${where}: ${id}`);
    ids.add(id);
    for (const name of ["updated", "published"]) if (kid(e, name)) c.rfc3339(kid(e, name).text, `${where}/${name}`);
    checkAtomLinks(e, where, c);
    const content = kid(e, "content");
    if (!content && !kids(e, "link").some((l) => (l.attrs.rel ?? "alternate") === "alternate")) c.report("MissingContentOrAlternate", where);
    if (content?.attrs.type === "html") checkHTML(content.text, `${where}: content`, c.report);
  }
}

function checkJSONFeed(doc, self, c) {
  if (doc.feed_url !== self) c.report("SelfDoesntMatchLocation", `feed_url ${doc.feed_url}, published at ${self}`);
  if (!language.test(doc.language ?? "")) c.report("InvalidLanguage", `language ${doc.language}`);
  for (const key of ["title", "description"]) c.text(doc[key], key);
  const ids = new Set();
  for (const it of doc.items ?? []) {
    const where = `item ${it.title}`;
    for (const key of ["title", "summary"]) c.text(it[key], `${where}: ${key}`);
    for (const t of it.tags ?? []) c.text(t, `${where}: tag`);
    for (const a of it.authors ?? []) c.text(a.name, `${where}: author`);
    if (!tagURI.test(it.id)) c.report("InvalidTAG", `${where}: ${it.id}`);
    if (ids.has(it.id)) c.report("DuplicateEntries", `${where}: ${it.id}`);
    ids.add(it.id);
    for (const key of ["date_published", "date_modified"]) if (it[key]) c.rfc3339(it[key], `${where}: ${key}`);
    if (it.content_html) checkHTML(it.content_html, `${where}: content_html`, c.report);
  }
}

// checkFeed checks the feed at rel under root, published at base + "/" +
// rel, and returns its problems.
export function checkFeed(root, rel, base, now) {
  const problems = [];
  const c = checker(now, (rule, msg) => problems.push(`${rel}: ${rule}: ${msg}`));
  const text = fs.readFileSync(path.join(root, rel), "utf8");
  const self = `${base}/${rel}`;
  if (rel.endsWith(".json")) {
    checkJSONFeed(JSON.parse(text), self, c);
    return problems;
  }
  let doc;
  try {
    doc = parseXML(text);
  } catch (e) {
    return [`${rel}: not well-formed XML: ${e.message}`];
  }
  everyText(doc, c);
  if (rel.endsWith(".rss")) checkRSS(doc, self, c);
  else if (doc.name === "feed" && doc.uri === ATOM) checkAtom(doc, self, c);
  else c.report("UndefinedElement", "root is not an Atom <feed>");
  return problems;
}
