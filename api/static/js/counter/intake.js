// Counter intake (POST /intakes) and home-pickup request (POST /pickups): one form, the
// form's data-mode says which. One Idempotency-Key per intended registration (bindForm):
// a double click or a retry after a lost answer never registers the dossier twice.
import "./messages.js";
import { ApiError, postJson } from "../api.js";
import { bindForm } from "../forms.js";
import { requireSession } from "../session.js";
import { clearFlash, el, flash, formatDate, formatDateTime, problemText, replace } from "../ui.js";
import {
  dossierBody, setupCommunePicker, setupProcedureSearch, showProcedure, tickedDocuments,
} from "./dossier.js";
import { todayLocal } from "./plan-labels.js";
import { printDocument } from "./print.js";

const session = requireSession();
const form = document.getElementById("dossier-form");
const mode = form.dataset.mode; // "intake" or "pickup"
let procedure = null;
let feeTouched = false;

function choose(proc) {
  procedure = proc;
  showProcedure(proc, { tick: mode === "intake" });
  const fee = form.elements.fee_vnd;
  if (!feeTouched) fee.value = proc.fee_vnd;
  form.dispatchEvent(new Event("input")); // another procedure: another registration
  const first = document.getElementById("doc-0");
  (first ?? document.getElementById("procedure-chosen")).focus();
}

function pickupNote() {
  const day = document.getElementById("pickup-day").value;
  const slot = document.getElementById("pickup-window").value;
  const when = [day ? formatDate(day) : "", slot].filter(Boolean).join(", ");
  const note = form.elements.note.value.trim();
  return [when ? `Hẹn thu gom: ${when}.` : "", note].filter(Boolean).join(" ");
}

function showResult(dossier) {
  const item = dossier.items[0];
  const result = document.getElementById("result");
  document.getElementById("result-code").textContent = item.s10_code;
  document.getElementById("item-link").href = `/item/${encodeURIComponent(item.s10_code)}`;
  const facts = [
    ["Thủ tục", `${dossier.procedure_name} (${dossier.procedure_code})`],
    ["Cơ quan tiếp nhận", dossier.agency_name],
    ["Người nộp", dossier.citizen.name],
    ["Mã hồ sơ một cửa", dossier.dossier_code ?? "Chưa có"],
    ["Trạng thái", item.state_label],
    ["Hạn chuyển đến cơ quan", formatDateTime(item.due_at)],
  ];
  replace(document.getElementById("result-facts"),
    ...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  document.getElementById("print-status").textContent = "";
  document.getElementById("intake-steps").hidden = true;
  result.hidden = false;
  result.dataset.code = item.s10_code;
  result.focus();
}

async function register(values, key) {
  const documents = mode === "intake" ? tickedDocuments(procedure) : null;
  if (mode === "intake" && procedure && documents.length === 0) {
    throw new ApiError({
      status: 422,
      errors: { documents: ["Đánh dấu ít nhất một giấy tờ công dân đã nộp."] },
    });
  }
  const note = mode === "pickup" ? pickupNote() : values.note;
  const body = dossierBody(values, { documents, note });
  const dossier = await postJson(form.dataset.endpoint, body, { idempotencyKey: key });
  clearFlash();
  showResult(dossier);
  return dossier;
}

if (session) {
  const search = setupProcedureSearch(choose);
  const day = document.getElementById("pickup-day");
  if (day) day.min = todayLocal();
  form.elements.fee_vnd.addEventListener("input", () => { feeTouched = true; });
  bindForm(form, register);
  let picker = null;
  setupCommunePicker(session.user.postal_point)
    .then((p) => { picker = p; })
    .catch((err) => flash(problemText(err), "error"));

  const result = document.getElementById("result");
  const status = document.getElementById("print-status");
  document.getElementById("print-label").addEventListener("click", () => printDocument(result.dataset.code, "label", status));
  document.getElementById("print-note").addEventListener("click", () => printDocument(result.dataset.code, "note", status));
  document.getElementById("next-dossier").addEventListener("click", async () => {
    form.reset();
    procedure = null;
    feeTouched = false;
    document.getElementById("procedure-code").value = "";
    replace(document.getElementById("procedure-chosen"),
      el("p", { class: "hint" }, "Chưa chọn thủ tục: tìm ở mục 1 rồi bấm “Chọn”."));
    replace(document.getElementById("checklist"),
      el("li", { class: "hint" }, "Chọn thủ tục để hiện danh mục giấy tờ."));
    result.hidden = true;
    document.getElementById("intake-steps").hidden = false;
    search.clear();
    await picker?.reset();
  });
}
