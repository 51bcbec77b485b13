// Always on screen: the network, how many actions wait, when the phone last synced.
import { replace } from "../ui.js";
import { whenText } from "./format.js";

/** Draw the bar. */
export function renderBar({ pending, rejected, sync, day }) {
  const bar = document.getElementById("sync-bar");
  const net = !navigator.onLine ? ["offline", "Mất mạng"]
    : sync.running ? ["busy", "Đang đồng bộ…"]
      : sync.failed === "offline" ? ["offline", "Không kết nối được máy chủ"]
        : sync.failed === "server" ? ["offline", "Máy chủ đang lỗi, sẽ thử lại"]
          : ["online", "Có mạng"];
  bar.dataset.state = net[0];
  document.getElementById("net-state").textContent = net[1];
  document.getElementById("pending-count").textContent = String(pending);
  document.getElementById("last-sync").textContent = sync.lastSync
    ? whenText(sync.lastSync, day) : "chưa đồng bộ";
  const warn = document.getElementById("rejected-link");
  warn.hidden = !rejected;
  replace(warn, rejected ? `${rejected} thao tác bị từ chối: xem và xử lý` : "");
  document.getElementById("sync-now").disabled = sync.running;
}
