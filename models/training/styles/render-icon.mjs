// Rasterises one icon of a pinned @iconify/json collection to PNG (transparent background):
//   node models/training/styles/render-icon.mjs SET NAME SIZE OUT.png
// Used by models/training/contract_data.py for its drawing fixtures.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OPEN_LICENCE, RESERVED } from "./catalogue.mjs";

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "package.json"));
const { Resvg } = require("@resvg/resvg-js");
const root = dirname(require.resolve("@iconify/json/package.json"));
const [set, name, size, out] = process.argv.slice(2);
const info = JSON.parse(readFileSync(join(root, "collections.json"), "utf8"))[set];
if (RESERVED.test(set) || !OPEN_LICENCE.test(info?.license?.spdx ?? "")) throw new Error(`${set}: reserved or not openly licensed`);
const json = JSON.parse(readFileSync(join(root, "json", `${set}.json`), "utf8"));
const icon = json.icons[name];
if (!icon) throw new Error(`${set}:${name} not found`);
const w = icon.width ?? json.width ?? 16;
const h = icon.height ?? json.height ?? 16;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${icon.left ?? 0} ${icon.top ?? 0} ${w} ${h}" width="${w}" height="${h}">${icon.body}</svg>`;
writeFileSync(out, new Resvg(svg, { fitTo: { mode: "width", value: Number(size) } }).render().asPng());
