// The courier's actions, kept on the phone until the server has them.
// Each action has its own id (the Idempotency-Key / client_event_id, a UUID), the device
// time when the courier did it, and the images it cites (Blobs). Statuses: pending ->
// recorded | duplicate (the server has it) | rejected (with the reason; it stays until the
// courier deals with it). Actions belong to the user who did them: another courier
// logging in on the same phone never sends them.
import { newIdempotencyKey } from "../api.js";
import * as store from "./store.js";

const KEEP_DONE_MS = 2 * 24 * 3600 * 1000;
let userId = null;
let list = [];
const listeners = new Set();

function notify() {
  for (const listener of listeners) listener();
}

/** Call listener whenever an action is added, sent or removed. */
export function onQueueChange(listener) {
  listeners.add(listener);
}

/** Load the user's actions; forget sent ones older than two days. */
export async function openQueue(user) {
  userId = user.user_id;
  const mine = await store.all(store.STORES.actions, "user", userId);
  const cutoff = Date.now() - KEEP_DONE_MS;
  list = [];
  for (const action of mine.sort((a, b) => a.seq - b.seq)) {
    const sent = action.status === "recorded" || action.status === "duplicate";
    if (sent && Date.parse(action.occurred_at) < cutoff) {
      await store.remove(store.STORES.actions, action.id);
    } else {
      list.push(action);
    }
  }
  notify();
}

/** Every action of this user, in the order they were done. */
export function actions() {
  return list;
}

/** Actions not yet accepted or refused by the server. */
export function pendingActions() {
  return list.filter((a) => a.status === "pending");
}

/** Actions the server refused, waiting for the courier. */
export function rejectedActions() {
  return list.filter((a) => a.status === "rejected");
}

/**
 * Queue what the courier just did. kind: "event" (POST /sync), "handover"
 * (POST /handovers) or "start" (POST /courier/route/start). The device time is taken
 * now, in the page (the service worker does not share the page's clock).
 */
export async function enqueue({ kind, summary, itemCodes = [], request, attachments = [] }) {
  const occurredAt = new Date().toISOString();
  const action = {
    id: newIdempotencyKey(),
    user_id: userId,
    kind,
    summary,
    item_codes: itemCodes,
    occurred_at: occurredAt,
    seq: list.reduce((max, a) => Math.max(max, a.seq), 0) + 1,
    request: kind === "start" ? request : { ...request, occurred_at: occurredAt },
    attachments: attachments.map((a) => ({
      key: newIdempotencyKey(), kind: a.kind, blob: a.blob, attachment_id: null,
    })),
    status: "pending",
    detail: null,
    result: null,
    sent_at: null,
  };
  await store.put(store.STORES.actions, action);
  list.push(action);
  notify();
  return action;
}

/** Record what became of an action (status, detail, result); images go once sent. */
export async function settle(
  action, status, { detail = null, result = null, at = new Date().toISOString() } = {},
) {
  Object.assign(action, { status, detail, result, sent_at: at });
  if (status === "recorded" || status === "duplicate") {
    action.attachments = action.attachments.map(({ blob, ...kept }) => kept);
  }
  await store.put(store.STORES.actions, action);
  notify();
}

/** Keep an action's progress (an uploaded image's id). */
export async function save(action) {
  await store.put(store.STORES.actions, action);
}

/** Send a refused action again (after the situation changed). */
export async function retry(id) {
  const action = list.find((a) => a.id === id);
  if (!action) return;
  await settle(action, "pending", { at: null });
}

/** The courier has dealt with a refused action: forget it. */
export async function dismiss(id) {
  await store.remove(store.STORES.actions, id);
  list = list.filter((a) => a.id !== id);
  notify();
}
