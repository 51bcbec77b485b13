// The postal point's day: request a plan (POST /plans, 202), poll it, show its routes and
// the items left out with why, publish it to the couriers or cancel it.
import "./messages.js";
import { getJson, newIdempotencyKey, postJson } from "../api.js";
import { bindForm } from "../forms.js";
import { requireSession } from "../session.js";
import { el, flash, formatDate, formatTime, label, problemText, replace } from "../ui.js";
import { DROP_REASONS, PLAN_STATUS, todayLocal } from "./plan-labels.js";

const POLL_MS = 1500;
const WORKING = new Set(["queued", "running"]);
const TASKS = {
  "pickup address": "Thu gom hồ sơ tại nhà",
  "delivery agency": "Giao hồ sơ cho cơ quan",
  "pickup agency": "Nhận kết quả tại cơ quan",
  "delivery address": "Phát kết quả tại nhà",
};

const session = requireSession();
const form = document.getElementById("plan-form");
const dateInput = document.getElementById("service-date");
const view = document.getElementById("plan-view");
const keys = new Map(); // "publish 3" -> the Idempotency-Key of that action (for retries)
let shown = null;
let timer = null;

function km(metres) {
  return `${(metres / 1000).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} km`;
}

function planLine(plan) {
  const when = plan.published_at ? `công bố ${formatTime(plan.published_at)}` : `lập ${formatTime(plan.requested_at)}`;
  return `Kế hoạch số ${plan.id} · ${PLAN_STATUS[plan.status] ?? plan.status} · ${when}`;
}

async function listPlans() {
  const list = document.getElementById("plan-list");
  const plans = await getJson("/plans", { service_date: dateInput.value });
  replace(list, ...plans.map((plan) => el("li", {},
    el("button", {
      type: "button", class: "button button--quiet", "aria-current": plan.id === shown ? "true" : null,
      onclick: () => showPlan(plan.id, { focus: true }),
    }, planLine(plan)))));
  if (!plans.length) list.append(el("li", { class: "muted" }, "Chưa có kế hoạch nào cho ngày này."));
  return plans;
}

function itemLink(code) {
  return el("a", { class: "code", href: `/item/${encodeURIComponent(code)}` }, code);
}

