// Picks the garment (and non-garment) drawings of the multi-style data set from the
// pinned icon and emoji packages, rasterises each to a PNG and writes catalogue.json.
//
//   npm ci --prefix models/training/styles
//   node models/training/styles/catalogue.mjs [--out DIR] [--sheet KIND]
//
// Every drawing names its collection, its style family (the unit held out for
// validation and test), its licence and its class key (models/labels.json). Only
// openly licensed collections are read (MIT, Apache-2.0, CC0, CC-BY, OFL); the
// sources reserved for independent evaluation are never opened (RESERVED below).
// Icon names are matched by their base name (style suffixes such as -outline or
// -bold removed) against exact lists per class: a loose keyword match pulled in
// stopwatches, bell rings, the Fedora logo and shopping-cart UI badges.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "package.json"));
const { Resvg } = require("@resvg/resvg-js");
const ICONIFY = join(dirname(require.resolve("@iconify/json/package.json")), "json");
const ICONIFY_VERSION = require("@iconify/json/package.json").version;
const RESVG_VERSION = require("@resvg/resvg-js/package.json").version;

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const OUT = opt("--out", process.env.CURATOR_STYLES_DIR ?? join(process.env.HOME ?? "/tmp", ".cache/curator/styles"));
const RASTER = 160; // longest side of each rasterised drawing, px

export const OPEN_LICENCE = /^(MIT|Apache-2\.0|CC0-1\.0|CC-BY-[34]\.0|OFL-1\.1)$/;
// Reserved for independent evaluation: never read, for any purpose.
export const RESERVED = /^noto(-|$)/;
// Logos, flags, file types, spinners and programming glyphs: no garments, and not
// what anyone photographs; left out of the negatives too.
const SKIP_SETS = /(brands|logos?|simple-icons|devicon|skill-icons|thesvg|token|selfhst|cib|cif|flag|flagpack|circle-flags|file-icons|vscode-icons|material-icon-theme|catppuccin|svg-spinners|line-md|codicon|octicon|cryptocurrency|bitcoin|academicons|bpmn|gcp|k8s|unjs|nonicons|pajamas|meteocons|wi$|websymbol|streamline-logos|geo|gis|map$|covid|subway|oi$|raphael)/;

