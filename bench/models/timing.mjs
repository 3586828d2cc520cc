// Shared by the Node and the browser halves of bench/models.bench.mjs: times one ONNX
// model in an already-configured onnxruntime-web (`ort` is passed in, so the same code
// runs in Node and in a page). Returns raw per-run times; statistics are done by the caller.

/**
 * @param {any} ort @param {Uint8Array} bytes @param {{batch: number, runs: number, warmup: number}[]} plan
 * @param {() => number} [cpuMs] process CPU time in ms (Node): wall time on a busy machine
 *   includes waiting for a core, CPU time does not.
 * @param {number[]} [shape] one input image's shape without the batch axis (default 1×28×28)
 */
export async function timeModel(ort, bytes, plan, cpuMs, shape = [1, 28, 28]) {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"] });
  const input = session.inputNames[0];
  const results = [];
  for (const { batch, runs, warmup } of plan) {
    // Deterministic garment-like input: values in [0, 1], different per image.
    const data = new Float32Array(batch * shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = ((i * 2654435761) % 1000) / 1000;
    const feeds = { [input]: new ort.Tensor("float32", data, [batch, ...shape]) };
    for (let i = 0; i < warmup; i++) await session.run(feeds);
    const times = [];
    const cpu0 = cpuMs?.();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await session.run(feeds);
      times.push(performance.now() - t0);
    }
    const cpuPerRun = cpuMs ? (cpuMs() - cpu0) / runs : undefined;
    results.push({ batch, times, cpuPerRun });
  }
  await session.release();
  return results;
}
