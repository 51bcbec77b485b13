// The day's route, its items and the open handovers: from the API when there is a
// network, else the copy kept in IndexedDB. Personal data is kept for today's route only.
import { getJson } from "../api.js";
import * as store from "./store.js";

const DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit",
});
const PARALLEL = 4;

/** What the app shows; source is "network" or "cache"; missing: no route published. */
export const data = {
  day: null, route: null, handovers: [], items: new Map(), fetchedAt: null,
  source: null, missing: false,
};
let user = null;

/** Today in Vietnam, "YYYY-MM-DD", by the phone's clock. */
export function today() {
  return DAY.format(new Date());
}

const routeKey = () => `${user.user_id}:${data.day}`;
const itemKey = (code) => `${user.user_id}:${code}`;

/** Show what the phone kept for today, before (or without) the network. */
export async function loadCached(who) {
  user = who;
  data.day = today();
  const kept = await store.get(store.STORES.routes, routeKey());
  if (!kept) return false;
  Object.assign(data, {
    route: kept.route, handovers: kept.handovers, fetchedAt: kept.fetched_at,
    source: "cache", missing: false,
  });
  for (const stop of kept.route?.stops ?? []) {
    const item = await store.get(store.STORES.items, itemKey(stop.item_code));
    if (item) data.items.set(stop.item_code, item.item);
  }
  return true;
}

async function fetchItems(stops) {
  const stale = stops.filter((s) => data.items.get(s.item_code)?.state !== s.item_state);
  const work = [...new Set(stale.map((s) => s.item_code))];
  const worker = async () => {
    for (let code = work.shift(); code; code = work.shift()) {
      const item = await getJson(`/items/${code}`);
      data.items.set(code, item);
      await store.put(store.STORES.items, { key: itemKey(code), item });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

async function forgetOthers(codes) {
  for (const kept of await store.all(store.STORES.routes)) {
    if (kept.key.startsWith(`${user.user_id}:`) && kept.key !== routeKey()) {
      await store.remove(store.STORES.routes, kept.key);
    }
  }
  for (const kept of await store.all(store.STORES.items)) {
    const [owner, code] = kept.key.split(":");
    if (owner === String(user.user_id) && !codes.has(code)) {
      await store.remove(store.STORES.items, kept.key);
      data.items.delete(code);
    }
  }
}

/**
 * Fetch today's route, the open handovers and the route's items, and keep them.
 * Throws the ApiError of a failed call (offline: status 0) but for "no route" (404).
 */
export async function refresh() {
  data.day = today();
  let route;
  try {
    route = await getJson("/courier/route", { date: data.day });
  } catch (err) {
    if (err.status !== 404) throw err;
    Object.assign(data, { route: null, handovers: [], source: "network", missing: true });
    data.fetchedAt = new Date().toISOString();
    await store.remove(store.STORES.routes, routeKey());
    return;
  }
  const handovers = await getJson("/handovers", { status: "open" });
  await fetchItems(route.stops);
  const fetchedAt = new Date().toISOString();
  Object.assign(data, { route, handovers, fetchedAt, source: "network", missing: false });
  await store.put(store.STORES.routes, {
    key: routeKey(), route, handovers, fetched_at: fetchedAt,
  });
  await forgetOthers(new Set(route.stops.map((s) => s.item_code)));
}

/** Log-out: forget this user's route and its personal data (not the queued actions). */
export async function forgetUser(who) {
  for (const storeName of [store.STORES.routes, store.STORES.items]) {
    for (const kept of await store.all(storeName)) {
      if (kept.key.startsWith(`${who.user_id}:`)) await store.remove(storeName, kept.key);
    }
  }
}

/** Look up an item (GET /items/{code}); kept in memory for the session. */
export async function lookUp(code) {
  const item = await getJson(`/items/${code}`);
  data.items.set(code, item);
  return item;
}
