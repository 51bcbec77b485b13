// The route as the courier reads it: stops at one place grouped into a visit, what is
// done (by the server's item states, the open handovers and this phone's queue), what
// comes next. Pure functions of the data.
import { label } from "../ui.js";

const PICKUP_WAITING = new Set(["awaiting_pickup", "at_postal_point"]);
const DELIVERY_DONE = new Set(["awaiting_confirmation", "delivered", "delivery_failed", "returned"]);

/** Consecutive stops at the same place become one visit, numbered from 1. */
export function visitsOf(route) {
  const visits = [];
  for (const stop of route?.stops ?? []) {
    const last = visits.at(-1);
    const place = stop.agency_name ?? stop.address;
    if (last && last.place_kind === stop.place_kind && last.place === place
        && last.lat === stop.lat && last.lon === stop.lon) {
      last.stops.push(stop);
      continue;
    }
    visits.push({
      index: visits.length + 1, place, place_kind: stop.place_kind,
      agency_code: stop.agency_code, agency_name: stop.agency_name, address: stop.address,
      lat: stop.lat, lon: stop.lon, eta: stop.eta, wait_s: stop.wait_s,
      navigation_url: stop.navigation_url, recipient_name: stop.recipient_name,
      recipient_phone: stop.recipient_phone, stops: [stop],
    });
  }
  return visits;
}

/** What the courier does at a stop, in a few words. */
export function taskOf(stop) {
  if (stop.action === "pickup") {
    return stop.place_kind === "agency" ? "Nhận kết quả" : "Nhận hồ sơ tại nhà";
  }
  if (stop.place_kind === "agency") {
    return stop.leg_kind === "return" ? "Chuyển hoàn kết quả" : "Giao hồ sơ";
  }
  return "Phát kết quả";
}

/** "Giao hồ sơ ×2 · Nhận kết quả" for a visit. */
export function tasksOf(visit) {
  const counts = new Map();
  for (const stop of visit.stops) counts.set(taskOf(stop), (counts.get(taskOf(stop)) ?? 0) + 1);
  return [...counts].map(([task, n]) => (n > 1 ? `${task} ×${n}` : task)).join(" · ");
}

function actionFits(action, stop) {
  if (action.status === "rejected" || !action.item_codes.includes(stop.item_code)) return false;
  if (action.kind === "handover") {
    return (action.request.kind === "from_agency") === (stop.action === "pickup");
  }
  if (action.kind !== "event") return false;
  return stop.action === "pickup"
    ? action.request.type === "picked_up"
    : ["delivered", "delivery_failed"].includes(action.request.type);
}

const OUTCOME = {
  picked_up: "Đã nhận",
  delivered: "Đã phát",
  delivery_failed: "Phát không thành công",
  to_agency: "Đã lập biên bản giao",
  from_agency: "Đã lập biên bản nhận",
};

/**
 * Where a stop stands: {code, text}. code: "todo", "blocked" (a delivery whose item the
 * postal point has not handed to the courier yet), "queued" (done on this phone, not
 * sent), "sent" (the server has it), "waiting" (handover open, the officer has not
 * signed), "done" (the server's item state says so).
 */
export function stopState(stop, { actions, handovers, items }) {
  const local = actions.filter((a) => actionFits(a, stop)).at(-1);
  const outcome = local && (OUTCOME[local.request.type] ?? OUTCOME[local.request.kind]);
  if (local?.status === "pending") return { code: "queued", text: `${outcome} · chờ gửi` };
  const state = items.get(stop.item_code)?.state ?? stop.item_state;
  const serverDone = stop.action === "pickup" ? !PICKUP_WAITING.has(state) : DELIVERY_DONE.has(state);
  const open = handovers.some((h) => h.lines.some((l) => l.item_code === stop.item_code)
    && (h.kind === "from_agency") === (stop.action === "pickup"));
  if (open && (stop.action === "pickup" || state === "awaiting_confirmation")) {
    return { code: "waiting", text: "Chờ cán bộ cơ quan xác nhận" };
  }
  if (serverDone) {
    return { code: "done", text: outcome ?? label("states", state) };
  }
  if (local) return { code: "sent", text: `${outcome} · đã gửi` };
  if (stop.action === "delivery" && state === "at_postal_point") {
    return { code: "blocked", text: "Chưa nhận túi từ bưu cục" };
  }
  return { code: "todo", text: "Chưa làm" };
}

const OPEN = new Set(["todo", "blocked"]);

/** True when nothing is left to do at a visit. */
export function visitDone(visit, context) {
  return visit.stops.every((s) => !OPEN.has(stopState(s, context).code));
}

/** The first visit with something left to do, or null when the route is done. */
export function nextVisit(visits, context) {
  return visits.find((v) => !visitDone(v, context)) ?? null;
}

/** Straight-line distance in metres between two visits. */
export function distance(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2
    + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371000 * Math.asin(Math.sqrt(h));
}

const HEADINGS = ["Bắc", "Đông Bắc", "Đông", "Đông Nam", "Nam", "Tây Nam", "Tây", "Tây Bắc"];

/** The compass direction from a to b, in Vietnamese ("Đông Bắc"). */
export function heading(a, b) {
  const rad = Math.PI / 180;
  const y = Math.sin((b.lon - a.lon) * rad) * Math.cos(b.lat * rad);
  const x = Math.cos(a.lat * rad) * Math.sin(b.lat * rad)
    - Math.sin(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lon - a.lon) * rad);
  const degrees = (Math.atan2(y, x) / rad + 360) % 360;
  return HEADINGS[Math.round(degrees / 45) % 8];
}
