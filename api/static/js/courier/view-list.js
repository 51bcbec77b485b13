// The route as a list: the next visit first and large, then every visit in order.
import { el, formatTime, replace } from "../ui.js";
import { dayText, distanceText, etaText, whenText } from "./format.js";
import { stopState, tasksOf, visitDone } from "./route.js";

/** Buttons to navigate to and call at a visit. */
export function placeLinks(visit) {
  return [
    el("a", { class: "button button--primary", href: visit.navigation_url },
      "Chỉ đường", el("span", { class: "visually-hidden" }, ` đến ${visit.place}`)),
    visit.recipient_phone && el("a", { class: "button", href: `tel:${visit.recipient_phone}` },
      `Gọi ${visit.recipient_phone}`),
  ];
}

function checksOf(visit) {
  return [...new Set(visit.stops.flatMap((s) => s.checks ?? []))];
}

function nextCard(visit, total) {
  return el("article", { class: "next-stop", "aria-labelledby": "next-stop-title" },
    el("p", { class: "next-stop__tag" }, `Điểm tiếp theo · ${visit.index}/${total}`),
    el("h2", { id: "next-stop-title", class: "next-stop__place" }, visit.place),
    visit.recipient_name && el("p", {}, `Công dân: ${visit.recipient_name}`),
    el("p", { class: "next-stop__eta" }, etaText(visit)),
    el("p", { class: "next-stop__tasks" }, tasksOf(visit)),
    el("ul", { class: "checks", "aria-label": "Cần kiểm tra" },
      ...checksOf(visit).map((c) => el("li", {}, c))),
    el("div", { class: "actions" }, ...placeLinks(visit),
      el("a", { class: "button", href: `#/stop/${visit.index}` }, "Làm việc tại điểm này")),
  );
}

function row(visit, context, next) {
  const codes = new Set(visit.stops.map((s) => stopState(s, context).code));
  const done = visitDone(visit, context);
  let badge = null;
  if (done && codes.has("queued")) badge = el("span", { class: "badge" }, "Chờ gửi");
  else if (done && codes.has("waiting")) badge = el("span", { class: "badge" }, "Chờ cơ quan xác nhận");
  else if (done) badge = el("span", { class: "badge badge--done" }, "Xong");
  else if (codes.has("blocked")) badge = el("span", { class: "badge badge--late" }, "Chưa nhận túi");
  return el("li", { class: `stop-row${done ? " stop-row--done" : ""}${visit === next ? " stop-row--next" : ""}` },
    el("a", { href: `#/stop/${visit.index}`, class: "stop-row__link" },
      el("span", { class: "stop-row__num", "aria-hidden": "true" }, String(visit.index)),
      el("span", { class: "stop-row__body" },
        el("span", { class: "stop-row__place" },
          el("span", { class: "visually-hidden" }, `Điểm ${visit.index}: `), visit.place),
        el("span", { class: "stop-row__meta" }, `${formatTime(visit.eta)} · ${tasksOf(visit)}`)),
      badge));
}

/** Draw the list view. */
export function renderList({ data, visits, context, next, online }) {
  const notice = document.getElementById("route-notice");
  const messages = [];
  if (data.missing) {
    messages.push("Chưa có tuyến được công bố cho hôm nay. Liên hệ giao dịch viên bưu cục.");
  } else if (!data.route) {
    messages.push(online ? "Đang tải tuyến…"
      : "Không có mạng và máy chưa lưu tuyến hôm nay. Hãy mở ứng dụng khi có mạng để tải tuyến.");
  } else if (data.source === "cache") {
    messages.push(`Tuyến đã lưu trên máy lúc ${whenText(data.fetchedAt, data.day)}.`);
  }
  replace(notice, ...messages);
  notice.hidden = !messages.length;

  const summary = document.getElementById("route-summary");
  const route = data.route;
  replace(summary, route && el("p", {},
    `${dayText(data.day)} · ${visits.length} điểm dừng · ${distanceText(route.distance_m)} · `
    + `xuất phát ${formatTime(route.departure)}, về bưu cục ${formatTime(route.arrival)}`));
  document.getElementById("start-route").hidden = !route || Boolean(route.started_at)
    || context.actions.some((a) => a.kind === "start" && a.status !== "rejected");
  const started = route?.started_at
    ?? context.actions.find((a) => a.kind === "start" && a.status !== "rejected")?.occurred_at;
  const startedNote = document.getElementById("route-started");
  startedNote.hidden = !started;
  startedNote.textContent = started ? `Đã bắt đầu tuyến lúc ${formatTime(started)}.` : "";

  const nextBox = document.getElementById("next-stop");
  if (next) replace(nextBox, nextCard(next, visits.length));
  else replace(nextBox, route?.stops.length
    ? el("p", { class: "notice notice--done" }, "Đã xong mọi điểm dừng. Về bưu cục bàn giao túi.")
    : null);
  document.getElementById("stops-title").hidden = !visits.length;
  replace(document.getElementById("stops"), ...visits.map((v) => row(v, context, next)));
}
