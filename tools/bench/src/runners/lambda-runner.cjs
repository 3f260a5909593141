'use strict';
// Loads one Lambda bundle in a fresh process, serves one event, and reports timings and memory
// on a line starting with "@@bench ". Plain CommonJS on purpose: a TypeScript loader would add
// its own start-up time and memory to what is measured. Without a bundle it does everything but
// load and call one, which makes it the floor the cold starts are compared with.
//
// Usage: node lambda-runner.cjs <spec.json>
//   spec: { bundle?: string, event?: unknown, context?: object, jwks?: object, remainingMs?: number, bareSharp?: string }
// With `bareSharp` (an image file) it loads sharp instead of a bundle and renders that image with
// the bench's bare-sharp contender (./bare-sharp.cjs): the floor the thumbnail's cold start is judged by.
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

async function runBareSharp(file) {
  const { bareSharpRenditions } = require('./bare-sharp.cjs');
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
