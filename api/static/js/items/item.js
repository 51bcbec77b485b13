// The item page (/item/<code>): dossier, legs, contact and the full custody history.
// Everything comes from GET /items/{code} as the API scopes it for the signed-in role;
// another's item is the API's 404 and the page then shows nothing but "not found".
import { ApiError, getJson, newIdempotencyKey, postJson } from "../api.js";
import { homeFor, requireSession } from "../session.js";
import {
  clearErrors, el, flash, formatDate, formatDateTime, formatMoney, label, problemText,
  replace, showErrors, stateLabel,
} from "../ui.js";
import { dueBadge, eventActor, proofSummary, SERVICE_LABELS } from "./format.js";

const S10 = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

function facts(target, rows) {
  replace(target, ...rows.filter(([, value]) => value !== null && value !== undefined && value !== "")
    .flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
}

function itemLink(code) {
  return el("a", { href: `/item/${encodeURIComponent(code)}`, class: "code" }, code);
}

function renderSummary(item) {
  facts(document.getElementById("summary"), [
    ["Mã bưu gửi", el("span", { class: "code" }, item.s10_code)],
    ["Chiều", label("legs", item.leg_kind)],
    ["Trạng thái", el("strong", {}, stateLabel(item))],
    ["Hạn chuyển phát", item.due_at ? [formatDateTime(item.due_at), " ", dueBadge(item)] : null],
    ["Thời điểm nộp hợp lệ", item.submitted_at
      ? el("time", { datetime: item.submitted_at }, formatDateTime(item.submitted_at)) : null],
    ["Đã giao lúc", item.delivered_at ? formatDateTime(item.delivered_at) : null],
    ["Bưu tá đang giữ", item.courier_code],
    ["Số lần phát không thành công", item.failed_attempts ? String(item.failed_attempts) : null],
    [item.leg_kind === "result" ? "Địa chỉ phát" : "Địa chỉ thu gom",
      item.leg_kind === "result" || item.origin_kind === "address" ? item.home_address : null],
  ]);
}

function renderDossier(dossier) {
  facts(document.getElementById("dossier"), [
    ["Mã hồ sơ", dossier.dossier_code ? el("span", { class: "code" }, dossier.dossier_code) : "Chưa có mã một cửa"],
    ["Thủ tục", `${dossier.procedure_name} (${dossier.procedure_code})`],
    ["Cơ quan", `${dossier.agency_name} (${dossier.agency_code})`],
    ["Bưu cục", dossier.postal_point_code],
    ["Dịch vụ", SERVICE_LABELS[dossier.service_type] ?? dossier.service_type],
    ["Ngày hẹn trả kết quả", dossier.appointment_date ? formatDate(dossier.appointment_date) : "Chưa hẹn"],
    ["Lệ phí", dossier.fee_vnd ? formatMoney(dossier.fee_vnd) : null],
    ["Ghi chú", dossier.note],
    ["Đăng ký lúc", formatDateTime(dossier.created_at)],
  ]);
  const docs = dossier.documents ?? [];
  replace(document.getElementById("documents"), ...(docs.length ? docs.map((d) => el("li", {},
    d.name, " — ", d.original ? "bản chính" : "bản sao",
    d.copies ? `, ${d.copies} bản sao` : "")) : [el("li", {}, "Không ghi thành phần.")]));
}

function renderCitizen(citizen) {
  const c = citizen ?? {};
  const idType = { cccd: "CCCD", passport: "Hộ chiếu" }[c.id_type] ?? c.id_type;
  facts(document.getElementById("citizen"), [
    ["Họ và tên", c.name],
    ["Điện thoại", c.phone],
    ["Địa chỉ", c.commune_name && !c.address?.toLowerCase().includes(c.commune_name.toLowerCase())
      ? `${c.address}, ${c.commune_name}` : c.address],
    ["Giấy tờ tùy thân", c.id_type ? `${idType} ${c.id_number_masked ?? ""}`.trim() : null],
  ]);
}

async function renderLegs(item) {
  const tbody = document.getElementById("legs");
  const row = (leg) => el("tr", { "aria-current": leg.s10_code === item.s10_code ? "true" : null },
    el("td", {}, leg.s10_code === item.s10_code ? el("span", { class: "code" }, leg.s10_code) : itemLink(leg.s10_code)),
    el("td", {}, label("legs", leg.leg_kind)),
    el("td", {}, stateLabel(leg)),
    el("td", {}, formatDateTime(leg.due_at), " ", dueBadge(leg)));
  let legs = [item];
  const code = item.dossier?.dossier_code;
  if (code) {
    try {
      legs = (await getJson("/items", { dossier_code: code, page_size: 20 })).items;
    } catch (err) {
      flash(problemText(err), "error");
    }
  }
  replace(tbody, ...legs.map(row));
}

function renderHistory(events) {
  replace(document.getElementById("history"), ...events.map((e) => {
    const late = Math.abs(new Date(e.recorded_at) - new Date(e.occurred_at)) > 5 * 60 * 1000;
    return el("tr", { dataset: { event: e.type } },
      el("td", {}, el("time", { datetime: e.occurred_at }, formatDateTime(e.occurred_at)),
        late ? el("span", { class: "hint" }, ` (ghi nhận ${formatDateTime(e.recorded_at)})`) : null),
      el("td", {}, label("events", e.type)),
      el("td", {}, eventActor(e)),
      el("td", {}, e.place ?? ""),
      el("td", {}, e.note ?? ""),
      el("td", {}, proofSummary(e)));
  }));
}

// An officer confirms or refuses an item handed over outside a handover record; an item
// in an open handover is counted on that handover's page instead.
async function renderReceipt(item, user, reload) {
  const section = document.getElementById("receipt");
  const canAct = user.role === "agency_officer"
    && item.allowed_events?.includes("receipt_confirmed");
  if (!canAct) {
    section.hidden = true;
    return;
  }
  const form = document.getElementById("receipt-form");
  const inHandover = document.getElementById("receipt-handover");
  const open = await getJson("/handovers", { status: "open" });
  const handover = open.find((h) => h.lines.some((l) => l.item_code === item.s10_code));
  form.hidden = Boolean(handover);
  inHandover.hidden = !handover;
  section.hidden = false;
  if (handover) {
    replace(inHandover, "Bưu gửi này thuộc biên bản ", el("a",
      { href: `/agency/handover?id=${handover.id}` }, handover.code),
    " đang chờ xác nhận: kiểm đếm và xác nhận tại biên bản.");
    return;
  }
  if (form.dataset.bound) return;
  form.dataset.bound = "1";
  let key = null;
  let keyFor = null;
  form.addEventListener("input", () => { key = null; });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const type = event.submitter?.value ?? "receipt_confirmed";
    const note = form.elements.namedItem("note").value.trim();
    clearErrors(form);
    if (type === "receipt_refused" && !note) {
      showErrors(form, new ApiError({ status: 422, errors: { note: ["Ghi lý do từ chối nhận."] } }));
      return;
    }
    if (keyFor !== type) key = null;
    key ??= newIdempotencyKey();
    keyFor = type;
    form.setAttribute("aria-busy", "true");
    try {
      await postJson(`/items/${encodeURIComponent(item.s10_code)}/events`, {
        type, occurred_at: new Date().toISOString(), note: note || undefined,
        place: user.agency?.name,
      }, { idempotencyKey: key });
      key = null;
      form.reset();
      flash(type === "receipt_confirmed"
        ? "Đã xác nhận nhận hồ sơ. Thời điểm xác nhận là thời điểm nộp hợp lệ."
        : "Đã từ chối nhận: bưu tá mang bưu gửi về.", "success");
      await reload();
    } catch (err) {
      showErrors(form, err);
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
}

async function load(code, user) {
  const status = document.getElementById("item-status");
  let item;
  try {
    item = await getJson(`/items/${encodeURIComponent(code)}`);
  } catch (err) {
    if (err.status === 404 || err.status === 422) {
      document.getElementById("item-title").textContent = "Không tìm thấy bưu gửi";
      status.textContent = `Mã ${code}`;
      document.getElementById("item-missing").hidden = false;
      document.getElementById("item-body").hidden = true;
      document.title = "Không tìm thấy bưu gửi · Bưu chính công ích";
    } else {
      status.textContent = "";
      flash(problemText(err), "error");
    }
    return;
  }
  document.getElementById("item-title").textContent = `Bưu gửi ${item.s10_code}`;
  document.title = `Bưu gửi ${item.s10_code} · Bưu chính công ích`;
  status.textContent = `${label("legs", item.leg_kind)} · ${stateLabel(item)}`;
  renderSummary(item);
  renderDossier(item.dossier ?? {});
  renderCitizen(item.dossier?.citizen);
  renderHistory(item.events ?? []);
  document.getElementById("item-body").hidden = false;
  await Promise.all([
    renderLegs(item),
    renderReceipt(item, user, () => load(code, user)).catch((err) => flash(problemText(err), "error")),
  ]);
}

const session = requireSession();
if (session) {
  const home = homeFor(session.user.role);
  if (home) document.getElementById("home-link").href = home;
  const raw = decodeURIComponent(location.pathname.split("/").pop() ?? "");
  const code = raw.trim().toUpperCase();
  if (!S10.test(code)) {
    document.getElementById("item-title").textContent = "Không tìm thấy bưu gửi";
    document.getElementById("item-status").textContent = "Mã bưu gửi không hợp lệ (ví dụ RH123456785VN).";
    document.getElementById("item-missing").hidden = false;
  } else {
    await load(code, session.user);
  }
}
