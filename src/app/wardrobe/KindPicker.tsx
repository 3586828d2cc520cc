import { useState } from "react";
import { taughtKinds } from "@data/recognitionMemory";
import { SUBTYPES, isTaughtKindName, type Category } from "@domain/wardrobe/types";
import { useLiveQuery } from "../components/useLiveQuery";

const NEW = "\u0000new";
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The kind of an item within its category: the built-in kinds, the kinds the user taught
 * (on any item), and "New kind…", which asks for a name ("kimono"). Recognition learns a
 * taught kind from the items that carry it: three photos are enough to be offered it.
 */
export function KindPicker({
  id,
  category,
  value,
  onChange,
  emptyLabel = "Not set",
}: {
  id: string;
  category: Category | null;
  value: string | null;
  onChange: (kind: string | null) => void;
  emptyLabel?: string;
}) {
  const taught = useLiveQuery(taughtKinds, []);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const options = category ? [...SUBTYPES[category], ...(taught?.[category] ?? [])] : [];
  if (value && category && !options.includes(value)) options.push(value);
  const trimmed = name.trim().toLowerCase();
  const problem =
    !category || trimmed === ""
      ? null
      : SUBTYPES[category].includes(trimmed)
        ? null
        : isTaughtKindName(category, trimmed)
          ? null
          : "Choose another name: that one is a kind of another category, or too long.";

  if (naming && category) {
    return (
      <span className="kind-new">
        <input
          id={id}
          value={name}
          autoFocus
          maxLength={40}
          placeholder="Name the new kind, e.g. kimono"
          aria-describedby={problem ? `${id}-problem` : undefined}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (trimmed && !problem) {
                onChange(trimmed);
                setNaming(false);
              }
            } else if (e.key === "Escape") {
              e.preventDefault();
              setNaming(false);
            }
          }}
        />
        <button type="button" className="button" disabled={!trimmed || problem !== null} onClick={() => (onChange(trimmed), setNaming(false))}>
          Add kind
        </button>
        <button type="button" className="button link-button" onClick={() => setNaming(false)}>
          Cancel
        </button>
        {problem && (
          <span id={`${id}-problem`} className="error" role="alert">
            {problem}
          </span>
        )}
      </span>
    );
  }
  return (
    <select
      id={id}
      value={value ?? ""}
      disabled={!category}
      onChange={(e) => {
        if (e.target.value === NEW) {
          setName("");
          setNaming(true);
        } else onChange(e.target.value || null);
      }}
    >
      <option value="">{category ? emptyLabel : "Choose a category first"}</option>
      {options.map((s) => (
        <option key={s} value={s}>
          {capitalise(s)}
        </option>
      ))}
      {category && <option value={NEW}>New kind…</option>}
    </select>
  );
}
