/** What the planner says about its answer (gaps, what to add, why a day is short), as a list; nothing when there is nothing to say. */
export function OutfitNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="outfit-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
