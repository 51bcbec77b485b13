// Scan or type an item code: an item on today's route opens its stop; another one is
// looked up (with a network) and can be brought back to the postal point.
import { el, label, problemText, replace } from "../ui.js";
import { lookUp } from "./data.js";
import { enqueue } from "./queue.js";
import { bindCodeEntry } from "./scanner.js";

let user = null;
let visitsNow = () => [];
let openVisit = () => {};

function backAtPostalPoint(code) {
  const place = user.postal_point?.name;
  return el("button", {
    type: "button", class: "button button--primary",
    onclick: async (event) => {
      event.currentTarget.disabled = true;
      await enqueue({
        kind: "event", summary: `Nhập ${code} về ${place ?? "bưu cục"}`, itemCodes: [code],
        request: { item_code: code, type: "received_at_postal_point", ...(place ? { place } : {}) },
      });
      replace(document.getElementById("scan-result"),
        el("p", { class: "flash__message flash__message--success" }, `Đã ghi nhận nhập ${code} về bưu cục.`));
    },
  }, "Nhập về bưu cục");
}

async function found(code) {
  const box = document.getElementById("scan-result");
  const visit = visitsNow().find((v) => v.stops.some((s) => s.item_code === code));
  if (visit) {
    openVisit(visit, code);
    return;
  }
  replace(box, el("p", {}, `Đang tra cứu ${code}…`));
  try {
    const item = await lookUp(code);
    const allowed = item.allowed_events ?? [];
    replace(box, el("article", { class: "item-card" },
      el("h3", { class: "code" }, code),
      el("p", {}, `${label("legs", item.leg_kind)} · ${item.state_label}`),
      item.dossier?.procedure_name && el("p", {}, item.dossier.procedure_name),
      el("p", { class: "hint" }, "Không có trong tuyến hôm nay."),
      allowed.includes("received_at_postal_point") && backAtPostalPoint(code)));
  } catch (err) {
    if (err.offline) {
      replace(box, el("article", { class: "item-card" }, el("h3", { class: "code" }, code),
        el("p", {}, "Không có trong tuyến hôm nay; không có mạng để tra cứu."),
        backAtPostalPoint(code)));
    } else {
      replace(box, el("p", { class: "flash__message flash__message--error" }, problemText(err)));
    }
  }
}

/** Bind the scan view once. */
export function setUpScan(who, { visits, open }) {
  user = who;
  visitsNow = visits;
  openVisit = open;
  bindCodeEntry(document.getElementById("scan-form"), found);
}
