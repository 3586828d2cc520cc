// Runs an ONNX model with onnxruntime-web's WASM backend in Node (the runtime the app
// uses) for the pipeline's parity check: node ort_run.mjs MODEL INPUT.f32 N OUT.f32
import { readFileSync, writeFileSync } from "node:fs";
import * as ort from "onnxruntime-web";

const [model, input, n, out] = process.argv.slice(2);
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(readFileSync(model));
const x = new Float32Array(readFileSync(input).buffer.slice(0));
const feeds = { [session.inputNames[0]]: new ort.Tensor("float32", x, [Number(n), 1, 28, 28]) };
const result = await session.run(feeds);
const y = result[session.outputNames[0]];
writeFileSync(out, Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength));
console.log(JSON.stringify({ output: session.outputNames[0], dims: y.dims }));
