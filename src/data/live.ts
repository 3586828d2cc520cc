import { liveQuery } from "dexie";

export interface LiveSubscription {
  unsubscribe(): void;
}

export interface LiveObserver<T> {
  next(value: T): void;
  error(e: unknown): void;
}

/**
 * Runs a read of the database now, and again whenever a table it read changes (in this
 * tab or another one), until unsubscribed. The UI's hooks watch the data through this,
 * so that Dexie stays inside src/data.
 */
export function watchQuery<T>(query: () => Promise<T>, observer: LiveObserver<T>): LiveSubscription {
  return liveQuery(query).subscribe(observer);
}
