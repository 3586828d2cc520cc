import { useEffect, useRef } from "react";
import { Progress } from "../components/Progress";
import type { ImportProgress, ImportReport } from "@ml/import/importPhotos";

interface Props {
  busy: boolean;
  progress: ImportProgress | null;
  report: ImportReport | null;
  onFiles: (files: File[]) => void;
  onCancel: () => void;
  onDismissReport: () => void;
  /** Opened from the "Add clothes" shortcut: Add photos takes the focus. */
  focusAdd?: boolean;
}

// Accept any image by type, plus HEIC by extension (iOS reports it inconsistently);
// the worker decides from the bytes anyway.
const ACCEPT = "image/*,.heic,.heif,.avif";

/** From this many files with the same note, the report shows one line with a count instead of one line each. */
const GROUP_FROM = 3;

/** Files that got exactly the same notes, in first-seen order. */
function groupNotes(noted: ImportReport["results"]): { note: string; files: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const r of noted) {
    if (!r.ok) continue;
    const note = r.notes.join(" ");
    groups.set(note, [...(groups.get(note) ?? []), r.file]);
  }
  return [...groups].map(([note, files]) => ({ note, files }));
}

/** "Add photos" and "Take photo" buttons, import progress with Cancel, and a per-file report. */
export function ImportPanel({ busy, progress, report, onFiles, onCancel, onDismissReport, focusAdd = false }: Props) {
  const pick = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusAdd) addButton.current?.focus();
  }, [focusAdd]);
  const camera = useRef<HTMLInputElement>(null);
  const take = (input: HTMLInputElement | null) => {
    if (!input?.files?.length) return;
    onFiles([...input.files]);
    input.value = ""; // picking the same files again must fire change
  };
  // Choosing photos takes the person a few seconds: photo recognition starts meanwhile.
  const open = (input: HTMLInputElement | null) => {
    input?.click();
    void import("@ml/vision-client").then((m) => m.warmUpRecognition());
  };
  const refused = report?.results.filter((r) => !r.ok) ?? [];
  const noted = report?.results.filter((r) => r.ok && r.notes.length > 0) ?? [];
  const added = report?.results.filter((r) => r.ok).length ?? 0;
  return (
    <div className="import">
      <div className="import-buttons">
        <button ref={addButton} type="button" className="button button-primary" disabled={busy} onClick={() => open(pick.current)}>
          Add photos
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => open(camera.current)}>
          Take photo
        </button>
        <input
          ref={pick}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          aria-label="Choose photos of clothes"
          data-testid="photo-input"
          onChange={(e) => take(e.currentTarget)}
        />
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          aria-label="Take a photo of clothes"
          onChange={(e) => take(e.currentTarget)}
        />
      </div>
      {busy && progress && (
        <Progress label={progress.current ? `Adding ${progress.current}` : "Adding photos"} value={progress.done} max={progress.total} onCancel={onCancel} />
      )}
      {report && !busy && (
        <section className="import-report" aria-label="Import results">
          <p role="status">
            {report.cancelled ? "Import cancelled. " : ""}
            Added {added} {added === 1 ? "item" : "items"}
            {refused.length > 0 ? `; ${refused.length} ${refused.length === 1 ? "file was" : "files were"} not imported.` : "."}
          </p>
          {(refused.length > 0 || noted.length > 0) && (
            <ul className="import-messages">
              {refused.map((r, i) => (
                <li key={`r${i}`} className="import-error" data-file={r.file}>
                  <strong>{r.file}</strong>: {!r.ok && r.message}
                </li>
              ))}
              {groupNotes(noted).map((g) =>
                g.files.length < GROUP_FROM ? (
                  g.files.map((file) => (
                    <li key={`n${file}`} className="import-note" data-file={file}>
                      <strong>{file}</strong>: {g.note}
                    </li>
                  ))
                ) : (
                  <li key={`g${g.note}`} className="import-note">
                    <details>
                      <summary>
                        {g.files.length} photos: {g.note}
                      </summary>
                      <ul>
                        {g.files.map((file) => (
                          <li key={file} data-file={file}>
                            {file}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </li>
                ),
              )}
            </ul>
          )}
          <button type="button" className="button link-button" aria-label="Dismiss import results" onClick={onDismissReport}>
            Dismiss
          </button>
        </section>
      )}
    </div>
  );
}
