// The counter's home: how many items wait at the postal point, and today's plan.
import { getJson } from "../api.js";
import { requireSession } from "../session.js";
import { flash, formatTime, problemText } from "../ui.js";
import { PLAN_STATUS, todayLocal } from "./plan-labels.js";

const session = requireSession();

async function count(query) {
  const page = await getJson("/items", { ...query, page_size: 1 });
  return page.total;
}

async function showCounts() {
  const now = new Date().toISOString();
  const queries = {
    at_postal_point: { state: "at_postal_point" },
    overdue: { state: "at_postal_point", due_before: now },
    awaiting_pickup: { state: "awaiting_pickup" },
    delivery_failed: { state: "delivery_failed" },
  };
  const totals = await Promise.all(Object.values(queries).map(count));
  Object.keys(queries).forEach((name, i) => {
    document.querySelector(`[data-count="${name}"]`).textContent = String(totals[i]);
  });
  document.getElementById("tiles").removeAttribute("aria-busy");
}

async function showPlan() {
  const out = document.getElementById("plan-today");
  const plans = await getJson("/plans", { service_date: todayLocal() });
  const latest = plans.find((p) => p.status === "published") ?? plans[0];
  if (!latest) {
    out.textContent = "Chưa lập kế hoạch tuyến cho hôm nay.";
    return;
  }
  const when = latest.published_at ? ` lúc ${formatTime(latest.published_at)}` : "";
  out.textContent = `Kế hoạch số ${latest.id}: ${PLAN_STATUS[latest.status] ?? latest.status}${when}.`;
}

if (session) {
  Promise.all([showCounts(), showPlan()]).catch((err) => flash(problemText(err), "error"));
}
