// One handover (/agency/handover?id=N): count each item, appointment dates, confirm.
// The confirmation time the server records is the legal submission time; it is shown
// once the handover is confirmed.
import { ApiError, fetchBlob, getJson, openBlob, postJson, saveBlob } from "../api.js";
import { bindForm } from "../forms.js";
import { requireSession } from "../session.js";
import { el, flash, formatDate, formatDateTime, problemText, replace } from "../ui.js";
import { dueBadge } from "../items/format.js";
import { KIND_LABELS, OUTCOME_LABELS } from "./common.js";

const OUTCOMES = ["received", "missing", "damaged"];
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());

function itemLink(code) {
  return el("a", { href: `/item/${encodeURIComponent(code)}`, class: "code" }, code);
}

function renderInfo(h) {
  document.getElementById("handover-title").textContent = `Biên bản ${h.code}`;
  document.title = `Biên bản ${h.code} · Bưu chính công ích`;
  document.getElementById("handover-status").textContent = h.status === "open"
    ? "Chờ cán bộ kiểm đếm và xác nhận." : "Đã xác nhận.";
  const rows = [
    ["Loại", KIND_LABELS[h.kind] ?? h.kind],
    ["Cơ quan", `${h.agency_name} (${h.agency_code})`],
    ["Bưu tá", `${h.courier_name} (${h.courier_code}), bưu cục ${h.postal_point_code}`],
    ["Lập lúc", formatDateTime(h.opened_at)],
    ["Số bưu gửi", String(h.lines.length)],
  ];
  replace(document.getElementById("info"),
    ...rows.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
  document.getElementById("handover-info").hidden = false;
}

function renderConfirmed(h) {
  const section = document.getElementById("confirmed");
  const when = el("time", { datetime: h.confirmed_at }, formatDateTime(h.confirmed_at));
  replace(document.getElementById("confirmed-text"),
    "Cán bộ ", el("strong", {}, h.officer_name ?? ""), " đã xác nhận lúc ", el("strong", {}, when), ". ",
    h.kind === "to_agency"
      ? "Đây là thời điểm nộp hồ sơ hợp lệ của các bưu gửi được nhận."
      : "Đây là thời điểm bưu tá nhận kết quả.");
  section.hidden = false;
  replace(document.getElementById("result-rows"), ...h.lines.map((l) => el("tr", {},
    el("td", {}, itemLink(l.item_code)),
    el("td", { class: "code" }, l.dossier_code ?? ""),
    el("td", {}, l.procedure_name),
    el("td", {}, el("span", { class: `badge ${l.outcome === "received" ? "badge--done" : "badge--late"}` },
      OUTCOME_LABELS[l.outcome] ?? l.outcome)),
    el("td", {}, l.appointment_date ? formatDate(l.appointment_date) : ""),
    el("td", {}, l.note ?? ""))));
  document.getElementById("result-lines").hidden = false;
  document.getElementById("confirm-form").hidden = true;
}

function lineFieldset(h, line, n) {
  const id = (what) => `line-${n}-${what}`;
  const withAppointment = h.kind === "to_agency" && line.leg_kind === "dossier";
  const radios = OUTCOMES.map((outcome) => el("div", { class: "check" },
    el("input", { type: "radio", id: id(outcome), name: `lines.${n}.outcome`, value: outcome }),
    el("label", { for: id(outcome) }, OUTCOME_LABELS[outcome])));
  const date = withAppointment ? el("div", { class: "field" },
    el("label", { for: id("appointment") }, "Ngày hẹn trả kết quả"),
    el("input", { type: "date", id: id("appointment"), name: `lines.${n}.appointment_date`, min: today })) : null;
  const fieldset = el("fieldset", { class: "line", dataset: { code: line.item_code } },
    el("legend", {}, itemLink(line.item_code), " ", line.procedure_name),
    el("p", { class: "hint" },
      line.dossier_code ? ["Hồ sơ ", el("span", { class: "code" }, line.dossier_code), " · "] : null,
      "Hạn ", formatDateTime(line.due_at), " ", dueBadge(line)),
    el("div", { class: "field outcome", role: "radiogroup", "aria-label": `Kết quả kiểm đếm ${line.item_code}` }, radios),
    el("div", { class: "field" },
      el("label", { for: id("note") }, "Ghi chú"),
      el("input", { type: "text", id: id("note"), name: `lines.${n}.note`, maxlength: 500 })),
    date);
  // A missing item is not received: it gets no appointment date.
  fieldset.addEventListener("change", () => {
    const chosen = fieldset.querySelector("input[type=radio]:checked")?.value;
    const input = fieldset.querySelector("input[type=date]");
    if (input) input.disabled = chosen === "missing";
    fieldset.dataset.outcome = chosen ?? "";
  });
  return fieldset;
}

/** The API's body from the form's values, or an ApiError naming what is missing. */
function confirmBody(h, values) {
  const errors = {};
  const lines = h.lines.map((line, n) => {
    const given = values.lines?.[n] ?? {};
    if (!given.outcome) errors[`lines.${n}.outcome`] = ["Chọn kết quả kiểm đếm."];
    else if (given.outcome !== "received" && !given.note) {
      errors[`lines.${n}.note`] = ["Ghi rõ bưu gửi thiếu hoặc hư hỏng thế nào."];
    }
    return { item_code: line.item_code, ...given };
  });
  if (!values.officer_name) errors.officer_name = ["Bắt buộc nhập."];
  if (Object.keys(errors).length) throw new ApiError({ status: 422, errors });
  return { officer_name: values.officer_name, lines };
}

function renderForm(h, user) {
  const form = document.getElementById("confirm-form");
  replace(document.getElementById("lines"), ...h.lines.map((line, n) => lineFieldset(h, line, n)));
  form.elements.namedItem("officer_name").value = user.full_name ?? "";
  document.getElementById("all-received").addEventListener("click", () => {
    for (const radio of form.querySelectorAll("input[type=radio][value=received]")) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
    form.dispatchEvent(new Event("input"));
  });
  bindForm(form, async (values, key) => {
    const confirmed = await postJson(`/handovers/${h.id}/confirm`, confirmBody(h, values),
      { idempotencyKey: key });
    renderInfo(confirmed);
    renderConfirmed(confirmed);
    flash(`Đã xác nhận biên bản ${confirmed.code}.`, "success");
    document.getElementById("confirmed").focus();
  });
  form.hidden = false;
}

async function printRecord(id, code) {
  try {
    const blob = await fetchBlob(`/handovers/${id}/record.pdf`);
    if (!openBlob(blob)) saveBlob(blob, `bien-ban-${code}.pdf`);
  } catch (err) {
    flash(problemText(err), "error");
  }
}

const session = requireSession();
if (session) {
  const id = new URLSearchParams(location.search).get("id") ?? "";
  try {
    if (!/^\d{1,9}$/.test(id)) throw new ApiError({ status: 404 });
    const h = await getJson(`/handovers/${id}`);
    renderInfo(h);
    document.getElementById("print-record").addEventListener("click", () => printRecord(h.id, h.code));
    if (h.status === "open") renderForm(h, session.user);
    else renderConfirmed(h);
  } catch (err) {
    document.getElementById("handover-status").textContent = "";
    if (err.status === 404) {
      document.getElementById("handover-title").textContent = "Không tìm thấy biên bản";
      flash("Không có biên bản này, hoặc biên bản không thuộc cơ quan của bạn.", "error");
    } else {
      flash(problemText(err), "error");
    }
  }
}
