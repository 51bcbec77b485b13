// The parts of the intake and pickup pages: procedure finder, document checklist,
// province and commune picker, and the JSON body of POST /intakes or /pickups.
import { getJson } from "../api.js";
import { el, flash, formatMoney, problemText, replace } from "../ui.js";

/** "Phường Phan Đình Phùng" -> "phuong phan dinh phung": compare without diacritics. */
export function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
}

function procedureFacts(proc) {
  return [
    `Mã ${proc.code}`,
    proc.agency_name,
    `Lệ phí ${formatMoney(proc.fee_vnd)}`,
    `Giải quyết ${proc.processing_days} ngày làm việc`,
  ].join(" · ");
}

/** What a published document needs: "Bản chính", "Bản sao: 2 bản", or both. */
export function documentSpec(doc) {
  const parts = [];
  if (doc.original) parts.push("Bản chính");
  if (doc.copies > 0) parts.push(`Bản sao: ${doc.copies} bản`);
  return parts.join(" + ") || "Bản chính hoặc bản sao";
}

/**
 * The procedure finder: searches GET /procedures (name or code, diacritics optional) as
 * the clerk types, lists matches with agency, fee and processing time; onChoose(proc).
 */
export function setupProcedureSearch(onChoose) {
  const form = document.getElementById("procedure-search");
  const input = document.getElementById("procedure-q");
  const status = document.getElementById("procedure-status");
  const results = document.getElementById("procedure-results");
  let timer = null;
  let asked = 0;

  async function search() {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      replace(results);
      status.textContent = q ? "Gõ ít nhất 2 ký tự." : "";
      return;
    }
    const ticket = ++asked;
    status.textContent = "Đang tìm…";
    try {
      const page = await getJson("/procedures", { q, bcci_allowed: true, page_size: 10 });
      if (ticket !== asked) return; // a newer search is on its way
      status.textContent = page.total
        ? `Tìm thấy ${page.total} thủ tục${page.total > page.items.length ? `, hiện ${page.items.length} thủ tục đầu` : ""}.`
        : "Không tìm thấy thủ tục nào. Thử từ khóa khác hoặc mã thủ tục.";
      replace(results, ...page.items.map((proc) => el("li", { class: "procedure" },
        el("div", {},
          el("p", { class: "procedure__name" }, proc.name),
          el("p", { class: "hint" }, procedureFacts(proc))),
        el("button", {
          type: "button", class: "button", "aria-label": `Chọn thủ tục ${proc.name}`,
          onclick: () => onChoose(proc),
        }, "Chọn"))));
    } catch (err) {
      if (ticket === asked) status.textContent = problemText(err);
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  return { clear() { input.value = ""; replace(results); status.textContent = ""; input.focus(); } };
}

/** Show the chosen procedure and its published document list (checkboxes when ticking). */
export function showProcedure(proc, { tick }) {
  const chosen = document.getElementById("procedure-chosen");
  document.getElementById("procedure-code").value = proc.code;
  replace(chosen,
    el("p", { class: "procedure__name" }, proc.name),
    el("p", { class: "hint" }, procedureFacts(proc)));
  const list = document.getElementById("checklist");
  replace(list, ...proc.documents.map((doc, i) => {
    const spec = documentSpec(doc);
    if (!tick) return el("li", {}, el("span", { class: "doc__name" }, doc.name), " — ", spec);
    const copies = doc.copies > 0
      ? el("div", { class: "doc__copies" },
        el("label", { for: `doc-${i}-copies` }, "Số bản sao đã nhận"),
        el("input", {
          id: `doc-${i}-copies`, type: "number", min: 1, max: doc.copies, value: doc.copies,
          inputmode: "numeric", "data-copies": i,
        }))
      : null;
    return el("li", { class: "doc" },
      el("label", { class: "check", for: `doc-${i}` },
        el("input", { type: "checkbox", id: `doc-${i}`, "data-doc": i }),
        el("span", {}, el("span", { class: "doc__name" }, doc.name), el("span", { class: "hint" }, spec))),
      copies);
  }));
}

/** The documents ticked in the checklist, as the API records them. */
export function tickedDocuments(proc) {
  if (!proc) return [];
  return proc.documents.flatMap((doc, i) => {
    if (!document.getElementById(`doc-${i}`)?.checked) return [];
    const copies = document.getElementById(`doc-${i}-copies`);
    const n = copies ? Math.min(Math.max(Number(copies.value) || 0, 0), doc.copies) : doc.copies;
    return [{ name: doc.name, original: doc.original, copies: n }];
  });
}

/** The province of a commune code, looked up through /communes by its name. */
async function provinceOf(communeCode, communeName) {
  if (!communeName) return null;
  const page = await getJson("/communes", { q: communeName, page_size: 50 });
  return page.items.find((c) => c.code === communeCode)?.province_code ?? null;
}

/**
 * The commune picker: the 34 provinces (GET /provinces), then that province's communes
 * (GET /communes), narrowed as the clerk types in the filter, with or without diacritics.
 * Starts on the province of the clerk's postal point.
 */
export async function setupCommunePicker(postalPoint) {
  const province = document.getElementById("citizen-province");
  const commune = document.getElementById("citizen-commune");
  const filter = document.getElementById("commune-filter");
  let communes = [];
  let home = null;

  function fill() {
    const wanted = fold(filter.value);
    const shown = communes.filter((c) => !wanted || fold(c.name).includes(wanted));
    const current = commune.value;
    replace(commune,
      el("option", { value: "" }, shown.length ? `Chọn xã, phường (${shown.length})` : "Không có xã, phường khớp"),
      ...shown.map((c) => el("option", { value: c.code, selected: String(c.code) === current }, c.name)));
    if (shown.length === 1) commune.value = String(shown[0].code);
  }

  async function load() {
    communes = [];
    filter.value = "";
    if (!province.value) { fill(); return; }
    const code = province.value;
    let page = 1;
    for (;;) {
      const batch = await getJson("/communes", { province: code, page, page_size: 200 });
      communes.push(...batch.items);
      if (communes.length >= batch.total || !batch.items.length) break;
      page += 1;
    }
    if (province.value === code) fill();
  }

  province.addEventListener("change", () => load().catch((err) => flash(problemText(err), "error")));
  filter.addEventListener("input", fill);
  filter.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); commune.focus(); }
  });

  const [provinces, point] = await Promise.all([
    getJson("/provinces"),
    postalPoint ? getJson(`/postal-points/${encodeURIComponent(postalPoint.code)}`) : null,
  ]);
  replace(province, el("option", { value: "" }, "Chọn tỉnh, thành phố"),
    ...provinces.items.map((p) => el("option", { value: p.code }, p.name)));
  home = point ? await provinceOf(point.commune_code, point.commune_name) : null;

  async function reset() {
    province.value = home ? String(home) : "";
    await load();
  }
  await reset();
  return { reset };
}

/** The JSON of POST /intakes or /pickups from the form's values. */
export function dossierBody(values, { documents, note }) {
  const body = { ...values, citizen: { ...values.citizen } };
  if (body.citizen.commune_code) body.citizen.commune_code = Number(body.citizen.commune_code);
  if (body.citizen.id_number) body.citizen.id_number = body.citizen.id_number.replace(/\s+/g, "");
  if (!body.citizen.id_number) delete body.citizen.id_type;
  if (documents) body.documents = documents;
  if (note) body.note = note; else delete body.note;
  if (body.dossier_code) body.dossier_code = body.dossier_code.toUpperCase();
  return body;
}
