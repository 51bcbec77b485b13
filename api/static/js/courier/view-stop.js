// One visit: what to check, then the work per item: pick up at a home, deliver (proof
// or failed attempt), or open a handover at an agency (the officer confirms it).
import { el, formatDateTime, replace } from "../ui.js";
import { etaText } from "./format.js";
import { formOpen, openFailure, openProof, placeOf } from "./proof.js";
import { enqueue } from "./queue.js";
import { stopState, taskOf } from "./route.js";
import { placeLinks } from "./view-list.js";

let onDone = () => {};
let touched = false; // the courier ticked something: do not redraw under their finger

function itemLines(stop, item) {
  const dossier = item?.dossier;
  return [
    dossier?.procedure_name && el("p", { class: "item-card__what" }, dossier.procedure_name),
    dossier?.dossier_code && el("p", { class: "hint" }, `Hồ sơ ${dossier.dossier_code}`),
    item?.due_at && el("p", { class: "hint" }, `Hạn: ${formatDateTime(item.due_at)}`),
  ];
}

function stateBadge(state) {
  const kind = state.code === "todo" ? "" : state.code === "blocked" ? " badge--late" : " badge--done";
  return el("span", { class: `badge${kind}` }, state.text);
}

function codeTitle(stop) {
  return el("h3", { class: "item-card__code code" }, stop.item_code);
}

function homePickup(visit, stop, item, state) {
  const docs = item?.dossier?.documents ?? [];
  const todo = state.code === "todo";
  const boxes = docs.map((doc, i) => {
    const id = `doc-${stop.item_code}-${i}`;
    const kind = doc.original ? "Bản chính" : `Bản sao ×${doc.copies || 1}`;
    return el("div", { class: "check" },
      el("input", { type: "checkbox", id, "data-doc": "true", disabled: !todo }),
      el("label", { for: id }, `${kind}: ${doc.name}`));
  });
  const noteId = `note-${stop.item_code}`;
  const button = el("button", { type: "button", class: "button button--primary", disabled: !todo },
    "Đã nhận hồ sơ");
  const card = el("article", { class: "item-card", "data-code": stop.item_code },
    codeTitle(stop), stateBadge(state), ...itemLines(stop, item),
    docs.length && el("fieldset", { class: "field" },
      el("legend", {}, "Kiểm đếm thành phần hồ sơ"), ...boxes),
    todo && el("div", { class: "field" },
      el("label", { for: noteId }, "Ghi chú (thiếu giấy tờ, hư hỏng…)"),
      el("textarea", { id: noteId, maxlength: "500", rows: "2" })),
    todo && button);
  button.addEventListener("click", async () => {
    const missing = [...card.querySelectorAll("[data-doc]")].filter((b) => !b.checked).length;
    const note = card.querySelector("textarea")?.value.trim() ?? "";
    if (missing && !note) {
      replace(card.querySelector(".item-card__error") ?? card.appendChild(
        el("p", { class: "field-error item-card__error", role: "alert" })),
      `Còn ${missing} giấy tờ chưa đánh dấu: kiểm đếm đủ, hoặc ghi chú giấy tờ còn thiếu.`);
      return;
    }
    await enqueue({
      kind: "event", summary: `Nhận hồ sơ ${stop.item_code} tại nhà`, itemCodes: [stop.item_code],
      request: { item_code: stop.item_code, type: "picked_up", place: placeOf(visit), ...(note ? { note } : {}) },
    });
    onDone(visit, `Đã nhận hồ sơ ${stop.item_code}.`);
  });
  return card;
}

function delivery(visit, stop, item, state) {
  const todo = state.code === "todo";
  const citizen = item?.dossier?.citizen;
  return el("article", { class: "item-card", "data-code": stop.item_code },
    codeTitle(stop), stateBadge(state), ...itemLines(stop, item),
    citizen?.id_number_masked && el("p", { class: "hint" },
      `Giấy tờ khai khi nộp: ${citizen.id_type === "passport" ? "hộ chiếu" : "CCCD"} ${citizen.id_number_masked}`),
    state.code === "blocked" && el("p", { class: "notice" },
      "Bưu cục chưa giao bưu gửi này cho bạn: nhờ giao dịch viên ghi nhận giao túi trước khi phát."),
    todo && el("div", { class: "actions" },
      el("button", { type: "button", class: "button button--primary",
        onclick: () => openProof(visit, stop, item) }, "Phát", el("span", { class: "visually-hidden" }, ` ${stop.item_code}`)),
      el("button", { type: "button", class: "button",
        onclick: () => openFailure(visit, stop, item) }, "Không phát được",
      el("span", { class: "visually-hidden" }, ` ${stop.item_code}`))));
}

