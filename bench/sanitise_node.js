#!/usr/bin/env node
// Baseline 3b: npm sanitize-filename, the sanitising step alone.
//
//   node --expose-gc sanitise_node.js CORPUS.json [--smoke]
//
// Same protocol as sanitise_python.py: first sanitize-filename (replacement "_") must change a
// file-name case exactly when profshim calls it unsafe, apart from EXPECTED_DIFFERENCES (each
// of which must still occur); then each timed input is sanitised in batches and the median
// per-call time reported. JavaScript objects live on V8's garbage-collected heap, not malloc,
// so instead of a malloc count this reports the V8 heap bytes allocated per call (heapUsed
// growth over a short run with no collection in it, under --expose-gc).
// Prints one JSON object on stdout; exits 1 on any mismatch.
'use strict';

const fs = require('fs');
const path = require('path');
const sanitize = require('sanitize-filename');

// Where sanitize-filename's reserved names differ from profshim's (profshim.h section 5 also
// reserves CLOCK$, CONIN$ and CONOUT$).
const EXPECTED_DIFFERENCES = {
  'clock$': 'sanitize-filename does not reserve CLOCK$',
  'conin$': 'sanitize-filename does not reserve CONIN$',
};
const UNSAFE = /[<>:"\/\\|?*\x00-\x1f]/;

const sanitise = (text) => sanitize(text, { replacement: '_' });

function verify(corpus) {
  const failures = [];
  const seen = new Set();
  for (const c of corpus.cases) {
    const out = sanitise(c.text);
    if (UNSAFE.test(out)) failures.push(`${c.name}: ${JSON.stringify(c.text)} sanitised to ${JSON.stringify(out)}, still unsafe`);
    const changed = out !== c.text;
    if (changed !== c.unsafe) {
      if (c.text in EXPECTED_DIFFERENCES) { seen.add(c.text); continue; }
      failures.push(`${c.name}: ${JSON.stringify(c.text)} -> ${JSON.stringify(out)}: sanitize-filename says ` +
                    `${changed ? 'unsafe' : 'safe'}, profshim ${c.unsafe ? 'unsafe' : 'safe'}`);
    }
  }
  for (const text of Object.keys(EXPECTED_DIFFERENCES)) {
    if (!seen.has(text)) failures.push(`expected difference on ${JSON.stringify(text)} did not occur (or the case is gone)`);
  }
  return failures;
}

// CPU time (user + system, all of the process's threads, as profshim_bench's CPU time) and
// wall time per call of each batch.
function timePerCall(text, batch, batches) {
  let sink = 0;
  for (let i = 0; i < 20000; i++) sink += sanitise(text).length;   // warm up, JIT
  const cpu = [];
  const wall = [];
  for (let b = 0; b < batches; b++) {
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += sanitise(text).length;
    wall.push(Number(process.hrtime.bigint() - start) / batch);
    const used = process.cpuUsage(startCpu);
    cpu.push(((used.user + used.system) * 1000) / batch);
  }
  if (sink === 42) console.error('');   // keep the results alive
  return [cpu, wall];
}

// V8 heap bytes per call: how much heapUsed grows over a short run after a full collection;
// the median of 11 runs (a scavenge inside one run makes that run's figure too small).
function heapBytesPerCall(text) {
  if (typeof global.gc !== 'function') return null;
  const calls = 500;
  const grown = [];
  for (let attempt = 0; attempt < 11; attempt++) {
    global.gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < calls; i++) sanitise(text);
    grown.push((process.memoryUsage().heapUsed - before) / calls);
  }
  return median(grown);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const smoke = argv.includes('--smoke');
  const corpus = JSON.parse(fs.readFileSync(args[0], 'utf8'));

  const failures = verify(corpus);
  if (failures.length) {
    for (const f of failures) console.error(`MISMATCH npm sanitize-filename: ${f}`);
    console.error(`sanitise_node: FAILED: ${failures.length} mismatches with profshim; nothing was timed`);
    return 1;
  }
  console.error(`verify: sanitize-filename gives profshim's file-name verdicts on ${corpus.cases.length} cases ` +
                `(${Object.keys(EXPECTED_DIFFERENCES).length} known differences)`);

  const [batch, batches] = smoke ? [200, 3] : [50000, 15];
  const rows = corpus.timed.map((t) => {
    const [perCall, wall] = timePerCall(t.text, batch, batches);
    const mean = perCall.reduce((a, b) => a + b, 0) / perCall.length;
    const sd = Math.sqrt(perCall.reduce((a, b) => a + (b - mean) ** 2, 0) / perCall.length);
    const heap = heapBytesPerCall(t.text);
    return {
      name: `node_sanitize_filename/${t.name}`,
      input: t.name,
      bytes: Buffer.byteLength(t.text),
      ns_median: median(perCall),
      wall_ns_median: median(wall),
      cv: sd / mean,
      repetitions: batches,
      allocs: null,
      allocs_note: heap === null ? null : `V8 heap, ${Math.round(heap)} B/call`,
    };
  });
  const version = require(path.join(path.dirname(require.resolve('sanitize-filename')), 'package.json')).version;
  process.stdout.write(JSON.stringify({
    runtime: `Node.js ${process.version}`,
    library: `sanitize-filename ${version}`,
    rows,
  }) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
