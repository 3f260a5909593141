'use strict';
// Loads one Lambda bundle in a fresh process, serves one event, and reports timings and memory
// on a line starting with "@@bench ". Plain CommonJS on purpose: a TypeScript loader would add
// its own start-up time and memory to what is measured. Without a bundle it does everything but
// load and call one, which makes it the floor the cold starts are compared with.
//
// Usage: node lambda-runner.cjs <spec.json>
//   spec: { bundle?: string, event?: unknown, context?: object, jwks?: object, remainingMs?: number, bareSharp?: string }
// With `bareSharp` (an image file) it loads sharp instead of a bundle and renders that image the
// way the bench's bare-sharp contender does: the floor the thumbnail's cold start is judged by.
const bootMs = performance.now();
const { readFileSync } = require('node:fs');

/** Peak resident set size so far (kB), as the kernel counts it. */
function vmHwmKb() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

/**
 * Answers the verifier's JWKS request from memory, as if the JWKS had been fetched during init:
 * what is measured is the bundle, not a network round trip or the loading of undici.
 */
function preloadJwks(jwks) {
  const body = new TextEncoder().encode(JSON.stringify(jwks));
  Object.defineProperty(globalThis, 'fetch', {
    configurable: true,
    writable: true,
    value: async () => ({ status: 200, body: null, arrayBuffer: async () => body.buffer }),
  });
}

/** The bench's bare-sharp renditions (thumbnail/contenders.ts; a test pins the same bytes). */
async function bareSharpRenditions(sharp, input) {
  const webp = (image) => image.webp({ quality: 80, effort: 4 });
  const jpeg = (image) =>
    image.flatten({ background: { r: 255, g: 255, b: 255 } }).jpeg({ quality: 80, progressive: true, mozjpeg: true });
  const encode = (image, format) => (format === 'webp' ? webp(image) : jpeg(image)).toBuffer();
  const { data, info } = await sharp(input, { failOn: 'error', pages: 1 })
    .autoOrient()
    // Framed by content, as the handler frames an upload without a crop.
    .resize(512, 512, { fit: 'cover', position: sharp.strategy.attention })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const small = sharp(data, raw).resize(128, 128, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
  const large = [encode(sharp(data, raw), 'webp'), encode(sharp(data, raw), 'jpeg')];
  const { data: smallData, info: smallInfo } = await small;
  const smallRaw = { raw: { width: smallInfo.width, height: smallInfo.height, channels: smallInfo.channels } };
  return Promise.all([...large, encode(sharp(smallData, smallRaw), 'webp'), encode(sharp(smallData, smallRaw), 'jpeg')]);
}

async function runBareSharp(file) {
  const loadStart = performance.now();
  const sharp = require('sharp');
  const loaded = performance.now();
  const outputs = await bareSharpRenditions(sharp, readFileSync(file));
  const called = performance.now();
  report({ bootMs, loadMs: loaded - loadStart, callMs: called - loaded, result: { bytes: outputs.map((o) => o.byteLength) }, peakRssKb: vmHwmKb() });
}

function report(result) {
  process.stdout.write(`\n@@bench ${JSON.stringify(result)}\n`);
}

module.exports = { bareSharpRenditions };

async function main() {
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  if (spec.bareSharp) return runBareSharp(spec.bareSharp);
  if (!spec.bundle) {
    report({ bootMs, loadMs: 0, callMs: 0, peakRssKb: vmHwmKb() });
    return;
  }
  if (spec.jwks) preloadJwks(spec.jwks);
  const loadStart = performance.now();
  const { handler } = require(spec.bundle);
  const loaded = performance.now();
  const rssAfterLoadKb = Math.round(process.memoryUsage.rss() / 1024);
  const context = {
    ...spec.context,
    getRemainingTimeInMillis: () => spec.remainingMs ?? 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  const result = await handler(spec.event, context);
  const called = performance.now();
  report({
    bootMs,
    loadMs: loaded - loadStart,
    callMs: called - loaded,
    result,
    rssAfterLoadKb,
    peakRssKb: vmHwmKb(),
    maxRssKb: process.resourceUsage().maxRSS,
  });
}

if (require.main === module) main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
