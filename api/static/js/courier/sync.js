// Sending the queue when the network is there: in the order the courier acted;
// consecutive events in one POST /sync; handovers and the route start on their own;
// images uploaded (each with its own Idempotency-Key) before the event citing them.
// A refused action is kept with its reason; a network failure leaves it pending.
import { postJson, send } from "../api.js";
import { translate } from "../messages.js";
import { fieldText, problemText } from "../ui.js";
import * as queue from "./queue.js";
import * as store from "./store.js";

const BATCH = 100;
const RETRY_MS = 30000;
const IN_PROGRESS = "A request with this Idempotency-Key is in progress; retry";
const status = { running: false, lastSync: null, failed: null };
const listeners = new Set();
let running = null;
let again = false; // an action was queued while a run was ending
let refresher = async () => {};
let userKey = "last-sync";

function notify() {
  for (const listener of listeners) listener();
}

/** {running, lastSync (ISO or null), failed ("offline", "server" or null)}. */
export function syncStatus() {
  return status;
}

/** Call listener when a sync starts or ends. */
export function onSyncChange(listener) {
  listeners.add(listener);
}

/** May this error pass with time (no network, server busy)? Then the action waits. */
function transient(err) {
  return err?.status === 0 || err?.status >= 500 || err?.status === 429
    || (err?.status === 409 && err.detail === IN_PROGRESS);
}

/** Why the server refused, in Vietnamese. */
export function reasonOf(err) {
  if (typeof err === "string") return translate(err) ?? err;
  const fields = err?.errors ? Object.values(err.errors).map(fieldText).join(" ") : "";
  return translate(err?.detail) ?? (fields || problemText(err));
}

function extension(type) {
  return { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" }[type] ?? "bin";
}

async function uploadImages(action) {
  for (const image of action.attachments) {
    if (image.attachment_id) continue;
    const form = new FormData();
    form.append("kind", image.kind);
    form.append("file", image.blob, `${image.kind}.${extension(image.blob.type)}`);
    try {
      const resp = await send("POST", `/items/${action.request.item_code}/attachments`, {
        form, idempotencyKey: image.key,
      });
      image.attachment_id = (await resp.json()).id;
      await queue.save(action);
    } catch (err) {
      if (transient(err)) throw err;
      await queue.settle(action, "rejected", { detail: `Ảnh không gửi được: ${reasonOf(err)}` });
      return;
    }
  }
}

function eventBody(action) {
  const body = { ...action.request, client_event_id: action.id };
  if (body.proof) {
    body.proof = { ...body.proof, attachment_ids: action.attachments.map((a) => a.attachment_id) };
  }
  return body;
}

/** The queue positions named by a 422's field errors ("events.3.proof.id_number"). */
function refusedPositions(errors) {
  const found = new Map();
  for (const [field, messages] of Object.entries(errors ?? {})) {
    const match = field.match(/^events\.(\d+)\./);
    if (match) found.set(Number(match[1]), [...(found.get(Number(match[1])) ?? []), fieldText(messages)]);
  }
  return found;
}

async function sendEvents(batch) {
  for (const action of batch) await uploadImages(action);
  let ready = batch.filter((a) => a.status === "pending");
  while (ready.length) {
    try {
      const { results } = await postJson("/sync", { events: ready.map(eventBody) });
      for (const r of results) {
        const action = ready.find((a) => a.id === r.client_event_id);
        if (!action) continue;
        const detail = r.outcome === "rejected" ? reasonOf(r.detail ?? "") : null;
        await queue.settle(action, r.outcome, { detail, result: { state: r.state } });
      }
      return;
    } catch (err) {
      if (transient(err)) throw err;
      const refused = err.status === 422 ? refusedPositions(err.errors) : new Map();
      if (!refused.size) {
        for (const action of ready) await queue.settle(action, "rejected", { detail: reasonOf(err) });
        return;
      }
      for (const [i, texts] of refused) {
        if (ready[i]) await queue.settle(ready[i], "rejected", { detail: texts.join(" ") });
      }
      ready = ready.filter((a) => a.status === "pending");
    }
  }
}

async function sendOne(action) {
  const handover = action.kind === "handover";
  const [path, opts] = handover
    ? ["/handovers", { body: action.request }]
    : ["/courier/route/start", { query: action.request }];
  try {
    const resp = await send("POST", path, { ...opts, idempotencyKey: action.id });
    const body = await resp.json();
    const again = resp.headers.get("Idempotent-Replayed") === "true";
    const result = handover
      ? { handover_id: body.id, handover_code: body.code, status: body.status }
      : { started_at: body.started_at };
    await queue.settle(action, again ? "duplicate" : "recorded", { result });
  } catch (err) {
    if (transient(err)) throw err;
    if (!handover && err.status === 409) {
      await queue.settle(action, "duplicate", { detail: reasonOf(err) }); // started already
    } else {
      await queue.settle(action, "rejected", { detail: reasonOf(err) });
    }
  }
}

async function sendPending() {
  for (;;) {
    const pending = queue.pendingActions();
    if (!pending.length) return;
    const head = pending[0];
    if (head.kind === "event") {
      const end = pending.findIndex((a) => a.kind !== "event");
      await sendEvents(pending.slice(0, end === -1 ? BATCH : Math.min(end, BATCH)));
    } else {
      await sendOne(head);
    }
    if (head.status === "pending") return; // no progress: try again later
  }
}

/**
 * Send everything pending, then refresh the route; one run at a time (a second call
 * gets the running one). Resolves true when the server was reached for all of it.
 */
export function syncNow() {
  running ??= (async () => {
    status.running = true;
    again = false;
    notify();
    let reached = false;
    try {
      await sendPending();
      await refresher();
      status.lastSync = new Date().toISOString();
      status.failed = null;
      await store.setValue(userKey, status.lastSync);
      reached = true;
      return true;
    } catch (err) {
      if (!transient(err) && err?.status === undefined) throw err;
      status.failed = err.status === 0 ? "offline" : "server";
      return false;
    } finally {
      status.running = false;
      running = null;
      notify();
      if (reached && again) queueMicrotask(syncNow);
    }
  })();
  return running;
}

/**
 * Sync by itself: when the network returns, every RETRY_MS while actions wait, when the
 * app comes back to the screen. refresh() reloads the route after a sync.
 */
export async function startAutoSync(user, refresh) {
  refresher = refresh;
  userKey = `last-sync:${user.user_id}`;
  status.lastSync = (await store.getValue(userKey)) ?? null;
  notify();
  const quietly = () => { if (navigator.onLine) syncNow(); };
  window.addEventListener("online", quietly);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) quietly(); });
  setInterval(() => { if (queue.pendingActions().length) quietly(); }, RETRY_MS);
  queue.onQueueChange(() => {
    if (!queue.pendingActions().length) return;
    if (status.running) again = true;
    else quietly();
  });
}
