// The supervisor's overview: a day's plans per postal point, and the backlog by state.
import { getJson } from "../api.js";
import { requireSession } from "../session.js";
import { el, flash, formatDateTime, formatTime, label, problemText, replace } from "../ui.js";
import { formReady } from "../items/ready.js";

const PLAN_STATUS = {
  queued: ["Đang chờ tính", ""],
  running: ["Đang tính", ""],
  succeeded: ["Đã lập, chờ công bố", ""],
  failed: ["Lập không được", "badge--late"],
  cancelled: ["Đã hủy", ""],
  published: ["Đã công bố", "badge--done"],
  superseded: ["Đã được thay thế", ""],
};
const DROP_REASONS = {
  capacity: "vượt sức chở",
  unreachable: "không đến kịp giờ mở cửa",
  crowded_out: "không đủ thời gian trong ca",
};
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());

function km(metres) {
  return metres === null || metres === undefined ? ""
    : `${(metres / 1000).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} km`;
}

function dropped(plan) {
  const list = plan.dropped ?? [];
  if (!list.length) return plan.status === "succeeded" || plan.status === "published" ? "Không" : "";
  const by = {};
  for (const d of list) by[d.reason] = (by[d.reason] ?? 0) + 1;
  return el("span", { class: "badge badge--late" }, `${list.length} bưu gửi`, " ",
    `(${Object.entries(by).map(([r, n]) => `${n} ${DROP_REASONS[r] ?? r}`).join(", ")})`);
}

// The routes of one plan, fetched when the supervisor opens them.
async function routesRow(plan, row, button) {
  const open = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", String(!open));
  const next = row.nextElementSibling;
  if (next?.classList.contains("plan-routes")) {
    next.hidden = open;
    return;
  }
  const full = await getJson(`/plans/${plan.id}`);
  const routes = full.routes ?? [];
  const cell = el("td", { colspan: 7, id: `plan-${plan.id}-routes` },
    routes.length ? el("ul", { class: "list" }, ...routes.map((r) => el("li", {},
      el("strong", {}, `${r.courier_name} (${r.courier_code})`), ": ",
      `${r.stops.length} điểm dừng, ${formatTime(r.departure)}–${formatTime(r.arrival)}, ${km(r.distance_m)}`,
      r.started_at ? ` · bắt đầu lúc ${formatTime(r.started_at)}` : "")))
      : el("p", {}, full.error ? `Không có tuyến: ${full.error}` : "Không có tuyến."));
  row.after(el("tr", { class: "plan-routes" }, cell));
}

function planRow(pointName, plan, others) {
  const [text, kind] = PLAN_STATUS[plan.status] ?? [plan.status, ""];
  const button = el("button", {
    type: "button", class: "button button--quiet", "aria-expanded": "false",
    "aria-controls": `plan-${plan.id}-routes`,
  }, "Xem tuyến");
  const row = el("tr", { dataset: { point: plan.postal_point_code } },
    el("th", { scope: "row" }, pointName),
    el("td", {}, el("span", { class: `badge ${kind}` }, text),
      others ? el("span", { class: "hint" }, ` (+${others} lần lập khác)`) : null),
    el("td", { class: "num" }, plan.stats?.vehicles_used !== undefined ? String(plan.stats.vehicles_used) : ""),
    el("td", { class: "num" }, km(plan.distance_m)),
    el("td", {}, dropped(plan)),
    el("td", {}, formatDateTime(plan.published_at ?? plan.finished_at ?? plan.requested_at)),
    el("td", {}, button));
  button.addEventListener("click", () => routesRow(plan, row, button)
    .catch((err) => flash(problemText(err), "error")));
  return row;
}

async function showPlans(day, points) {
  const plans = await getJson("/plans", { service_date: day });
  const latest = new Map();
  const count = new Map();
  for (const p of plans) {  // newest first: the first of a postal point is its latest
    if (!latest.has(p.postal_point_code)) latest.set(p.postal_point_code, p);
    count.set(p.postal_point_code, (count.get(p.postal_point_code) ?? 0) + 1);
  }
  const name = (code) => {
    const point = points.find((p) => p.code === code);
    return point ? `${point.name} (${code})` : code;
  };
  const planned = [...latest.values()].map((p) =>
    planRow(name(p.postal_point_code), p, count.get(p.postal_point_code) - 1));
  const without = points.filter((p) => !latest.has(p.code)).map((p) => el("tr", {},
    el("th", { scope: "row" }, name(p.code)),
    el("td", { colspan: 6 }, el("span", { class: "hint" }, "Chưa lập kế hoạch"))));
  const published = [...latest.values()].filter((p) => p.status === "published").length;
  document.getElementById("plans-summary").textContent =
    `${latest.size} / ${points.length} bưu cục đã lập kế hoạch, ${published} đã công bố.`;
  replace(document.getElementById("plans"), ...planned, ...without);
}

async function showBacklog() {
  const rows = await getJson("/reports/backlog");
  const total = rows.reduce((sum, r) => [sum[0] + r.open, sum[1] + r.overdue], [0, 0]);
  replace(document.getElementById("backlog"),
    ...rows.map((r) => el("tr", { class: r.overdue ? "row--late" : null },
      el("th", { scope: "row" }, label("states", r.state)),
      el("td", { class: "num" }, String(r.open)),
      el("td", { class: "num" }, String(r.overdue)))),
    el("tr", { class: "total" }, el("th", { scope: "row" }, "Tổng"),
      el("td", { class: "num" }, String(total[0])), el("td", { class: "num" }, String(total[1]))));
}

if (requireSession()) {
  const form = document.getElementById("plans-form");
  const input = form.elements.namedItem("service_date");
  input.value = today();
  try {
    const { items: points } = await getJson("/postal-points", { page_size: 200 });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      showPlans(input.value || today(), points).catch((err) => flash(problemText(err), "error"));
    });
    formReady(form);
    await Promise.all([showPlans(input.value, points), showBacklog()]);
  } catch (err) {
    flash(problemText(err), "error");
  }
}
