// Phone-sized photos made in a Playwright page (OffscreenCanvas), for the import benches
// (vision.bench.mjs, pieces.bench.mjs): each small source PNG drawn at full size with
// uneven light and sensor-like grain, encoded as JPEG (quality 0.92), so a 12 MP photo is
// as big as a phone's (3–6 MB). The photos stay in the page as window.__photos[set].

/** In the page: render each garment at full size with light falloff and noise, encode as JPEG. */
export async function makePhotos(page, set, sources, size) {
  return page.evaluate(
    async ({ set, sources, size }) => {
      const rng = (seed) => () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
      // One noise tile per page (prime size so the repeat never lines up with 8×8 JPEG blocks):
      // luminance grain plus a little chroma noise, as a phone sensor leaves after denoising.
      if (!window.__noise) {
        const n = 1021;
        const rand = rng(42);
        const img = new ImageData(n, n);
        for (let i = 0; i < n * n; i++) {
          const l = (rand() + rand() + rand() - 1.5) * 110;
          img.data[i * 4] = 128 + l + (rand() - 0.5) * 30;
          img.data[i * 4 + 1] = 128 + l + (rand() - 0.5) * 30;
          img.data[i * 4 + 2] = 128 + l + (rand() - 0.5) * 30;
          img.data[i * 4 + 3] = 255;
        }
        const c = new OffscreenCanvas(n, n);
        c.getContext("2d").putImageData(img, 0, 0);
        window.__noise = c.transferToImageBitmap();
      }
      window.__photos ??= {};
      const out = (window.__photos[set] = []);
      const bytes = [];
      const canvas = new OffscreenCanvas(size.width, size.height);
      const ctx = canvas.getContext("2d");
      for (const [k, s] of sources.entries()) {
        const rand = rng(1000 + k);
        const src = await createImageBitmap(new Blob([Uint8Array.from(atob(s.png), (c) => c.charCodeAt(0))], { type: "image/png" }));
        ctx.globalCompositeOperation = "source-over";
        ctx.globalAlpha = 1;
        ctx.imageSmoothingQuality = "high";
        ctx.drawImage(src, 0, 0, size.width, size.height);
        src.close();
        // Uneven light: brighter where the lamp is, darker corners.
        const cx = size.width * (0.3 + 0.4 * rand());
        const cy = size.height * (0.3 + 0.4 * rand());
        const light = ctx.createRadialGradient(cx, cy, 0, cx, cy, size.width * 0.8);
        light.addColorStop(0, "rgba(255,250,240,0.10)");
        light.addColorStop(1, "rgba(0,0,10,0.16)");
        ctx.fillStyle = light;
        ctx.fillRect(0, 0, size.width, size.height);
        // Grain, offset per photo so no two photos share bytes.
        ctx.globalCompositeOperation = "overlay";
        ctx.globalAlpha = 0.35;
        const pattern = ctx.createPattern(window.__noise, "repeat");
        ctx.save();
        ctx.translate(-Math.floor(rand() * 1021), -Math.floor(rand() * 1021));
        ctx.fillStyle = pattern;
        ctx.fillRect(0, 0, size.width + 1021, size.height + 1021);
        ctx.restore();
        const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.92 });
        out.push(new File([blob], s.name, { type: "image/jpeg" }));
        bytes.push(blob.size);
      }
      return bytes;
    },
    { set, sources, size },
  );
}
