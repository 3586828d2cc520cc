// Photos handed to Curator from outside the app (Android's Share → Curator, a desktop
// "Open with", a file dropped on the installed app) wait here until the Wardrobe
// imports them. The service worker writes this store while the page may not exist
// yet, so it is a small database of its own with the raw IndexedDB API (no Dexie in
// the worker, and the app's schema never has to know about it). Files are kept as
// File objects: IndexedDB stores them whole, name and type included.

const DB_NAME = "curator-inbox";
const STORE = "shares";

export interface SharedBatch {
  id: string;
  /** Where they came from, for the words the app shows. */
  source: "share" | "open";
  receivedAt: number;
  files: File[];
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("The shared photos could not be opened."));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? request.error ?? new Error("The shared photos could not be stored."));
      tx.onabort = () => reject(tx.error ?? new Error("Storing the shared photos was stopped (is the device's storage full?)."));
    });
  } finally {
    db.close();
  }
}

/** Keeps a batch of files; resolves with its id once they are safely on disk. */
export async function keepSharedFiles(files: readonly File[], source: SharedBatch["source"], now = Date.now()): Promise<string> {
  const id = `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const batch: SharedBatch = { id, source, receivedAt: now, files: [...files] };
  await run("readwrite", (s) => s.put(batch));
  return id;
}

/** Every batch still waiting, oldest first. */
export async function waitingShares(): Promise<SharedBatch[]> {
  const all = await run("readonly", (s) => s.getAll() as IDBRequest<SharedBatch[]>);
  return all.sort((a, b) => a.receivedAt - b.receivedAt);
}

/** Forgets a batch once the import has given its report (or the user set it aside). */
export async function forgetShare(id: string): Promise<void> {
  await run("readwrite", (s) => s.delete(id));
}
