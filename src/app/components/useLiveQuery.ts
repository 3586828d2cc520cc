import { liveQuery } from "dexie";
import { useEffect, useState, type DependencyList } from "react";

/**
 * Re-runs a Dexie query whenever the tables it read change, in this tab or
 * another one. Returns undefined until the first result (show a loading state).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: (e) => console.error("live query failed", e) });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
