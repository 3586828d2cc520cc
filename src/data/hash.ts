/** Hex sha256 of bytes: identifies an image's exact content (export integrity, tests, sync). */
export async function sha256Hex(data: BufferSource | Blob): Promise<string> {
  const buf = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest("SHA-256", buf);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
