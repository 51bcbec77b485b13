// Say a result is ready (POST /results): for a dossier the post carried, or one filed
// online whose citizen chose home delivery (then the page asks for their contact).
import { ApiError, getJson, postJson } from "../api.js";
import { bindForm } from "../forms.js";
import { requireSession } from "../session.js";
import {
  el, flash, formatDate, formatDateTime, label, problemText, replace, stateLabel,
} from "../ui.js";
import { dueBadge, SERVICE_LABELS } from "../items/format.js";
import { formReady } from "../items/ready.js";
import "./common.js";

const DOSSIER_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
let procedures = [];
let dossierCode = null;

function itemLink(code) {
  return el("a", { href: `/item/${encodeURIComponent(code)}`, class: "code" }, code);
}

function option(value, text, selected = false) {
  return el("option", { value, selected }, text);
}

async function showWaiting() {
  const { items } = await getJson("/items",
    { leg_kind: "result", state: "awaiting_pickup", page_size: 200 });
  replace(document.getElementById("waiting"), ...(items.length ? items.map((i) => el("tr",
    { dataset: { code: i.s10_code } },
    el("td", {}, itemLink(i.s10_code)),
    el("td", { class: "code" }, i.dossier_code ?? ""),
    el("td", {}, i.postal_point_code),
    el("td", {}, stateLabel(i)),
    el("td", {}, formatDateTime(i.due_at), " ", dueBadge(i))))
    : [el("tr", {}, el("td", { colspan: 5 }, "Không có kết quả nào chờ bưu tá."))]));
}

function registered(item) {
  flash(`Đã báo có kết quả hồ sơ ${item.dossier?.dossier_code ?? ""}: bưu gửi ${item.s10_code}, `
    + "chờ bưu tá đến nhận.", "success");
  document.getElementById("known").hidden = true;
  document.getElementById("online").hidden = true;
  document.getElementById("find-form").reset();
  document.getElementById("find-code").focus();
  return showWaiting();
}

