// Open items (every state not yet closed), most urgent first, overdue rows marked: the
// agency's outstanding items and the supervisor's overdue list (items/_open_items.html).
import { getJson } from "../api.js";
import { el, formatDateTime, label, replace, stateLabel } from "../ui.js";
import { isOverdue } from "./format.js";

export const OPEN_STATES = [
  "awaiting_pickup", "at_postal_point", "in_transit", "awaiting_confirmation", "delivery_failed",
];
const PAGE = 200;

/** How long ago a due time passed: "3 ngày" / "5 giờ". */
export function lateBy(dueAt, now = Date.now()) {
  const hours = Math.floor((now - new Date(dueAt)) / 3_600_000);
  return hours >= 24 ? `${Math.floor(hours / 24)} ngày` : `${Math.max(hours, 0)} giờ`;
}

/**
 * Open items matching `query` (the API's item filters), one request per open state;
 * `overdue` keeps only those past due now. Returns {items, total} (total may exceed
 * items.length when a state has more than one page).
 */
export async function fetchOpenItems(query = {}, { overdue = false } = {}) {
  const states = query.state ? [query.state] : OPEN_STATES;
  const dueBefore = overdue ? new Date().toISOString() : undefined;
  const pages = await Promise.all(states.map((state) => getJson("/items",
    { ...query, state, due_before: dueBefore, page_size: PAGE })));
  const items = pages.flatMap((p) => p.items).sort((a, b) =>
    (a.due_at ? Date.parse(a.due_at) : Infinity) - (b.due_at ? Date.parse(b.due_at) : Infinity));
  return { items, total: pages.reduce((n, p) => n + p.total, 0) };
}

/** Fill #open-items and #open-summary. */
export function renderOpenItems({ items, total }) {
  const late = items.filter((i) => isOverdue(i)).length;
  const shown = items.length < total ? ` (hiển thị ${items.length} bưu gửi có hạn sớm nhất)` : "";
  document.getElementById("open-summary").textContent = total
    ? `${total} bưu gửi, ${late} quá hạn${shown}.` : "Không có bưu gửi nào.";
  replace(document.getElementById("open-items"), ...items.map((i) => {
    const overdue = isOverdue(i);
    return el("tr", { class: overdue ? "row--late" : null, dataset: { code: i.s10_code } },
      el("td", {}, el("a", { href: `/item/${encodeURIComponent(i.s10_code)}`, class: "code" }, i.s10_code)),
      el("td", {}, label("legs", i.leg_kind)),
      el("td", { class: "code" }, i.dossier_code ?? ""),
      el("td", {}, stateLabel(i)),
      el("td", {}, i.postal_point_code),
      el("td", {}, i.agency_code),
      el("td", {}, i.courier_code ?? ""),
      el("td", { class: "due" }, formatDateTime(i.due_at),
        overdue ? [" ", el("span", { class: "badge badge--late" }, `Quá hạn ${lateBy(i.due_at)}`)] : null));
  }));
}
