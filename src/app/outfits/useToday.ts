import { useEffect, useState } from "react";
import { localDate } from "@data/outfits";

/** Today's local date (YYYY-MM-DD), rolling over at midnight for a screen left open overnight. */
export function useToday(): string {
  const [today, setToday] = useState(() => localDate(Date.now()));
  useEffect(() => {
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    const t = setTimeout(() => setToday(localDate(Date.now())), midnight - now.getTime() + 1000);
    return () => clearTimeout(t);
  }, [today]);
  return today;
}

/** Local noon of a YYYY-MM-DD day, in ms (what "today's season" is taken from). */
export { noonOf } from "@domain/dates";
