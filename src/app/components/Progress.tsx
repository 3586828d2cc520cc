import "./components.css";

/** A labelled progress bar with an optional Cancel: long work is always visible and stoppable. */
export function Progress({ label, value, max, onCancel }: { label: string; value: number; max: number; onCancel?: () => void }) {
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="progress-text" aria-live="polite">
        {label} — {value} of {max}
      </div>
      <progress value={value} max={Math.max(1, max)} aria-label={label} />
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
