import fc from "fast-check";

/** Test-only: structural mutations of JSON documents for the property tests (backup import, the bucket's records). */

/** A change somewhere inside a JSON value: a path (each step picks a key or an index), and what happens there. */
export const jsonMutation = fc.record({
  path: fc.array(fc.nat(), { minLength: 0, maxLength: 5 }),
  op: fc.constantFrom("replace", "delete", "duplicate", "stringify", "negate", "huge", "nest"),
  value: fc.jsonValue({ maxDepth: 3 }),
});

export function mutate(root: unknown, m: { path: number[]; op: string; value: unknown }): unknown {
  const copy = structuredClone(root) as unknown;
  let parent: Record<string, unknown> | unknown[] | null = null;
  let key: string | number = "";
  let node: unknown = copy;
  for (const step of m.path) {
    if (Array.isArray(node) && node.length) {
      parent = node;
      key = step % node.length;
      node = node[key];
    } else if (node && typeof node === "object" && Object.keys(node).length) {
      const keys = Object.keys(node);
      parent = node as Record<string, unknown>;
      key = keys[step % keys.length]!;
      node = (node as Record<string, unknown>)[key];
    } else break;
  }
  const set = (v: unknown) => {
    if (parent === null) return v;
    (parent as Record<string | number, unknown>)[key] = v;
    return copy;
  };
  switch (m.op) {
    case "replace":
      return set(m.value);
    case "delete":
      if (parent === null) return null;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
      return copy;
    case "duplicate":
      if (Array.isArray(parent)) parent.push(structuredClone(node));
      return copy;
    case "stringify":
      return set(JSON.stringify(node) ?? "");
    case "negate":
      return set(typeof node === "number" ? -node - 1 : node);
    case "huge":
      return set(typeof node === "number" ? 2 ** 53 : node);
    default:
      return set({ nested: node, and: [node, node] });
  }
}