function handover(visit, stops, context, kind) {
  const toAgency = kind === "to_agency";
  const rows = stops.map((stop) => {
    const state = stopState(stop, context);
    const id = `pick-${stop.item_code}`;
    const todo = state.code === "todo";
    return el("div", { class: "check check--item", "data-code": stop.item_code },
      el("input", { type: "checkbox", id, value: stop.item_code, checked: todo, disabled: !todo }),
      el("label", { for: id }, el("span", { class: "code" }, stop.item_code), " ",
        context.items.get(stop.item_code)?.dossier?.procedure_name ?? taskOf(stop)),
      stateBadge(state));
  });
  const open = stops.filter((s) => stopState(s, context).code === "todo").length;
  const title = toAgency ? "Giao hồ sơ cho cơ quan" : "Nhận kết quả từ cơ quan";
  const button = el("button", { type: "button", class: "button button--primary", disabled: !open },
    toAgency ? "Lập biên bản giao" : "Lập biên bản nhận kết quả");
  const box = el("section", { class: "card handover", "aria-label": title },
    el("fieldset", { class: "field" }, el("legend", {}, title), ...rows),
    el("p", { class: "hint" }, "Biên bản được gửi lên máy chủ khi có mạng; cán bộ cơ quan kiểm đếm và xác nhận trên máy của họ."),
    open > 0 && button);
  button.addEventListener("click", async () => {
    const codes = [...box.querySelectorAll("input:checked:not(:disabled)")].map((b) => b.value);
    if (!codes.length) {
      replace(box.querySelector(".item-card__error") ?? box.appendChild(
        el("p", { class: "field-error item-card__error", role: "alert" })), "Chọn ít nhất một bưu gửi.");
      return;
    }
    await enqueue({
      kind: "handover",
      summary: `${toAgency ? "Biên bản giao" : "Biên bản nhận"} ${codes.length} bưu gửi, ${visit.agency_name}`,
      itemCodes: codes,
      request: { agency_code: visit.agency_code, kind, item_codes: codes },
    });
    onDone(visit, `${toAgency ? "Đã lập biên bản giao" : "Đã lập biên bản nhận"} ${codes.length} bưu gửi.`);
  });
  return box;
}

/** Draw a visit, unless the courier is filling something in it (force: a new visit). */
export function renderStop(visit, context, total, force = false) {
  if (!force && (touched || formOpen())) return;
  touched = false;
  const title = document.getElementById("stop-title");
  const work = document.getElementById("stop-work");
  if (!visit) {
    title.textContent = "Không có điểm dừng này";
    replace(document.getElementById("stop-info"));
    replace(work, el("p", {}, el("a", { href: "#/" }, "Về danh sách điểm dừng")));
    return;
  }
  title.textContent = `Điểm ${visit.index}/${total} · ${visit.place}`;
  replace(document.getElementById("stop-info"),
    el("p", {}, etaText(visit)),
    visit.recipient_name && el("p", {}, `Công dân: ${visit.recipient_name}`),
    el("div", { class: "actions" }, ...placeLinks(visit)),
    el("ul", { class: "checks", "aria-label": "Cần kiểm tra" },
      ...[...new Set(visit.stops.flatMap((s) => s.checks ?? []))].map((c) => el("li", {}, c))));
  const item = (stop) => context.items.get(stop.item_code);
  const blocks = [];
  if (visit.place_kind === "agency") {
    const give = visit.stops.filter((s) => s.action === "delivery");
    const take = visit.stops.filter((s) => s.action === "pickup");
    if (give.length) blocks.push(handover(visit, give, context, "to_agency"));
    if (take.length) blocks.push(handover(visit, take, context, "from_agency"));
  } else {
    for (const stop of visit.stops) {
      const state = stopState(stop, context);
      blocks.push(stop.action === "pickup"
        ? homePickup(visit, stop, item(stop), state)
        : delivery(visit, stop, item(stop), state));
    }
  }
  replace(work, ...blocks);
}

/** Mark an item of the visit found by its code (scanned or typed); false if not here. */
export function markCode(code) {
  const row = document.querySelector(`#stop-work [data-code="${code}"]`);
  if (!row) return false;
  const box = row.querySelector("input[type=checkbox]");
  if (box && !box.disabled) box.checked = true;
  touched = true; // keep the mark: no background redraw until the courier moves on
  row.classList.add("is-found");
  row.scrollIntoView({ block: "center" });
  (box ?? row.querySelector("button") ?? row).focus?.();
  return true;
}

/** Bind once: done(visit, message) runs after an action was queued. */
export function setUpStop(done) {
  onDone = done;
  document.getElementById("stop-work").addEventListener("input", () => { touched = true; });
}
