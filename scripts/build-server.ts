// Compiles the production entry points (scripts/start.ts, scripts/demo.ts) into plain JavaScript
// next to the Remix build, so the production server runs on `node` without a TypeScript loader, and
// prints the Remix server build in Latin-1 (below). Run by `npm run build` after `remix vite:build`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, transformSync } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.resolve(root, process.env.BUILD_DIR ?? "build");

await build({
  entryPoints: { start: path.join(root, "scripts/start.ts"), demo: path.join(root, "scripts/demo.ts") },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  // Code split at the dynamic imports of scripts/server.ts: a cluster's primary loads only what it needs.
  splitting: true,
  chunkNames: "[name]-[hash]",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  jsx: "automatic",
});

// The Remix server build as one byte per character. V8 keeps a module's source in memory for as long
// as the module lives, and stores it with two bytes per character as soon as one character lies above
// U+00FF („ “ – … in German texts): 5.6 MB instead of 2.8 MB in every serving thread. esbuild prints
// it again with every string and template escaped (`charset: "ascii"`); what is left above U+00FF is in
// comments and regular-expression literals, where a \u escape means the same character.
const serverBuild = path.join(outdir, "server/index.js");
const printed = transformSync(readFileSync(serverBuild, "utf8"), { format: "esm", charset: "ascii", loader: "js", target: "node20", logLevel: "warning" }).code;
writeFileSync(
  serverBuild,
  printed.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
);