// Class key -> exact base names. Keys are models/labels.json "key"s.
export const KINDS = {
  "t-shirt": ["clothes-short-sleeve", "sleeveless-top", "t-shirt", "tshirt", "tshirt-crew", "tshirt-v", "tank-top", "shirt-tank-top", "running-shirt", "t-shirt-air", "undershirt", "shopping-catergories-shirt-clothing-t-shirt-men-top", "clothes-t-shirt", "polo-shirt"],
  trousers: ["trousers", "trouser", "pants", "jeans", "clothes-pants", "clothes-pants-sweat", "pants-pockets", "jogger-pants", "trousers-bell-bottoms"],
  sweater: ["clothes-crew-neck", "clothes-turtleneck", "sweater", "clothes-sweater", "pullover", "cardigan", "clothes-cardigan", "jumpers", "hoodie", "clothes-hoodie", "sweatshirt"],
  dress: ["dress", "full-dress-longuette", "gown", "ample-dress", "large-dress", "travel-dress", "dress-print", "womans-clothes"],
  coat: ["clothes-suit", "clothes-windbreaker", "leather-vest", "coat", "lab-coat", "women-coat", "raincoat", "pirate-coat", "jacket", "men-jacket", "moncler-jacket", "sleeveless-jacket", "blazer", "trench-coat", "clothes-jacket", "clothes-coat"],
  sandals: ["sandals", "sandal", "womans-sandal", "thong-sandal", "flip-flops", "flip-flop"],
  shirt: ["shirt", "polo", "long-sleeve-shirt", "shirt-folded", "ios-shirt", "md-shirt", "clothes-shirt"],
  sneakers: ["shoe-sneaker", "shoe-formal", "running-shoe", "sneaker", "sneakers", "shoe", "shoes", "mans-shoe", "shoe-cleats", "spikedshoes", "converse-shoe", "clothes-shoes"],
  handbag: ["duffel-bag", "gym-bag", "shiny-purse", "handbag", "hand-bag", "purse", "clutch-bag", "shoulder-bag", "the-single-shoulder-bag", "retro-bag", "commuter-bag", "beach-bag", "shopping-bag-hand-bag", "tote", "tote-bag", "bag-handle", "products-purse", "wallet-purse", "coin-purse", "clothes-bag"],
  boots: ["cowboy-boot", "fur-boot", "rubber-boot", "walking-boot", "steeltoe-boots", "boots", "boot", "womans-boot", "hiking-boot", "leather-boot", "chelsea-boot", "clothes-boots"],
  shorts: ["shorts", "clothes-pants-short", "short-pants", "short-pants-pockets", "shorts-pants", "clothes-shorts"],
  skirt: ["skirt", "short-skirt", "clothes-skirt"],
  heels: ["shoe-heel", "shoe-ballet", "ballerina-shoes", "high-heeled-shoe", "high-heeled-shoes", "high-heel", "high-heels", "ballet-shoes", "flat-shoe", "heels", "woman-shoe"],
  backpack: ["backpack", "school-bag", "rucksack", "bag-personal", "knapsack", "school-backpack"],
  hat: ["headwear", "hat-tall", "cork-hat", "flower-hat", "outback-hat", "pilgrim-hat", "western-hat", "skimmer-hat", "hat", "top-hat", "womans-hat", "billed-cap", "baseball-cap", "beanie", "sun-hat", "woolen-hat", "tall-hat", "hat-cowboy", "hat-cowboy-side", "cowboy-hat", "straw-hat", "hat-fedora", "children-cap", "clothes-hat", "winter-hat", "bowler-hat", "cap-straight", "round-cap", "straight-cap", "sombrero"],
  scarf: ["scarf", "clothes-scarf", "winter-scarf"],
  socks: ["socks", "sock", "clothes-socks"],
  gloves: ["glove", "gloves", "clothes-gloves", "clothes-gloves-two", "mitten", "mittens", "winter-gloves"],
  glasses: ["glasses", "sunglasses", "eyeglasses", "glasses-one", "glasses-three", "reading-glasses", "dark-sunglasses", "darksunglasses", "spectacles", "glasses2", "glassesalt", "ios-glasses", "md-glasses"],
  belt: ["belt", "belt-buckles", "clothes-belt"],
  watch: ["watch", "wristwatch", "wrist-watch", "wrist-watch-round", "watch-one", "iwatch", "iwatch-one", "iwatch-two", "smartwatch", "smart-watch", "watch-round", "watch-square", "watch-variant", "sports-watch", "time-wrist-watch", "smart-watch-wrist", "smart-watch-band", "digital-watches", "watch-square-minimalistic", "watch-var"],
  jewellery: ["crystal-earrings", "drop-earrings", "double-necklace", "emerald-necklace", "engagement-ring", "feather-necklace", "gem-necklace", "heart-earrings", "heart-necklace", "intricate-necklace", "pearl-earring", "primitive-necklace", "big-diamond-ring", "ring", "rings", "diamond-ring", "necklace", "diamond-necklace", "jewelry", "jewel", "earring", "earrings", "bracelet", "ring-one", "wealth-pearl-ring", "pearl-necklace"],
  tie: ["necktie", "tie", "bow-tie", "bowtie", "school-tie", "ios-bowtie", "md-bowtie"],
};
// Kinds the models are never trained on: the user teaches them on the device (the
// personal-recognition figures and e2e use them as "a kind the model does not have").
export const TEACH = { "teach:kimono": ["kimono"], "teach:swimsuit": ["swimsuit", "one-piece-swimsuit", "bikini"] };
// Collections whose "ring" is a circle, not jewellery, and other name clashes.
const NOT_A_GARMENT = { ring: /^(gg|memory|at-icons|token.*|svg-spinners)$/, boot: /^(carbon|mdi)$/, cap: /^(gg)$/, tie: /^(mdi)$/ };
// Names that must never become negatives: clothing words, people (who wear clothes),
// and kinds a user may teach later (kimono, sari).
const GARMENT_WORD = /(shirt|tee|polo|blouse|tank-top|sweater|pullover|jumper|hoodie|cardigan|trouser|pant|jean|legging|short|skirt|dress|gown|kimono|sari|coat|jacket|blazer|vest|parka|shoe|sneaker|boot|heel|sandal|slipper|flip-flop|loafer|bag|purse|tote|clutch|wallet|backpack|rucksack|satchel|luggage|suitcase|hat|cap|beanie|beret|fedora|bonnet|helmet|crown|scarf|shawl|sock|glove|mitten|glass|goggle|spectacle|belt|watch|ring|necklace|earring|bracelet|jewel|gem|tie|cloth|wear|fashion|garment|wardrobe|hanger|closet|laundry|sew|tailor|person|people|man|woman|men|women|boy|girl|child|baby|user|account|face|avatar|body|costume|uniform|swim|bikini|robe|cape|ninja|superhero|mage|vampire|zombie|elf|fairy|genie|merman|mermaid|guard|police|detective|judge|cook|chef|astronaut|pilot|firefighter|student|teacher|worker|scientist|technologist|singer|artist|farmer|mechanic|health|office|prince|princess|bride|groom|santa|claus|dancing|dancer|skier|golfer|surfer|rowing|swimming|bicycl|biking|juggling|lifting|wrestl|handball|climb|lotus|bath|sleep|walking|running|standing|kneeling|pregnant|breast|feeding|family|kiss|couple|holding|lab-coat|selfie)/;
const NEGATIVES_PER_SET = 24;

