import { useCallback, useEffect, useState } from "react";
import { formatBytes, requestPersistence, storageInfo, type StorageInfo } from "@data/storage";
import { OfflinePacks } from "./OfflinePacks";

/** How much the wardrobe uses, how much the browser allows, and whether it is protected from eviction. */
export default function StorageSection() {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [asked, setAsked] = useState<boolean | null>(null);
  const refresh = useCallback(() => void storageInfo().then(setInfo), []);
  useEffect(refresh, [refresh]);

  if (!info) return <p className="loading">Measuring…</p>;
  const { usage, quota, persisted } = info;
  return (
    <div className="storage">
      {usage !== null && quota !== null ? (
        <>
          <p data-testid="storage-usage">
            Using <strong>{formatBytes(usage)}</strong> of about {formatBytes(quota)} available to Curator.
          </p>
          <meter min={0} max={quota} value={usage} low={quota * 0.7} high={quota * 0.9} aria-label="Storage used" />
        </>
      ) : (
        <p>This browser does not report storage usage.</p>
      )}
      <p data-testid="storage-persisted">
        {persisted
          ? "Your wardrobe is stored persistently: the browser will not clear it to free space."
          : "Your wardrobe may be cleared by the browser if the device runs low on space. Export a backup regularly, or ask to keep it:"}
      </p>
      {!persisted && (
        <button
          type="button"
          className="button"
          onClick={async () => {
            setAsked(await requestPersistence());
            refresh();
          }}
        >
          Keep my data on this device
        </button>
      )}
      {asked === false && <p role="status">The browser declined for now. It often agrees once Curator is installed or used regularly.</p>}
      <OfflinePacks />
    </div>
  );
}
