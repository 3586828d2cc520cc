import { useEffect, useRef } from "react";
import { predictionCount } from "@data/predictions";
import { useLiveQuery } from "../components/useLiveQuery";
import { useSettingsNav } from "./settingsNav";
import "../monitoring/monitoring.css";

/** The way into Model health, with how much it has to go on. */
export default function ModelHealthSection() {
  const count = useLiveQuery(predictionCount, []);
  const nav = useSettingsNav();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (nav.returnedFrom === "model-health") button.current?.focus();
  }, [nav.returnedFrom]);
  return (
    <div className="health-open">
      <p>
        Confidence over time, categories, corrections and drift of the garment recogniser, as charts. Computed on this device.{" "}
        <span className="muted" data-testid="health-count">
          {count === undefined
            ? ""
            : count === 0
              ? "No photos analysed yet."
              : `${count.toLocaleString()} ${count === 1 ? "photo" : "photos"} analysed so far.`}
        </span>
      </p>
      <button ref={button} type="button" className="button" onClick={() => nav.open("model-health")}>
        Open model health
      </button>
    </div>
  );
}
