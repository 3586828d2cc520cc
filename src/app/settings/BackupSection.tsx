import { useRef, useState } from "react";
import { userMessage } from "@data/errors";
import { exportFileName } from "@data/exportFormat";
import { exportWardrobe } from "@data/exportWardrobe";
import { importWardrobe } from "@data/importWardrobe";
import { formatBytes } from "@data/storage";
import { Progress } from "../components/Progress";
import { describeImport, importFailureText } from "./describeImport";

type Status = { kind: "ok" | "error"; text: string } | null;

/** Export everything Curator keeps to one .zip file and import one (merging record by record, never duplicating). */
export default function BackupSection() {
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const [importing, setImporting] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const input = useRef<HTMLInputElement>(null);

  const doExport = async () => {
    setStatus(null);
    setExporting({ done: 0, total: 0 });
    try {
      const blob = await exportWardrobe(setExporting);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = exportFileName();
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ kind: "ok", text: `Exported ${formatBytes(blob.size)} to ${a.download}.` });
    } catch (e) {
      setStatus({ kind: "error", text: `Export failed: ${userMessage(e)}` });
    } finally {
      setExporting(null);
    }
  };

  const doImport = async (file: File) => {
    setStatus(null);
    setImporting(true);
    try {
      setStatus({ kind: "ok", text: describeImport(file.name, await importWardrobe(file)) });
    } catch (e) {
      setStatus({ kind: "error", text: importFailureText(e) });
    } finally {
      setImporting(false);
    }
  };

  return (
    <div className="backup">
      <p>
        The export file holds everything Curator keeps: every item and its original photo, saved outfits, wear history, your profile (and a kept selfie),
        settings and what the suggestions have learned. Keep it private. Import it on another browser or device; anything already there is only replaced by a
        newer copy.
      </p>
      <div className="backup-buttons">
        <button type="button" className="button button-primary" disabled={exporting !== null || importing} onClick={() => void doExport()}>
          Export wardrobe
        </button>
        <button type="button" className="button" disabled={exporting !== null || importing} onClick={() => input.current?.click()}>
          Import wardrobe
        </button>
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          hidden
          aria-label="Choose a Curator export file"
          data-testid="import-input"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (f) void doImport(f);
          }}
        />
      </div>
      {exporting && exporting.total > 0 && <Progress label="Exporting photos" value={exporting.done} max={exporting.total} />}
      {importing && <p role="status">Importing…</p>}
      {status && (
        <p className={status.kind === "error" ? "form-error" : "backup-ok"} role={status.kind === "error" ? "alert" : "status"} data-testid="backup-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
