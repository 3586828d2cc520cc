import { useId, useState } from "react";
import { userMessage } from "@data/errors";
import { getSetting, updateSetting } from "@data/settings";
import { DEFAULT_WASH_LIMITS, isWashLimit, MAX_WASH_LIMIT, WASH_KINDS, washLimit, type LaundryRules } from "@domain/outfits";
import { CATEGORIES, type Category } from "@domain/wardrobe/types";
import { useToast } from "../components/toastContext";
import { useLiveQuery } from "../components/useLiveQuery";
import { SLOT_LABELS } from "./builder";

const loadRules = () => getSetting("outfits.laundry");

/** Turns laundry on or off (remembering since when it counts) and sets the wears before the wash per kind. */
export function LaundrySettings({ compact = false }: { compact?: boolean }) {
  const rules = useLiveQuery(loadRules, []);
  const toast = useToast();
  const id = useId();
  // The box follows the tap at once (the setting is saved, then read back live); a failed save puts it back.
  // It holds until the setting read back changes (a new object), whatever the new value.
  const [pending, setPending] = useState<{ on: boolean; over: LaundryRules } | null>(null);
  if (!rules) return <p className="loading">Loading…</p>;
  const enabled = pending && pending.over === rules ? pending.on : rules.enabled;

  const change = (next: (r: LaundryRules) => LaundryRules, done?: string) =>
    updateSetting("outfits.laundry", next).then(
      () => done && toast.show({ message: done }),
      (e) => toast.show({ message: `Could not save: ${userMessage(e)}`, tone: "error" }),
    );
  const toggle = (on: boolean) => {
    setPending({ on, over: rules });
    updateSetting("outfits.laundry", (r) => ({ ...r, enabled: on, since: on ? Date.now() : r.since })).then(
      () => toast.show({ message: on ? "Laundry is on: wears from now on count towards the wash." : "Laundry is off: nothing is in the wash." }),
      (e) => {
        setPending(null);
        toast.show({ message: `Could not save: ${userMessage(e)}`, tone: "error" });
      },
    );
  };

  return (
    <div className="laundry-settings">
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => toggle(e.target.checked)} aria-describedby={`${id}-what`} />
        Keep track of laundry
      </label>
      <p id={`${id}-what`} className="muted settings-hint">
        A piece worn its number of times is “in the wash” until you mark it clean, and is not suggested meanwhile. Wears from before you turn this on do not
        count.
      </p>
      {enabled && !compact && (
        <fieldset className="wash-limits">
          <legend>Wears before the wash</legend>
          <p className="muted settings-hint">0 means never by wears (put it in the wash by hand from the item). Kinds you named yourself follow “Other”.</p>
          {CATEGORIES.map((c) => (
            <CategoryLimits key={c} category={c} rules={rules} onChange={(kind, n) => void change((r) => withLimit(r, kind, n))} />
          ))}
        </fieldset>
      )}
    </div>
  );
}

/** The rules with one kind's limit set (an override equal to the default is dropped, so defaults can improve later). */
function withLimit(r: LaundryRules, kind: string, n: number): LaundryRules {
  const limits = { ...r.limits };
  if (DEFAULT_WASH_LIMITS[kind] === n) delete limits[kind];
  else limits[kind] = n;
  return { ...r, limits };
}

function CategoryLimits({ category, rules, onChange }: { category: Category; rules: LaundryRules; onChange: (kind: string, n: number) => void }) {
  const kinds = WASH_KINDS[category];
  const title = SLOT_LABELS[category];
  return (
    <details className="wash-category">
      <summary>
        {title} <span className="muted">({kinds.map((k) => `${k} ${washLimit({ category, subtype: k }, rules)}`).join(", ")})</span>
      </summary>
      <div className="wash-grid">
        {kinds.map((k) => (
          <LimitInput key={k} label={cap(k)} value={washLimit({ category, subtype: k }, rules)} onCommit={(n) => onChange(k, n)} />
        ))}
        <LimitInput label={`Other ${title.toLowerCase()}`} value={washLimit({ category, subtype: null }, rules)} onCommit={(n) => onChange(category, n)} />
      </div>
    </details>
  );
}

/** A number as typed; committed when it is a whole number in range (an error says what is wrong otherwise). */
function LimitInput({ label, value, onCommit }: { label: string; value: number; onCommit: (n: number) => void }) {
  const id = useId();
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? String(value);
  const n = Number(text);
  const bad = text.trim() === "" || !isWashLimit(n);
  return (
    <div className="field wash-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_WASH_LIMIT}
        step={1}
        value={text}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-err` : undefined}
        onChange={(e) => {
          setTyped(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== "" && isWashLimit(v)) onCommit(v);
        }}
        onBlur={() => !bad && setTyped(null)}
      />
      {bad && (
        <span className="field-error" id={`${id}-err`}>
          Whole wears from 0 to {MAX_WASH_LIMIT}.
        </span>
      )}
    </div>
  );
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
