// The postal point's items (GET /items, most urgent first) with filters and pages, and a
// panel per item with the clerk's actions among the API's allowed_events.
import "./messages.js";
import { getJson, postJson } from "../api.js";
import { bindForm } from "../forms.js";
import { requireSession } from "../session.js";
import {
  el, flash, formatDateTime, label, page as pageData, problemText, replace, stateLabel,
} from "../ui.js";
import { todayLocal } from "./plan-labels.js";
import { printDocument } from "./print.js";

const PAGE_SIZE = 20;
const OPEN = new Set(["awaiting_pickup", "at_postal_point", "in_transit", "awaiting_confirmation", "delivery_failed"]);
const ID_TYPES = { cccd: "Căn cước công dân", passport: "Hộ chiếu" };

const session = requireSession();
const filters = document.getElementById("filters");
const rows = document.getElementById("rows");
const summary = document.getElementById("items-summary");
const panel = document.getElementById("item-panel");
let current = { state: "", leg_kind: "", due: "", page: 1 };
let openCode = null;

function fromUrl() {
  const q = new URLSearchParams(location.search);
  current = {
    state: q.get("state") ?? "",
    leg_kind: q.get("leg_kind") ?? "",
    due: q.get("due") ?? "",
    page: Math.max(1, Number(q.get("page")) || 1),
  };
  for (const name of ["state", "leg_kind", "due"]) filters.elements[name].value = current[name];
}

function toUrl() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(current)) if (v && !(k === "page" && v === 1)) q.set(k, v);
  history.replaceState(null, "", `${location.pathname}${q.size ? `?${q}` : ""}`);
}

function dueBefore(due) {
  if (due === "overdue") return new Date().toISOString();
  if (due === "today") {
    const end = new Date(`${todayLocal()}T00:00:00+07:00`);
    end.setUTCDate(end.getUTCDate() + 1);
    return end.toISOString();
  }
  return null;
}

function isLate(item) {
  return OPEN.has(item.state) && item.due_at && new Date(item.due_at) < new Date();
}

function row(item) {
  const late = isLate(item);
  return el("tr", { class: late ? "is-late" : null },
    el("th", { scope: "row" }, el("a", { class: "code", href: `/item/${encodeURIComponent(item.s10_code)}` }, item.s10_code)),
    el("td", {}, label("legs", item.leg_kind)),
    el("td", {}, el("span", { class: `badge${item.state === "delivered" ? " badge--done" : ""}` }, stateLabel(item))),
    el("td", {}, item.agency_code),
    el("td", { class: "code" }, item.dossier_code ?? "—"),
    el("td", {}, formatDateTime(item.due_at), late ? [" ", el("span", { class: "badge badge--late" }, "Quá hạn")] : null),
    el("td", {}, el("button", {
      type: "button", class: "button", "aria-label": `Xử lý ${item.s10_code}`,
      onclick: () => openPanel(item.s10_code),
    }, "Xử lý")));
}

async function load() {
  toUrl();
  summary.textContent = "Đang tải…";
  rows.closest("table").setAttribute("aria-busy", "true");
  try {
    const result = await getJson("/items", {
      state: current.state, leg_kind: current.leg_kind, due_before: dueBefore(current.due),
      page: current.page, page_size: PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    replace(rows, ...result.items.map(row));
    if (!result.items.length) {
      rows.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "Không có bưu gửi nào khớp bộ lọc.")));
    }
    summary.textContent = `${result.total} bưu gửi.`;
    document.getElementById("page-where").textContent = `Trang ${current.page} / ${pages}`;
    document.getElementById("prev-page").disabled = current.page <= 1;
    document.getElementById("next-page").disabled = current.page >= pages;
  } catch (err) {
    summary.textContent = "";
    flash(problemText(err), "error");
  } finally {
    rows.closest("table").removeAttribute("aria-busy");
  }
}

function panelMessage(text, kind) {
  replace(document.getElementById("panel-flash"),
    text ? el("p", { class: `flash__message flash__message--${kind}` }, text) : null);
}

function field(id, text, input) {
  return el("div", { class: "field" }, el("label", { for: id }, text), input);
}

/** A form that records one event; the device time is kept with its Idempotency-Key. */
function eventForm(code, type, { title, button, danger, fields = [], build }) {
  const form = el("form", { class: "form", novalidate: true, "data-event": type },
    el("h3", {}, title),
    el("div", { class: "form-errors", role: "alert" }),
    ...fields,
    el("div", {}, el("button", { type: "submit", class: `button ${danger ? "button--danger" : "button--primary"}` }, button)));
  let lastKey = null;
  let occurredAt = null;
  bindForm(form, async (values, key) => {
    if (key !== lastKey) { lastKey = key; occurredAt = new Date().toISOString(); }
    const item = type === "cancelled"
      ? await postJson(`/items/${encodeURIComponent(code)}/cancel`, { reason: values.reason ?? "" }, { idempotencyKey: key })
      : await postJson(`/items/${encodeURIComponent(code)}/events`,
        { type, occurred_at: occurredAt, ...build(values) }, { idempotencyKey: key });
    await showItem(item.s10_code ?? item.code ?? code);
    panelMessage(`Đã ghi nhận: ${label("events", type)}. Trạng thái mới: ${label("states", item.state)}.`, "success");
    document.getElementById("panel-heading").focus();
    load();
  });
  return form;
}

