// Small Vietnamese formats of the courier's screens.
import { formatDate, formatTime } from "../ui.js";

const WEEKDAY = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", weekday: "long" });
const KM = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** "Thứ Hai, 23/11/2026". */
export function dayText(isoDay) {
  const noon = new Date(`${isoDay}T12:00:00+07:00`);
  const weekday = WEEKDAY.format(noon);
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${formatDate(isoDay)}`;
}

/** "12,3 km" or "850 m". */
export function distanceText(metres) {
  return metres >= 1000 ? `${KM.format(metres / 1000)} km` : `${Math.round(metres / 10) * 10} m`;
}

/** "1 giờ 5 phút", "25 phút". */
export function durationText(seconds) {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (!hours) return `${minutes} phút`;
  return minutes % 60 ? `${hours} giờ ${minutes % 60} phút` : `${hours} giờ`;
}

/** "09:40", or "09:40 (chờ mở cửa 25 phút)" when the office is closed on arrival. */
export function etaText(visit) {
  const eta = `Dự kiến đến ${formatTime(visit.eta)}`;
  return visit.wait_s > 0 ? `${eta}, chờ mở cửa khoảng ${durationText(visit.wait_s)}` : eta;
}

/** Time of day if today, else date and time ("đồng bộ lúc …"). */
export function whenText(iso, todayIso) {
  if (!iso) return "";
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(iso));
  return day === todayIso ? formatTime(iso) : `${formatTime(iso)} ${formatDate(iso)}`;
}
