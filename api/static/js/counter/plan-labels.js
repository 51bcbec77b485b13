// Words for route plans, shared by the counter's home and plan pages.

export const PLAN_STATUS = {
  queued: "Đang chờ tính toán",
  running: "Đang tính toán",
  succeeded: "Đã tính xong, chưa công bố",
  failed: "Không lập được",
  cancelled: "Đã hủy",
  published: "Đã công bố cho bưu tá",
  superseded: "Đã được thay bằng kế hoạch mới hơn",
};

export const DROP_REASONS = {
  capacity: "Vượt quá sức chở của bưu tá",
  unreachable: "Không bưu tá nào đến kịp trong giờ mở cửa, ca làm việc",
  crowded_out: "Không xếp kèm được với các bưu gửi gấp hơn (hết chỗ hoặc hết giờ)",
};

const DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit",
});

/** Today in Vietnam as YYYY-MM-DD (what <input type=date> and the API use). */
export function todayLocal(now = new Date()) {
  return DAY.format(now);
}
