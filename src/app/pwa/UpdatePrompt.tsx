import { useEffect, useState } from "react";
import { registerSW } from "virtual:pwa-register";
import { useToast } from "../components/toastContext";
import "../components/components.css";

type Updater = (reload?: boolean) => Promise<void>;
let registered: { update: Updater } | null = null;

/**
 * Registers the service worker (Workbox via vite-plugin-pwa, "prompt" mode) and
 * offers a new version instead of switching under the user's feet: the waiting
 * worker only takes over when they press Update.
 */
export function UpdatePrompt() {
  const toast = useToast();
  const [needRefresh, setNeedRefresh] = useState(false);
  useEffect(() => {
    if (registered || !("serviceWorker" in navigator)) return;
    // StrictMode runs effects twice; one registration per page is enough.
    registered = {
      update: registerSW({
        // After the page's load event: installing precaches ~25 MB (models, WASM), which
        // must not compete with the first screen for the network and the CPU.
        immediate: false,
        onNeedRefresh: () => setNeedRefresh(true),
        onOfflineReady: () => toast.show({ message: "Curator is ready to work offline." }),
        onRegisterError: (e) => console.warn("service worker registration failed", e),
      }),
    };
  }, [toast]);
  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="alert">
      <span>Update available — a new version of Curator is ready.</span>
      <button type="button" className="button button-primary" onClick={() => void registered?.update(true)}>
        Update
      </button>
      <button type="button" className="button" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  );
}
