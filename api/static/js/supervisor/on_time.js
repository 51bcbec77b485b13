// On-time rate by agency and by postal point for a period: an SVG bar chart drawn here
// (no chart library) and, next to it, a table of the same figures for screen readers.
import { ApiError, getJson } from "../api.js";
import { bindForm } from "../forms.js";
import { requireSession } from "../session.js";
import { el, formatDate, replace } from "../ui.js";
import { addMessages } from "../messages.js";
import { formReady } from "../items/ready.js";

addMessages({ "The period must end after it starts.": "Ngày kết thúc phải sau ngày bắt đầu." });

const TZ = "Asia/Ho_Chi_Minh";
const PERCENT = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const COUNT = new Intl.NumberFormat("vi-VN");
const ROW = 46; // px per bar: the name on one line, the bar and its value below
const TOP = 24; // the axis labels
const TRACK = 78; // % of the width the bars may take; the value is written after them

const localDay = (d = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(d);

/** The day after a "YYYY-MM-DD" day. */
export function nextDay(day) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** "66,7 %" */
export function percent(value) {
  return value === null || value === undefined ? "—" : `${PERCENT.format(value)} %`;
}

function rowName(r) {
  return r.key && r.name && r.name !== r.key ? `${r.name} (${r.key})` : (r.name ?? r.key);
}

/** The horizontal bar chart of rows' on_time_percent, as an <svg> built with ui.el. */
export function barChart(rows, titleId, title) {
  const height = TOP + rows.length * ROW;
  const grid = [0, 50, 100].map((p) => {
    const x = `${(p * TRACK) / 100}%`;
    return [
      el("svg:line", { x1: x, x2: x, y1: TOP - 4, y2: height, class: "chart__grid" }),
      el("svg:text", { x, y: 14, class: "chart__axis", "text-anchor": p === 0 ? "start" : "middle" },
        `${p} %`),
    ];
  });
  const bars = rows.map((r, n) => {
    const y = TOP + n * ROW;
    const width = ((r.on_time_percent ?? 0) * TRACK) / 100;
    return el("svg:g", { class: "chart__row" },
      el("svg:text", { x: 0, y: y + 16, class: "chart__name" }, rowName(r)),
      el("svg:rect", { x: 0, y: y + 22, width: `${TRACK}%`, height: 16, class: "chart__track" }),
      el("svg:rect", { x: 0, y: y + 22, width: `${width}%`, height: 16, class: "chart__bar" }),
      el("svg:text", { x: "100%", y: y + 35, "text-anchor": "end", class: "chart__value" },
        `${percent(r.on_time_percent)} (${r.on_time}/${r.finished})`));
  });
  return el("svg:svg", {
    class: "chart__svg", width: "100%", height, role: "img", "aria-labelledby": titleId,
  }, el("svg:title", { id: titleId }, title), ...grid.flat(), ...bars);
}

function tableRows(rows) {
  const sum = rows.reduce((t, r) => ({ finished: t.finished + r.finished,
    on_time: t.on_time + r.on_time, late: t.late + r.late }), { finished: 0, on_time: 0, late: 0 });
  const rate = sum.finished ? Math.round((1000 * sum.on_time) / sum.finished) / 10 : null;
  const line = (head, r, cls) => el("tr", { class: cls },
    el("th", { scope: "row" }, head),
    el("td", { class: "num" }, COUNT.format(r.finished)),
    el("td", { class: "num" }, COUNT.format(r.on_time)),
    el("td", { class: "num" }, COUNT.format(r.late)),
    el("td", { class: "num" }, percent(r.on_time_percent)));
  if (!rows.length) {
    return [el("tr", {}, el("td", { colspan: 5 }, "Không có bưu gửi nào hoàn tất trong kỳ."))];
  }
  return [...rows.map((r) => line(rowName(r), r)),
    line("Tổng", { ...sum, on_time_percent: rate }, "total")];
}

async function showGroup(groupBy, prefix, heading, { start, end, label }) {
  // Worst first: the supervisor looks for who is late; ties by volume, then by name.
  const rows = (await getJson("/reports/on-time", { start, end, group_by: groupBy }))
    .sort((a, b) => (a.on_time_percent ?? 101) - (b.on_time_percent ?? 101)
      || b.finished - a.finished || rowName(a).localeCompare(rowName(b), "vi"));
  const titleId = `${prefix}-chart-title`;
  const title = `Tỷ lệ đúng hạn ${heading}, ${label}`;
  replace(document.getElementById(`${prefix}-chart`),
    rows.length ? barChart(rows, titleId, title)
      : el("p", { class: "notice" }, "Không có bưu gửi nào hoàn tất trong kỳ."),
    el("figcaption", {}, `${title}. Số liệu chi tiết trong bảng bên cạnh.`));
  replace(document.querySelector(`#${prefix}-table tbody`), ...tableRows(rows));
}

async function show(start, end) {
  if (!start || !end) {
    throw new ApiError({ status: 422, errors: {
      ...(start ? {} : { start: ["Bắt buộc nhập."] }), ...(end ? {} : { end: ["Bắt buộc nhập."] }) } });
  }
  if (end < start) {
    throw new ApiError({ status: 422, errors: { end: ["Ngày kết thúc phải sau ngày bắt đầu."] } });
  }
  const period = {
    start: `${start}T00:00:00+07:00`,
    end: `${nextDay(end)}T00:00:00+07:00`,
    label: `từ ${formatDate(start)} đến hết ${formatDate(end)}`,
  };
  history.replaceState(null, "", `?start=${start}&end=${end}`);
  document.getElementById("period-summary").textContent = `Kỳ báo cáo ${period.label}.`;
  await Promise.all([
    showGroup("agency", "agency", "theo cơ quan", period),
    showGroup("postal_point", "point", "theo bưu cục", period),
  ]);
}

if (requireSession()) {
  const form = document.getElementById("period");
  const params = new URLSearchParams(location.search);
  const today = localDay();
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const start = params.get("start");
  const end = params.get("end");
  form.elements.namedItem("start").value = day.test(start ?? "") ? start : `${today.slice(0, 8)}01`;
  form.elements.namedItem("end").value = day.test(end ?? "") ? end : today;
  bindForm(form, (values) => show(values.start, values.end));
  formReady(form);
  form.requestSubmit();
}
