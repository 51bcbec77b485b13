// What this phone did today and what became of it: waiting, recorded, already there,
// or refused with the reason (kept until the courier deals with it).
import { el, formatTime, replace } from "../ui.js";
import { dismiss, retry } from "./queue.js";

const STATUS = {
  pending: ["Chờ gửi", "badge"],
  recorded: ["Đã ghi nhận", "badge badge--done"],
  duplicate: ["Máy chủ đã có (không ghi trùng)", "badge badge--done"],
  rejected: ["Bị từ chối", "badge badge--late"],
};
const ORDER = { rejected: 0, pending: 1, recorded: 2, duplicate: 2 };

function entry(action) {
  const [text, badge] = STATUS[action.status];
  const handover = action.result?.handover_code;
  return el("li", { class: `queue-item queue-item--${action.status}`, "data-action": action.id },
    el("p", { class: "queue-item__what" }, action.summary),
    el("p", { class: "queue-item__meta" },
      `Làm lúc ${formatTime(action.occurred_at)}`,
      action.sent_at && action.status !== "pending" ? ` · gửi lúc ${formatTime(action.sent_at)}` : "",
      " ", el("span", { class: badge }, text)),
    handover && el("p", { class: "hint" }, `Biên bản ${handover}: chờ cán bộ cơ quan xác nhận.`),
    action.detail && el("p", { class: action.status === "rejected" ? "queue-item__reason" : "hint" },
      action.status === "rejected" ? `Lý do: ${action.detail}` : action.detail),
    action.status === "rejected" && el("div", { class: "actions" },
      el("button", { type: "button", class: "button", onclick: () => retry(action.id) }, "Gửi lại"),
      el("button", { type: "button", class: "button button--quiet",
        onclick: () => dismiss(action.id) }, "Đã xử lý, bỏ khỏi danh sách")));
}

/** Draw the queue view. */
export function renderQueue(actions) {
  const sorted = [...actions].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.seq - a.seq);
  replace(document.getElementById("queue-list"), ...sorted.map(entry));
  document.getElementById("queue-empty").hidden = actions.length > 0;
}
