// How the desk and the item page show an item's due time, who acted, and a proof.
import { el, label } from "../ui.js";

const CLOSED = new Set(["delivered", "returned", "cancelled"]);
const ID_TYPES = { cccd: "CCCD", passport: "Hộ chiếu" };

/** What the citizen asked the post to carry. */
export const SERVICE_LABELS = {
  send: "Gửi hồ sơ đến cơ quan",
  receive: "Nhận kết quả tại nhà",
  both: "Gửi hồ sơ và nhận kết quả tại nhà",
};

/** True when an open item is past its due time (at the browser's now). */
export function isOverdue(item, now = Date.now()) {
  return Boolean(item.due_at) && !CLOSED.has(item.state) && new Date(item.due_at) < now;
}

/** A badge: "Quá hạn" for an open overdue item, "Đúng hạn"/"Trễ hạn" once finished. */
export function dueBadge(item) {
  if (isOverdue(item)) return el("span", { class: "badge badge--late" }, "Quá hạn");
  if (item.on_time === true) return el("span", { class: "badge badge--done" }, "Đúng hạn");
  if (item.on_time === false) return el("span", { class: "badge badge--late" }, "Trễ hạn");
  return null;
}

/** Who recorded an event: their role, and the courier it concerns. */
export function eventActor(event) {
  const role = event.actor_role ? label("roles", event.actor_role) : "Hệ thống";
  if (!event.courier_code) return role;
  return event.actor_role === "courier"
    ? `${role} ${event.courier_code}` : `${role} · bưu tá ${event.courier_code}`;
}

/** One line for an event's proof: recipient and ID check, proxy letter, or failure reason. */
export function proofSummary(event) {
  const p = event.proof;
  if (!p) return "";
  if (p.reason) return `Lý do: ${label("failures", p.reason)}`;
  const parts = [];
  if (p.recipient_name) parts.push(`Người nhận: ${p.recipient_name}`);
  if (p.id_type) parts.push(`${ID_TYPES[p.id_type] ?? p.id_type} ••••${p.id_last4 ?? ""}`);
  if (p.id_matches_intake === true) parts.push("khớp hồ sơ");
  if (p.is_proxy) parts.push(`nhận thay, giấy ủy quyền ${p.authorisation_ref ?? ""}`.trim());
  if (p.attachment_ids?.length) parts.push(`${p.attachment_ids.length} ảnh/chữ ký`);
  if (p.remarks) parts.push(p.remarks);
  return parts.join("; ");
}
