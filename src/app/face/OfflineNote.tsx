import { useEffect, useState } from "react";
import { downloadSize, megabytes, notDownloadedMessage, packState } from "@ml/offline-packs";
import { useOnline } from "../components/useOnline";

/**
 * Tells the user whether face analysis will work without a connection (checked again
 * after each step): its models are fetched the first time, so an offline user who never
 * used it is told at once what must be downloaded, not after choosing a photo.
 */
export function OfflineNote({ checkAgain }: { checkAgain: unknown }) {
  const [downloaded, setDownloaded] = useState<boolean | null>(null);
  const online = useOnline();
  useEffect(() => {
    let live = true;
    void packState("face").then((s) => live && setDownloaded(s.downloaded));
    return () => {
      live = false;
    };
  }, [checkAgain, online]);
  if (downloaded === null) return null;
  if (downloaded) {
    return (
      <p className="face-offline" data-testid="face-offline">
        ✓ Face analysis works offline: its models are saved on this device.
      </p>
    );
  }
  if (!online) {
    return (
      <p className="face-offline face-offline-missing" data-testid="face-offline" role="status">
        {notDownloadedMessage("face", downloadSize("face"))}
      </p>
    );
  }
  return (
    <p className="face-offline" data-testid="face-offline">
      Face analysis downloads about {megabytes(downloadSize("face"))} once, the first time you analyse a selfie; it then works offline.
    </p>
  );
}