const SUFFIX = /(-(outline|outlined|filled|fill|solid|bold|duotone|rounded|sharp|line|linear|broken|light|thin|regular|remix|flat|alt|o|two-tone|twotone|duo|glyph|color|colored|small|large|\d+))+$/;
const PREFIX = /^(baseline|outline|round|sharp|twotone|ic)-/;
export function baseName(name) {
  let b = name.replace(PREFIX, "");
  for (let prev = ""; prev !== b; ) {
    prev = b;
    b = b.replace(SUFFIX, "");
  }
  return b;
}

/** A style family: variants of one artist's drawings (outline/solid/colour, FA 4-7…) are one style. */
export function family(set) {
  const rules = [
    [/^fluent-emoji/, "fluent-emoji"], [/^fluent(-color)?$/, "fluent"], [/^icon-park/, "icon-park"],
    [/^emojione(-monotone)?$/, "emojione"], [/^(fa|fa6|fa7)(-|$)/, "font-awesome"], [/^fad$/, "fad"],
    [/^(material-symbols|ic)(-|$)/, "material"], [/^mdi(-light)?$/, "mdi"], [/^heroicons/, "heroicons"],
    [/^(bx|bxs|boxicons)$/, "boxicons"], [/^(uil|uim|uit|uis)$/, "unicons"], [/^pepicons/, "pepicons"],
    [/^glyphs/, "glyphs"], [/^streamline-(plump|sharp|flex|ultimate|cyber|freehand)(-color)?$/, null],
    [/^(ion|famicons)$/, "ionicons"], [/^(ri|mingcute)$/, null],
  ];
  for (const [re, fam] of rules) if (re.test(set)) return fam ?? set.replace(/-color$/, "");
  return set;
}

function seedOf(s) {
  return createHash("sha256").update(s).digest().readUInt32LE(0);
}

function svgOf(set, icon, w, h) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${icon.left ?? 0} ${icon.top ?? 0} ${w} ${h}" width="${w}" height="${h}" color="#000">${icon.body}</svg>`;
}