function stopsTable(route) {
  return el("div", { class: "table-wrap" }, el("table", {},
    el("caption", { class: "visually-hidden" }, `Các điểm dừng của ${route.courier_name}`),
    el("thead", {}, el("tr", {},
      ...["STT", "Giờ đến", "Việc", "Địa điểm", "Bưu gửi"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...route.stops.map((s) => el("tr", {},
      el("td", { class: "num" }, String(s.seq)),
      el("td", {}, formatTime(s.eta), s.wait_s >= 60 ? el("span", { class: "muted" }, ` (chờ ${Math.round(s.wait_s / 60)} phút)`) : null),
      el("td", {}, TASKS[`${s.action} ${s.place_kind}`] ?? s.action),
      el("td", {}, s.agency_name ?? [s.recipient_name, s.address].filter(Boolean).join(", ")),
      el("td", {}, itemLink(s.item_code), el("span", { class: "muted" }, ` · ${label("legs", s.leg_kind)}`)))))));
}

function render(plan) {
  document.getElementById("plan-heading").textContent = `Kế hoạch số ${plan.id}, ngày ${formatDate(plan.service_date)}`;
  const working = WORKING.has(plan.status);
  document.getElementById("plan-status").textContent = working
    ? `${PLAN_STATUS[plan.status]}… Trang tự cập nhật khi xong.`
    : PLAN_STATUS[plan.status] ?? plan.status;
  const routes = plan.routes ?? [];
  const dropped = plan.dropped ?? [];
  const facts = [["Yêu cầu lúc", formatTime(plan.requested_at)]];
  if (plan.status === "succeeded" || plan.status === "published" || plan.status === "superseded") {
    facts.push(["Số tuyến", String(routes.length)],
      ["Số điểm dừng", String(routes.reduce((n, r) => n + r.stops.length, 0))],
      ["Tổng quãng đường", km(plan.distance_m ?? 0)],
      ["Bưu gửi chưa xếp được", String(dropped.length)]);
  }
  if (plan.published_at) facts.push(["Công bố lúc", formatTime(plan.published_at)]);
  replace(document.getElementById("plan-facts"), ...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  document.getElementById("publish-plan").hidden = plan.status !== "succeeded";
  document.getElementById("publish-hint").hidden = plan.status !== "succeeded";
  document.getElementById("cancel-plan").hidden = !(working || plan.status === "succeeded");
  const error = document.getElementById("plan-error");
  replace(error, plan.status === "failed"
    ? el("p", { class: "flash__message flash__message--error" }, problemText({ status: 422, detail: plan.error }))
    : null);
  replace(document.getElementById("routes"), ...(routes.length ? [el("h3", {}, "Tuyến của bưu tá")] : []),
    ...routes.map((r) => el("section", { class: "route", "aria-label": `Tuyến của ${r.courier_name}` },
      el("h4", {}, `${r.courier_name} (${r.courier_code})`),
      el("p", { class: "muted" }, `Xuất phát ${formatTime(r.departure)} · về ${formatTime(r.arrival)} · ${km(r.distance_m)} · ${r.stops.length} điểm dừng${r.started_at ? " · đã bắt đầu" : ""}`),
      stopsTable(r))));
  replace(document.getElementById("dropped"), ...(dropped.length ? [
    el("h3", {}, "Bưu gửi chưa xếp được vào tuyến"),
    el("p", { class: "hint" }, "Các bưu gửi này ở lại bưu cục; lập lại kế hoạch khi có thêm bưu tá hoặc cho ngày sau."),
    el("ul", { class: "outcomes" }, ...dropped.map((d) => el("li", { class: "is-refused" },
      d.item_code ? itemLink(d.item_code) : `#${d.item_id}`, ": ", DROP_REASONS[d.reason] ?? d.reason))),
  ] : []));
}

async function showPlan(id, { focus = false } = {}) {
  clearTimeout(timer);
  shown = id;
  try {
    const plan = await getJson(`/plans/${id}`);
    if (shown !== id) return;
    render(plan);
    view.hidden = false;
    if (focus) view.focus();
    if (WORKING.has(plan.status)) timer = setTimeout(() => showPlan(id), POLL_MS);
    else await listPlans();
  } catch (err) {
    flash(problemText(err), "error");
  }
}

async function act(action) {
  const id = shown;
  const name = `${action} ${id}`;
  if (!keys.has(name)) keys.set(name, newIdempotencyKey());
  const button = document.getElementById(`${action}-plan`);
  button.disabled = true;
  try {
    const plan = await postJson(`/plans/${id}/${action}`, undefined, { idempotencyKey: keys.get(name) });
    keys.delete(name);
    render(plan);
    flash(action === "publish"
      ? `Đã công bố kế hoạch số ${id}: bưu tá thấy tuyến của mình trên điện thoại.`
      : `Đã hủy kế hoạch số ${id}.`, "success");
    await listPlans();
  } catch (err) {
    if (!err.offline) keys.delete(name);
    flash(problemText(err), "error");
  } finally {
    button.disabled = false;
  }
}

if (session) {
  const today = todayLocal();
  dateInput.value = today;
  dateInput.min = today;
  bindForm(form, async (values, key) => {
    const plan = await postJson("/plans", {
      postal_point_code: session.user.postal_point?.code, service_date: values.service_date,
    }, { idempotencyKey: key });
    await listPlans();
    await showPlan(plan.id, { focus: true });
  });
  dateInput.addEventListener("change", () => {
    listPlans().then((plans) => {
      if (plans[0]) showPlan((plans.find((p) => p.status === "published") ?? plans[0]).id);
      else view.hidden = true;
    }).catch((err) => flash(problemText(err), "error"));
  });
  document.getElementById("publish-plan").addEventListener("click", () => act("publish"));
  document.getElementById("cancel-plan").addEventListener("click", () => act("cancel"));
  listPlans().then((plans) => {
    const current = plans.find((p) => p.status === "published") ?? plans[0];
    if (current) showPlan(current.id);
  }).catch((err) => flash(problemText(err), "error"));
}
