import { useEffect, useState } from "react";
import { faceModelsAvailableOffline } from "@ml/face/offline";

/** Tells the user whether face analysis will work without a connection (checked again after each step). */
export function OfflineNote({ checkAgain }: { checkAgain: unknown }) {
  const [offline, setOffline] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void faceModelsAvailableOffline().then((ok) => live && setOffline(ok));
    return () => {
      live = false;
    };
  }, [checkAgain]);
  if (offline === null) return null;
  return (
    <p className="face-offline" data-testid="face-offline">
      {offline
        ? "✓ Face analysis works offline: its models are saved on this device."
        : "Face analysis needs a connection the first time; its models (about 2 MB) are then saved for offline use."}
    </p>
  );
}
