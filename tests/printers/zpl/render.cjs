// Render ZPL (read from a file or stdin) to PNG with zpl-renderer-js, an independent
// renderer (a WebAssembly build of ingridhq/zebrash). Usage:
//   node render.cjs IN.zpl OUT.png [WIDTH_MM HEIGHT_MM DOTS_PER_MM]
"use strict";
const fs = require("node:fs");
// Node 18 (Debian 12's) has Web Crypto but not as a global; the renderer needs it
globalThis.crypto ??= require("node:crypto").webcrypto;
const { ready } = require("zpl-renderer-js");

async function main() {
  const [input, output, width = "101.6", height = "152.4", dpmm = "8"] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node render.cjs IN.zpl OUT.png [WIDTH_MM HEIGHT_MM DOTS_PER_MM]");
    process.exit(2);
  }
  const zpl = fs.readFileSync(input === "-" ? 0 : input, "latin1");
  const { api } = await ready;
  const png = await api.zplToBase64Async(zpl, Number(width), Number(height), Number(dpmm));
  fs.writeFileSync(output, Buffer.from(png, "base64"));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(String(err && err.stack ? err.stack : err));
    process.exit(1);
  },
);
