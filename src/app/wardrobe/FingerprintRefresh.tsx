import { useEffect, useState } from "react";
import { refreshFingerprints, type RefreshProgress } from "@ml/refreshFingerprints";

/**
 * After an update brings a new embedder: remakes the items' fingerprints from their
 * photos in the background (a few seconds after the wardrobe opens, so the first screen
 * comes first), and says so while it runs. Nothing to do → nothing shown.
 */
export function FingerprintRefresh() {
  const [p, setP] = useState<RefreshProgress | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      refreshFingerprints(setP, abort.signal)
        .then((final) => setP(final.total ? final : null))
        .catch((e: unknown) => console.warn("fingerprint refresh stopped", e));
    }, 3000);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, []);
  if (!p || p.total === 0) return null;
  if (p.done >= p.total)
    return (
      <p className="model-load" role="status">
        Updated {p.total - p.failed} of {p.total} fingerprints for the new recogniser{p.failed ? ` (${p.failed} photos could not be read)` : ""}.
      </p>
    );
  return (
    <div className="model-load" role="status" aria-live="polite">
      <span>
        Updating fingerprints for the new recogniser… {p.done} of {p.total}
      </span>
      <progress max={p.total} value={p.done} aria-label="Fingerprints updated" />
    </div>
  );
}
