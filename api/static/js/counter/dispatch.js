// Hand bags to a courier: `dispatched` for each chosen item, each with its own
// Idempotency-Key and device time, kept for a retry after a lost answer (so a bag is
// never recorded twice); then what succeeded and what was refused, and why.
import "./messages.js";
import { ApiError, getJson, newIdempotencyKey, postJson } from "../api.js";
import { requireSession } from "../session.js";
import {
  clearErrors, el, fieldText, flash, formatDateTime, label, problemText, replace, showErrors, stateLabel,
} from "../ui.js";

const session = requireSession();
const form = document.getElementById("dispatch-form");
const courierSelect = document.getElementById("courier");
const tbody = document.getElementById("dispatch-rows");
const selectAll = document.getElementById("select-all");
// item code -> {key, body} of a dispatch not yet answered (kept for a retry)
const pending = new Map();
let couriers = new Map();
let shown = new Map(); // item code -> the item as last listed
let busy = false;

function boxes() {
  return [...tbody.querySelectorAll("input[type=checkbox]")];
}

function countSelected() {
  const all = boxes();
  const n = all.filter((b) => b.checked).length;
  document.getElementById("selected-count").textContent = `Đã chọn ${n} / ${all.length} túi.`;
  selectAll.checked = all.length > 0 && n === all.length;
  selectAll.indeterminate = n > 0 && n < all.length;
}

function row(item, checked) {
  const id = `pick-${item.s10_code}`;
  return el("tr", {},
    el("td", { class: "check-cell" }, el("input", {
      type: "checkbox", id, value: item.s10_code, checked, "aria-label": `Chọn ${item.s10_code}`,
    })),
    el("th", { scope: "row", class: "code" }, el("label", { for: id }, item.s10_code)),
    el("td", {}, label("legs", item.leg_kind)),
    el("td", {}, stateLabel(item)),
    el("td", {}, item.agency_code),
    el("td", {}, formatDateTime(item.due_at)));
}

async function loadItems(keep = new Set()) {
  const [here, failed] = await Promise.all([
    getJson("/items", { state: "at_postal_point", page_size: 200 }),
    getJson("/items", { state: "delivery_failed", page_size: 200 }),
  ]);
  const items = [...here.items, ...failed.items];
  // A bag whose answer was lost stays listed (and chosen) until a retry settles it,
  // even if the server did record it and no longer lists it as waiting.
  const listed = new Set(items.map((i) => i.s10_code));
  for (const code of keep) if (!listed.has(code) && shown.has(code)) items.push(shown.get(code));
  items.sort((a, b) => (a.due_at ?? "9").localeCompare(b.due_at ?? "9"));
  shown = new Map(items.map((i) => [i.s10_code, i]));
  replace(tbody, ...items.map((item) => row(item, keep.has(item.s10_code))));
  if (!items.length) {
    tbody.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "Không có túi nào chờ giao.")));
  }
  countSelected();
}

async function loadCouriers() {
  const page = await getJson("/couriers", { postal_point: session.user.postal_point?.code, page_size: 200 });
  couriers = new Map(page.items.map((c) => [c.code, c]));
  replace(courierSelect, el("option", { value: "" }, "Chọn bưu tá"),
    ...page.items.map((c) => el("option", { value: c.code }, `${c.full_name} (${c.code}) · ca ${c.shift_start}–${c.shift_end}`)));
}

/** Why the API refused one dispatch, in Vietnamese. */
function refusal(err) {
  const messages = Object.values(err.errors ?? {});
  return messages.length ? fieldText(messages.flat()) : problemText(err);
}

async function dispatchOne(code, courier) {
  let entry = pending.get(code);
  if (!entry || entry.body.courier_code !== courier) {
    entry = {
      key: newIdempotencyKey(),
      body: {
        type: "dispatched",
        occurred_at: new Date().toISOString(),
        courier_code: courier,
        place: session.user.postal_point?.name ?? null,
      },
    };
    pending.set(code, entry);
  }
  try {
    const item = await postJson(`/items/${encodeURIComponent(code)}/events`, entry.body, { idempotencyKey: entry.key });
    pending.delete(code);
    return { code, ok: true, state: item.state };
  } catch (err) {
    if (!err.offline) pending.delete(code);
    return { code, ok: false, offline: Boolean(err.offline), text: refusal(err) };
  }
}

function showOutcomes(outcomes, courier) {
  const who = couriers.get(courier);
  const name = who ? `${who.full_name} (${who.code})` : courier;
  const ok = outcomes.filter((o) => o.ok);
  const refused = outcomes.filter((o) => !o.ok);
  const lost = refused.filter((o) => o.offline);
  const parts = [`Đã giao ${ok.length} túi cho ${name}.`];
  if (refused.length) parts.push(`${refused.length} túi không giao được.`);
  if (lost.length) parts.push("Mất kết nối với máy chủ: bấm lại “Giao túi đã chọn” để gửi lại các túi còn chọn (không bị ghi hai lần).");
  document.getElementById("results-summary").textContent = parts.join(" ");
  replace(document.getElementById("outcomes"), ...outcomes.map((o) => el("li", {
    class: o.ok ? "is-ok" : "is-refused",
  }, el("span", { class: "code" }, o.code), ": ",
  o.ok ? `đã giao cho ${name} (${label("states", o.state)}).` : `không giao được. ${o.text}`)));
  const section = document.getElementById("dispatch-results");
  section.hidden = false;
  section.focus();
}

async function submit(event) {
  event.preventDefault();
  if (busy) return;
  clearErrors(form);
  const courier = courierSelect.value;
  const chosen = boxes().filter((b) => b.checked).map((b) => b.value);
  const errors = {};
  if (!courier) errors.courier_code = ["Chọn bưu tá nhận túi."];
  if (!chosen.length) errors.items = ["Chọn ít nhất một túi."];
  if (Object.keys(errors).length) {
    showErrors(form, new ApiError({ status: 422, errors }));
    return;
  }
  busy = true;
  const button = document.getElementById("dispatch-submit");
  button.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    const outcomes = [];
    for (const code of chosen) outcomes.push(await dispatchOne(code, courier));
    showOutcomes(outcomes, courier);
    const retry = new Set(outcomes.filter((o) => o.offline).map((o) => o.code));
    await loadItems(retry).catch((err) => flash(problemText(err), "error"));
  } finally {
    busy = false;
    button.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

if (session) {
  const wanted = new URLSearchParams(location.search).get("item");
  Promise.all([loadCouriers(), loadItems(new Set(wanted ? [wanted.toUpperCase()] : []))])
    .catch((err) => flash(problemText(err), "error"));
  form.addEventListener("submit", submit);
  tbody.addEventListener("change", countSelected);
  selectAll.addEventListener("change", () => {
    for (const b of boxes()) b.checked = selectAll.checked;
    countSelected();
  });
}
