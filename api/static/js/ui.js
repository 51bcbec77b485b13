// Building the page: DOM from data (textContent only), labels, dates, messages, errors.
import { translate } from "./messages.js";

const TZ = "Asia/Ho_Chi_Minh";
const DATE_TIME = new Intl.DateTimeFormat("vi-VN", {
  timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric",
  hour: "2-digit", minute: "2-digit",
});
const DATE = new Intl.DateTimeFormat("vi-VN", {
  timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric",
});
const TIME = new Intl.DateTimeFormat("vi-VN", { timeZone: TZ, hour: "2-digit", minute: "2-digit" });
const MONEY = new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND" });

let pageData = null;

/** The labels and role homes the server put in <script id="page-data">. */
export function page() {
  if (pageData === null) {
    const node = document.getElementById("page-data");
    pageData = node ? JSON.parse(node.textContent) : { homes: {}, labels: {} };
  }
  return pageData;
}

/** A Vietnamese label: kind is "states", "events", "legs", "failures" or "roles". */
export function label(kind, value) {
  return page().labels[kind]?.[value] ?? value;
}

/** An item's state as people read it: the API's state_label, else our copy of it. */
export function stateLabel(item) {
  return item.state_label ?? label("states", item.state ?? item.item_state);
}

/** "23/11/2026 09:00" in Vietnam's time, from an ISO 8601 string or a Date. */
export function formatDateTime(value) {
  return value ? DATE_TIME.format(new Date(value)) : "";
}

/** "23/11/2026" in Vietnam's time. */
export function formatDate(value) {
  // A bare "YYYY-MM-DD" is a calendar day: read it at noon so no zone moves it.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return DATE.format(new Date(`${value}T12:00:00+07:00`));
  }
  return value ? DATE.format(new Date(value)) : "";
}

/** "09:00" in Vietnam's time. */
export function formatTime(value) {
  return value ? TIME.format(new Date(value)) : "";
}

/** "135.000 ₫". */
export function formatMoney(vnd) {
  return MONEY.format(vnd);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Build an element: el("td", {class: "num", dataset: {code}}, "text", childNode).
 * Strings become text nodes, never HTML; "on<event>" props add listeners.
 * An "svg:" prefix builds SVG: el("svg:rect", {x: 0, width: 40, height: 12}).
 */
export function el(tag, props = {}, ...children) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG_NS, tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, ...children);
  return node;
}

/** Append strings (as text) and nodes; null and false are skipped. */
export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replace a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, ...children);
}

/** Show a message in the page's flash region (kind: "info", "success" or "error"). */
export function flash(message, kind = "info") {
  const region = document.getElementById("flash");
  if (!region) return;
  replace(region, el("p", { class: `flash__message flash__message--${kind}` }, message));
}

/** Clear the flash region. */
export function clearFlash() {
  document.getElementById("flash")?.replaceChildren();
}

const NEXT_FLASH = "bcci.flash";

/** Show a message on the next page this tab opens (after a redirect). */
export function flashNext(message, kind = "info") {
  sessionStorage.setItem(NEXT_FLASH, JSON.stringify({ message, kind }));
}

/** Show the message a previous page left, if any. */
export function showPendingFlash() {
  const stored = sessionStorage.getItem(NEXT_FLASH);
  if (!stored) return;
  sessionStorage.removeItem(NEXT_FLASH);
  const { message, kind } = JSON.parse(stored);
  flash(message, kind);
}

const BY_STATUS = {
  0: "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.",
  400: "Yêu cầu không hợp lệ.",
  401: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
  403: "Bạn không có quyền thực hiện thao tác này.",
  404: "Không tìm thấy, hoặc bạn không phụ trách mục này.",
  409: "Thao tác xung đột với dữ liệu hiện có. Tải lại trang rồi thử lại.",
  413: "Tệp gửi lên quá lớn.",
  415: "Định dạng tệp không được hỗ trợ.",
  422: "Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.",
  429: "Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.",
};
const BY_TYPE = {
  "/problems/invalid-transition": "Bưu gửi đang ở trạng thái không cho phép thao tác này.",
  "/problems/idempotency-key-reused": "Thao tác này đã được gửi với nội dung khác. Vui lòng thử lại.",
};

/** One Vietnamese sentence for an error (an ApiError or anything thrown). */
export function problemText(err) {
  if (err?.status === undefined) return "Đã có lỗi xảy ra. Vui lòng thử lại.";
  const specific = translate(err.detail);
  if (specific && !err.errors) return specific;
  return BY_TYPE[err.type] ?? BY_STATUS[err.status]
    ?? (err.status >= 500 ? "Máy chủ đang gặp sự cố. Vui lòng thử lại sau." : "Đã có lỗi xảy ra.");
}

/** A field's messages from the API, in Vietnamese where we know them. */
export function fieldText(messages) {
  return [].concat(messages).map((m) => translate(m) ?? m).join(" ");
}

function errorSummary(form) {
  return form.querySelector(".form-errors") ?? document.getElementById("flash");
}

/** Remove the error marks a previous showErrors left on a form. */
export function clearErrors(form) {
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const ids = (input.getAttribute("aria-describedby") ?? "").split(" ")
      .filter((id) => !id.endsWith("-error")).join(" ");
    if (ids) input.setAttribute("aria-describedby", ids); else input.removeAttribute("aria-describedby");
  }
  errorSummary(form)?.replaceChildren();
}

/**
 * Show an error on a form: each field error (the API's dotted name, e.g. "citizen.phone")
 * next to the input of that name, and a summary in the form's .form-errors region.
 */
export function showErrors(form, err) {
  clearErrors(form);
  const unplaced = [];
  let first = null;
  for (const [name, messages] of Object.entries(err?.errors ?? {})) {
    const input = form.elements.namedItem(name);
    const text = fieldText(messages);
    const target = input instanceof RadioNodeList ? input[0] : input;
    if (!target) { unplaced.push(text); continue; }
    const id = `${target.id || name.replaceAll(".", "-")}-error`;
    const note = el("p", { class: "field-error", id }, text);
    (target.closest(".field") ?? target.parentElement).append(note);
    target.setAttribute("aria-invalid", "true");
    const described = target.getAttribute("aria-describedby");
    target.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
    first ??= target;
  }
  const summary = errorSummary(form);
  if (summary) {
    replace(summary, el("p", { class: "flash__message flash__message--error" }, problemText(err)),
      ...unplaced.map((text) => el("p", { class: "flash__message flash__message--error" }, text)));
  }
  first?.focus();
}
