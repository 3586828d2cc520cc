import { useEffect, useState, type DependencyList } from "react";
import { watchQuery } from "@data/live";

/**
 * Re-runs a database read whenever the tables it read change, in this tab or
 * another one. Returns undefined until the first result (show a loading state).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = watchQuery(query, { next: setValue, error: (e) => console.error("live query failed", e) });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