// A dossier the post carried: show it, and say why a result cannot be registered.
async function showKnown(legs) {
  const item = await getJson(`/items/${encodeURIComponent(legs[0].s10_code)}`);
  const d = item.dossier;
  const result = legs.find((l) => l.leg_kind === "result");
  replace(document.getElementById("known-facts"), ...[
    ["Mã hồ sơ", d.dossier_code],
    ["Thủ tục", d.procedure_name],
    ["Công dân", d.citizen?.name],
    ["Dịch vụ công dân chọn", SERVICE_LABELS[d.service_type] ?? d.service_type],
    ["Ngày hẹn trả kết quả", d.appointment_date ? formatDate(d.appointment_date) : "Chưa hẹn"],
    ["Các chiều", legs.map((l) => el("span", { class: "leg" }, itemLink(l.s10_code), ` ${label("legs", l.leg_kind)}: ${stateLabel(l)}`))],
  ].flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
  const notice = document.getElementById("known-notice");
  const form = document.getElementById("ready-form");
  let why = null;
  if (d.service_type === "send") {
    why = ["Công dân không đăng ký nhận kết quả tại nhà: trả kết quả tại cơ quan, không qua bưu điện."];
  } else if (result) {
    why = ["Kết quả của hồ sơ này đã được báo: ", itemLink(result.s10_code), "."];
  }
  notice.hidden = !why;
  if (why) replace(notice, ...why);
  form.hidden = Boolean(why);
  form.elements.namedItem("appointment_date").value = d.appointment_date ?? "";
  form.elements.namedItem("appointment_date").min = today;
  document.getElementById("online").hidden = true;
  document.getElementById("known").hidden = false;
}

async function loadProvinces(select) {
  const { items } = await getJson("/provinces");
  replace(select, option("", "— Chọn tỉnh, thành phố —"),
    ...items.map((p) => option(String(p.code), p.name)));
}

async function loadCommunes(province, select) {
  if (!province) {
    replace(select, option("", "— Chọn tỉnh trước —"));
    return;
  }
  const { items } = await getJson("/communes", { province, page_size: 200 });
  replace(select, option("", "— Chọn xã, phường —"),
    ...items.map((c) => option(String(c.code), c.name)));
}

function showDocuments(code) {
  const proc = procedures.find((p) => p.code === code);
  const list = document.getElementById("online-document-list");
  if (!proc) {
    replace(list, el("p", { class: "hint" }, "Chọn thủ tục trước."));
    return;
  }
  replace(list, ...proc.documents.map((doc, n) => el("div", { class: "check" },
    el("input", { type: "checkbox", id: `online-doc-${n}`, dataset: { doc: String(n) } }),
    el("label", { for: `online-doc-${n}` }, doc.name, ` (${doc.original ? "bản chính" : "bản sao"})`))));
}

/** The body of POST /results for a dossier filed online, or an ApiError. */
function onlineBody(form, values) {
  if (!form.elements.namedItem("home_delivery").checked) {
    throw new ApiError({ status: 422, errors: { home_delivery: [
      "Chỉ báo qua bưu điện khi công dân đã đăng ký nhận kết quả tại nhà."] } });
  }
  const dossier = { ...values.dossier };
  const proc = procedures.find((p) => p.code === dossier.procedure_code);
  dossier.citizen = { ...dossier.citizen };
  if (dossier.citizen.commune_code) dossier.citizen.commune_code = Number(dossier.citizen.commune_code);
  dossier.documents = [...form.querySelectorAll("input[data-doc]:checked")]
    .map((box) => proc.documents[Number(box.dataset.doc)])
    .map(({ name, original, copies }) => ({ name, original, copies }));
  return { dossier_code: dossierCode, appointment_date: values.appointment_date, dossier };
}

let onlineReady = null;
function prepareOnline(user) {
  onlineReady ??= (async () => {
    const form = document.getElementById("online-form");
    const [procs, points] = await Promise.all([
      getJson("/procedures", { agency: user.agency?.code, bcci_allowed: true, page_size: 200 }),
      getJson("/postal-points", { page_size: 200 }),
      loadProvinces(document.getElementById("online-province")),
    ]);
    procedures = procs.items;
    replace(form.elements.namedItem("dossier.procedure_code"), option("", "— Chọn thủ tục —"),
      ...procedures.map((p) => option(p.code, `${p.name} (${p.code})`)));
    replace(form.elements.namedItem("dossier.postal_point_code"), option("", "— Chọn bưu cục —"),
      ...points.items.map((p) => option(p.code, `${p.name} (${p.code})`)));
    replace(form.elements.namedItem("dossier.citizen.commune_code"), option("", "— Chọn tỉnh trước —"));
    form.elements.namedItem("appointment_date").min = today;
    form.elements.namedItem("dossier.procedure_code")
      .addEventListener("change", (e) => showDocuments(e.target.value));
    document.getElementById("online-province").addEventListener("change", (e) =>
      loadCommunes(e.target.value, form.elements.namedItem("dossier.citizen.commune_code"))
        .catch((err) => flash(problemText(err), "error")));
    bindForm(form, async (values, key) => {
      const item = await postJson("/results", onlineBody(form, values), { idempotencyKey: key });
      form.reset();
      await registered(item);
    });
  })();
  return onlineReady;
}

async function find(values, user) {
  const code = (values.dossier_code ?? "").trim().toUpperCase();
  if (!DOSSIER_CODE.test(code)) {
    throw new ApiError({ status: 422, errors: { dossier_code: [
      "Not a one-stop dossier code (e.g. 000.00.15.H10-230615-0001)."] } });
  }
  dossierCode = code;
  const { items } = await getJson("/items", { dossier_code: code, page_size: 20 });
  if (items.length) {
    await showKnown(items);
    document.getElementById("known-heading").focus();
  } else {
    document.getElementById("known").hidden = true;
    await prepareOnline(user);
    document.getElementById("online").hidden = false;
    document.getElementById("online-home").focus();
  }
}

const session = requireSession();
if (session) {
  const findForm = document.getElementById("find-form");
  bindForm(findForm, (values) => find(values, session.user));
  formReady(findForm);
  bindForm(document.getElementById("ready-form"), async (values, key) => {
    const item = await postJson("/results",
      { dossier_code: dossierCode, appointment_date: values.appointment_date },
      { idempotencyKey: key });
    await registered(item);
  });
  try {
    await showWaiting();
  } catch (err) {
    flash(problemText(err), "error");
  }
}