function actions(item) {
  const code = item.s10_code;
  const citizen = item.dossier?.citizen ?? {};
  const place = session.user.postal_point?.name ?? null;
  const out = [];
  const allowed = new Set(item.allowed_events);
  if (allowed.has("received_at_postal_point")) {
    out.push(eventForm(code, "received_at_postal_point", {
      title: "Nhận túi về bưu cục",
      button: "Xác nhận túi đã về bưu cục",
      fields: [field("receive-note", "Ghi chú (nếu có)", el("input", { id: "receive-note", name: "note", maxlength: 500 }))],
      build: (v) => ({ place, note: v.note }),
    }));
  }
  if (allowed.has("collected_at_counter")) {
    out.push(eventForm(code, "collected_at_counter", {
      title: "Trả kết quả tại quầy",
      button: "Trả kết quả cho người nhận",
      fields: [
        el("p", { class: "hint" }, "Đối chiếu giấy tờ tùy thân: số giấy tờ phải khớp với số công dân khai khi nộp hồ sơ; người nhận thay phải có giấy ủy quyền."),
        field("collect-name", "Họ tên người nhận", el("input", { id: "collect-name", name: "proof.recipient_name", maxlength: 120, value: citizen.name ?? "" })),
        field("collect-id-type", "Loại giấy tờ", el("select", { id: "collect-id-type", name: "proof.id_type" },
          ...Object.entries(ID_TYPES).map(([v, t]) => el("option", { value: v, selected: v === (citizen.id_type ?? "cccd") }, t)))),
        field("collect-id-number", "Số giấy tờ", el("input", { id: "collect-id-number", name: "proof.id_number", maxlength: 20, inputmode: "numeric", autocomplete: "off" })),
        el("div", { class: "field" }, el("label", { class: "check", for: "collect-proxy" },
          el("input", { type: "checkbox", id: "collect-proxy", name: "proof.is_proxy" }), "Người nhận thay (có giấy ủy quyền)")),
        field("collect-auth", "Số giấy ủy quyền", el("input", { id: "collect-auth", name: "proof.authorisation_ref", maxlength: 100 })),
      ],
      build: (v) => ({ place, proof: v.proof }),
    }));
  }
  if (allowed.has("dispatched")) {
    out.push(el("p", {}, el("a", { class: "button", href: `/counter/dispatch?item=${encodeURIComponent(code)}` }, "Giao cho bưu tá…")));
  }
  if (allowed.has("cancelled")) {
    out.push(eventForm(code, "cancelled", {
      title: "Hủy bưu gửi",
      button: "Hủy bưu gửi",
      danger: true,
      fields: [field("cancel-reason", "Lý do hủy", el("textarea", { id: "cancel-reason", name: "reason", rows: 2, maxlength: 500 }))],
    }));
  }
  if (!out.length) out.push(el("p", { class: "muted" }, "Không có thao tác nào của quầy cho bưu gửi ở trạng thái này."));
  return out;
}

async function showItem(code) {
  const item = await getJson(`/items/${encodeURIComponent(code)}`);
  const d = item.dossier ?? {};
  const c = d.citizen ?? {};
  document.getElementById("panel-heading").textContent = `Bưu gửi ${item.s10_code}`;
  const facts = [
    ["Trạng thái", stateLabel(item)],
    ["Chiều", label("legs", item.leg_kind)],
    ["Thủ tục", d.procedure_name],
    ["Cơ quan", d.agency_name],
    ["Công dân", [c.name, c.phone].filter(Boolean).join(" · ")],
    ["Địa chỉ", [item.home_address ?? c.address, c.commune_name].filter(Boolean).join(", ")],
    ["Giấy tờ", c.id_number_masked ? `${ID_TYPES[c.id_type] ?? ""} ${c.id_number_masked}` : "Không ghi"],
    ["Hạn", formatDateTime(item.due_at)],
  ];
  if (item.failed_attempts) facts.push(["Phát không thành công", `${item.failed_attempts} lần`]);
  replace(document.getElementById("panel-facts"),
    ...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v || "—")]));
  const status = el("p", { class: "hint", role: "status" });
  replace(document.getElementById("panel-links"),
    el("a", { class: "button", href: `/item/${encodeURIComponent(item.s10_code)}` }, "Xem chi tiết và lịch sử"),
    el("button", { type: "button", class: "button", onclick: () => printDocument(item.s10_code, "label", status) }, "In nhãn túi"),
    el("button", { type: "button", class: "button", onclick: () => printDocument(item.s10_code, "note", status) }, "In phiếu gửi"),
    status);
  replace(document.getElementById("panel-actions"), ...actions(item));
}

async function openPanel(code) {
  openCode = code;
  panelMessage("");
  try {
    await showItem(code);
    panel.showModal();
  } catch (err) {
    flash(problemText(err), "error");
  }
}

if (session) {
  const states = pageData().labels.states ?? {};
  const legs = pageData().labels.legs ?? {};
  filters.elements.state.append(...Object.entries(states).map(([v, t]) => el("option", { value: v }, t)));
  filters.elements.leg_kind.append(...Object.entries(legs).map(([v, t]) => el("option", { value: v }, t)));
  fromUrl();
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    current = { state: filters.elements.state.value, leg_kind: filters.elements.leg_kind.value, due: filters.elements.due.value, page: 1 };
    load();
  });
  document.getElementById("prev-page").addEventListener("click", () => { current.page -= 1; load(); });
  document.getElementById("next-page").addEventListener("click", () => { current.page += 1; load(); });
  document.getElementById("panel-close").addEventListener("click", () => panel.close());
  // Back to the row's button (the list may have been redrawn meanwhile).
  panel.addEventListener("close", () => {
    const back = rows.querySelector(`button[aria-label="Xử lý ${openCode}"]`);
    (back ?? document.getElementById("main")).focus();
  });
  load();
}
