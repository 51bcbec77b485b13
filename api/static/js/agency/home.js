// The agency desk's home: handovers (open ones first) and items handed over loose.
import { getJson } from "../api.js";
import { requireSession } from "../session.js";
import { el, flash, formatDateTime, problemText, replace } from "../ui.js";
import { dueBadge } from "../items/format.js";
import { handoverUrl, KIND_LABELS } from "./common.js";

function handoverRow(h) {
  const open = h.status === "open";
  return el("tr", { class: open ? "row--open" : null },
    el("td", {}, el("a", { href: handoverUrl(h.id), class: "code" }, h.code)),
    el("td", {}, KIND_LABELS[h.kind] ?? h.kind),
    el("td", {}, `${h.courier_name} (${h.courier_code})`, el("br"),
      el("span", { class: "hint" }, `Bưu cục ${h.postal_point_code}`)),
    el("td", {}, formatDateTime(h.opened_at)),
    el("td", { class: "num" }, String(h.lines.length)),
    el("td", {}, open
      ? el("span", { class: "badge badge--late" }, "Chờ xác nhận")
      : el("span", { class: "badge badge--done" }, `Đã xác nhận ${formatDateTime(h.confirmed_at)}`)));
}

function empty(columns, text) {
  return el("tr", {}, el("td", { colspan: columns }, text));
}

async function show() {
  const [handovers, waiting] = await Promise.all([
    getJson("/handovers"),
    getJson("/items", { state: "awaiting_confirmation", page_size: 200 }),
  ]);
  const open = handovers.filter((h) => h.status === "open");
  const sorted = [...open, ...handovers.filter((h) => h.status !== "open")];
  document.getElementById("handovers-summary").textContent = open.length
    ? `${open.length} biên bản chờ xác nhận.` : "Không có biên bản nào chờ xác nhận.";
  replace(document.getElementById("handovers"),
    ...(sorted.length ? sorted.map(handoverRow) : [empty(6, "Chưa có biên bản nào.")]));

  const inHandover = new Set(open.flatMap((h) => h.lines.map((l) => l.item_code)));
  const loose = waiting.items.filter((i) => !inHandover.has(i.s10_code));
  replace(document.getElementById("loose"), ...(loose.length ? loose.map((i) => el("tr", {},
    el("td", {}, el("a", { href: `/item/${i.s10_code}`, class: "code" }, i.s10_code)),
    el("td", { class: "code" }, i.dossier_code ?? ""),
    el("td", {}, i.postal_point_code),
    el("td", {}, formatDateTime(i.due_at), " ", dueBadge(i)))) : [empty(4, "Không có.")]));
}

if (requireSession()) {
  try {
    await show();
  } catch (err) {
    flash(problemText(err), "error");
  }
}
