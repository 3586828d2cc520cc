import { useRef, useState } from "react";
import { userMessage } from "../../data/errors";
import { exportFileName } from "../../data/exportFormat";
import { exportWardrobe } from "../../data/exportWardrobe";
import { importWardrobe, type ImportSummary } from "../../data/importWardrobe";
import { formatBytes } from "../../data/storage";
import { Progress } from "../components/Progress";

type Status = { kind: "ok" | "error"; text: string } | null;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an import did, in a sentence or two: the items' three counts, then what else came in (new or newer). */
function describeImport(fileName: string, s: ImportSummary): string {
  const brought = (k: keyof Omit<ImportSummary, "added" | "updated" | "unchanged">) => s[k].added + s[k].updated;
  const more = [
    brought("outfits") && plural(brought("outfits"), "saved outfit", "saved outfits"),
    brought("wearLog") && plural(brought("wearLog"), "wear record", "wear records"),
    brought("settings") && plural(brought("settings"), "setting", "settings"),
    brought("predictions") && plural(brought("predictions"), "recognition record", "recognition records"),
    brought("profile") && "your profile",
    brought("learner") && "your outfit preferences",
  ].filter((p): p is string => Boolean(p));
  const items = `Items: ${s.added} added, ${s.updated} updated, ${s.unchanged} already up to date.`;
  const also = more.length ? ` Also brought in ${more.length > 1 ? `${more.slice(0, -1).join(", ")} and ${more.at(-1)}` : more[0]}.` : "";
  return `Imported ${fileName}. ${items}${also}`;
}

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
      setStatus({ kind: "error", text: userMessage(e) });
    } finally {
      setImporting(false);
    }
  };

  return (
    <div className="backup">
      <p>
        The export file holds everything Curator keeps: every item and its original photo, saved outfits, wear history, your profile (and a kept selfie), settings and
        what the suggestions have learned. Keep it private. Import it on another browser or device; anything already there is only replaced by a newer copy.
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

