import { useCallback, useEffect, useState } from "react";
import { formatBytes } from "@data/storage";
import { allPackStates, downloadSize, megabytes, PACK_IDS, PACKS, type PackId, type PackState } from "@ml/offline-packs";

type Busy = { kind: "download"; pack: PackId; fraction: number } | { kind: "remove"; pack: PackId } | null;

/**
 * Settings → Storage: the capabilities Curator downloads on first use (not at install),
 * what each takes on this device, a Remove per capability (it comes back on next use),
 * and "Make Curator work fully offline now", which downloads everything with progress.
 */
export function OfflinePacks() {
  const [states, setStates] = useState<PackState[] | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const refresh = useCallback(() => void allPackStates().then(setStates), []);
  useEffect(refresh, [refresh]);

  const downloadAll = async () => {
    setMessage(null);
    setBusy({ kind: "download", pack: "vision", fraction: 0 });
    try {
      const { downloadEverything } = await import("@ml/download-all");
      const now = await downloadEverything((p) => setBusy({ kind: "download", pack: p.pack, fraction: p.fraction }));
      setStates(now);
      const missing = now.filter((s) => !s.downloaded);
      setMessage(
        missing.length === 0
          ? { text: "Curator now works fully offline on this device.", error: false }
          : {
              text: `Downloaded, but this browser did not keep ${missing.map((s) => PACKS[s.id].title.toLowerCase()).join(" and ")} for offline use (private browsing, or the app was opened before its service worker started: reload and try again).`,
              error: true,
            },
      );
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
      refresh();
    } finally {
      setBusy(null);
    }
  };

  const remove = async (id: PackId) => {
    setMessage(null);
    setBusy({ kind: "remove", pack: id });
    try {
      const { removeCapability } = await import("@ml/download-all");
      await removeCapability(id);
      setMessage({ text: `${PACKS[id].title} removed from this device. It downloads again the next time you ${PACKS[id].firstUse}.`, error: false });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(null);
      refresh();
    }
  };

  if (!states) return <p className="loading">Checking downloads…</p>;
  const allThere = states.every((s) => s.downloaded);
  const toDownload = states.filter((s) => !s.downloaded).reduce((sum, s) => sum + downloadSize(s.id), 0);
  return (
    <section className="offline-packs" aria-labelledby="offline-packs-title">
      <h4 id="offline-packs-title">Downloaded for offline use</h4>
      <p>Curator installs small. Photo recognition and face analysis download their models the first time you use them, then work offline.</p>
      <ul className="offline-pack-list">
        {PACK_IDS.map((id) => {
          const s = states.find((x) => x.id === id);
          const stored = s?.storedBytes ?? 0;
          return (
            <li key={id} data-testid={`pack-${id}`}>
              <span className="offline-pack-name">{PACKS[id].title}</span>{" "}
              <span className="offline-pack-state" data-testid={`pack-${id}-state`}>
                {s?.downloaded
                  ? `Downloaded · ${formatBytes(stored)}`
                  : stored > 0
                    ? `Partly downloaded · ${formatBytes(stored)}`
                    : `Not downloaded · about ${megabytes(downloadSize(id))} to download`}
              </span>
              {stored > 0 && (
                <button
                  type="button"
                  className="button button-danger"
                  aria-label={`Remove ${PACKS[id].title.toLowerCase()} from this device`}
                  onClick={() => void remove(id)}
                  aria-disabled={busy !== null}
                  disabled={busy?.kind === "remove" && busy.pack === id}
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!allThere && (
        <button type="button" className="button" onClick={() => busy === null && void downloadAll()} aria-disabled={busy !== null}>
          Make Curator work fully offline now ({megabytes(toDownload)})
        </button>
      )}
      {busy?.kind === "download" && (
        <div className="progress" role="group" aria-label="Downloading for offline use">
          <div className="progress-text" aria-live="polite">
            Downloading {PACKS[busy.pack].title.toLowerCase()}… {Math.round(busy.fraction * 100)} %
          </div>
          <progress value={busy.fraction} max={1} aria-label={`${PACKS[busy.pack].title} download`} />
        </div>
      )}
      {message && (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : undefined} data-testid="offline-packs-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
