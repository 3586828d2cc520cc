import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { App } from "@app/App";
import "@app/styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
// The static shell in index.html is already on screen: render the app as a transition,
// which React splits into short tasks, so the page stays responsive while it starts.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
