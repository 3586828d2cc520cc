// Runs the detector ONNX with onnxruntime-web's WASM backend in Node (the runtime the app uses), as
// models/training/ort_run.mjs does for the classifier, but with the detector's input and its four outputs:
//   node ort_run_det.mjs MODEL INPUT.f32 N OUT_DIR [TIMING_RUNS]
// writes OUT_DIR/<output name>.f32 and prints the output dims; with TIMING_RUNS, also the forward time at
// batch 1 (after 3 warm-up runs): median and p95 in ms over that many runs, one WASM thread, wall and CPU time.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-web";

const [model, input, n, outDir, timingRuns] = process.argv.slice(2);
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(readFileSync(model));
const x = new Float32Array(readFileSync(input).buffer.slice(0));
const feeds = { [session.inputNames[0]]: new ort.Tensor("float32", x, [Number(n), 3, 256, 256]) };
const result = await session.run(feeds);
const dims = {};
for (const name of session.outputNames) {
  const y = result[name];
  writeFileSync(join(outDir, `${name}.f32`), Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength));
  dims[name] = y.dims;
}
let timing = null;
if (timingRuns) {
  const one = { [session.inputNames[0]]: new ort.Tensor("float32", x.slice(0, 3 * 256 * 256), [1, 3, 256, 256]) };
  for (let i = 0; i < 3; i++) await session.run(one);
  const ms = [];
  const cpu = [];
  for (let i = 0; i < Number(timingRuns); i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await session.run(one);
    const d = process.cpuUsage(c);
    ms.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const p95 = (v) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)];
  // cpuMs: the process's CPU time per run, what the run costs when a core is free (wall time includes waiting for one)
  timing = { runs: ms.length, medianMs: median(ms), p95Ms: p95(ms), minMs: Math.min(...ms), cpuMedianMs: median(cpu), cpuP95Ms: p95(cpu) };
}
console.log(JSON.stringify({ outputs: session.outputNames, dims, timing }));
