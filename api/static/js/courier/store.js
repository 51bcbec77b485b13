// The phone's IndexedDB: the day's route, the items on it, the queued actions (with
// their images as Blobs) and a few values (last sync). Survives reloads and log-out:
// clearing the session (localStorage) never touches it.
const NAME = "bcci-courier";
const VERSION = 1;
export const STORES = { routes: "routes", items: "items", actions: "actions", meta: "meta" };

let opening = null;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The database, opened once (created or upgraded on first use). */
export function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(STORES.routes, { keyPath: "key" });
      db.createObjectStore(STORES.items, { keyPath: "key" });
      const actions = db.createObjectStore(STORES.actions, { keyPath: "id" });
      actions.createIndex("user", "user_id");
      db.createObjectStore(STORES.meta, { keyPath: "key" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("IndexedDB blocked"));
  });
  return opening;
}

async function run(store, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const result = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(result instanceof IDBRequest ? result.result : result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

/** One record by key, or undefined. */
export function get(store, key) {
  return run(store, "readonly", (s) => s.get(key));
}

/** Write one record (its key is inside it). */
export function put(store, value) {
  return run(store, "readwrite", (s) => { s.put(value); });
}

/** Delete one record. */
export function remove(store, key) {
  return run(store, "readwrite", (s) => { s.delete(key); });
}

/** Every record of a store, or those whose index equals value. */
export async function all(store, index, value) {
  const db = await database();
  const tx = db.transaction(store, "readonly");
  const source = index ? tx.objectStore(store).index(index) : tx.objectStore(store);
  return promised(index ? source.getAll(value) : source.getAll());
}

/** A small value kept under a name (meta store). */
export async function getValue(name) {
  return (await get(STORES.meta, name))?.value;
}

/** Keep a small value under a name. */
export function setValue(name, value) {
  return put(STORES.meta, { key: name, value });
}