function resolveIcon(json, name) {
  if (json.icons[name]) return json.icons[name];
  const alias = json.aliases?.[name];
  return alias ? { ...resolveIcon(json, alias.parent), ...alias, body: resolveIcon(json, alias.parent).body } : null;
}

export function selectDrawings() {
  const collections = JSON.parse(readFileSync(join(ICONIFY, "../collections.json"), "utf8"));
  const byBase = new Map();
  for (const [key, names] of Object.entries({ ...KINDS, ...TEACH })) for (const n of names) byBase.set(n, key);
  const picked = [];
  for (const [set, info] of Object.entries(collections)) {
    const licence = info.license?.spdx ?? "";
    if (RESERVED.test(set) || !OPEN_LICENCE.test(licence) || SKIP_SETS.test(set)) continue;
    const json = JSON.parse(readFileSync(join(ICONIFY, `${set}.json`), "utf8"));
    const colour = Boolean(info.palette);
    const negatives = [];
    for (const name of Object.keys(json.icons)) {
      const base = baseName(name);
      const kind = byBase.get(base);
      if (kind) {
        if (NOT_A_GARMENT[base]?.test(set)) continue;
        picked.push({ set, name, base, kind, colour, licence });
      } else if (!GARMENT_WORD.test(name) && !json.icons[name].hidden) {
        negatives.push({ set, name, base, kind: "not-clothing", colour, licence });
      }
    }
    // A deterministic sample of everything else in the set, one per base name.
    const seen = new Set();
    negatives.sort((a, b) => seedOf(a.name) - seedOf(b.name));
    for (const n of negatives) {
      if (seen.has(n.base)) continue;
      seen.add(n.base);
      picked.push(n);
      if (seen.size >= NEGATIVES_PER_SET) break;
    }
  }
  return { collections, picked };
}

function rasterise(json, defaults, name) {
  const icon = resolveIcon(json, name);
  const w = icon.width ?? defaults.width ?? 16;
  const h = icon.height ?? defaults.height ?? 16;
  const mode = w >= h ? { mode: "width", value: RASTER } : { mode: "height", value: RASTER };
  return new Resvg(svgOf("", icon, w, h), { fitTo: mode, background: "rgba(0,0,0,0)" }).render().asPng();
}

function main() {
  const { collections, picked } = selectDrawings();
  const glyphDir = join(OUT, "glyphs");
  mkdirSync(glyphDir, { recursive: true });
  const cache = new Map();
  const entries = [];
  for (const p of picked) {
    if (!cache.has(p.set)) cache.set(p.set, JSON.parse(readFileSync(join(ICONIFY, `${p.set}.json`), "utf8")));
    const json = cache.get(p.set);
    const id = `${p.set}--${p.name}`;
    const file = join(glyphDir, `${id}.png`);
    if (!existsSync(file)) writeFileSync(file, rasterise(json, json, p.name));
    const info = collections[p.set];
    entries.push({ id, ...p, family: family(p.set), file: `glyphs/${id}.png`,
      author: info.author?.name ?? "", collectionName: info.name, licenceUrl: info.license?.url ?? "" });
  }
  const counts = {};
  for (const e of entries) {
    counts[e.kind] ??= { drawings: 0, families: new Set() };
    counts[e.kind].drawings++;
    counts[e.kind].families.add(e.family);
  }
  const out = {
    sources: { "@iconify/json": ICONIFY_VERSION, "@resvg/resvg-js": RESVG_VERSION, raster: RASTER },
    drawings: entries,
  };
  writeFileSync(join(OUT, "catalogue.json"), JSON.stringify(out, null, 1));
  for (const [k, c] of Object.entries(counts)) console.log(k.padEnd(13), String(c.drawings).padStart(5), "drawings,", c.families.size, "families");
  console.log(`${entries.length} drawings -> ${OUT}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
