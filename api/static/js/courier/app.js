// The courier's app: one page, views by the URL's hash (#/ list, #/map, #/stop/N,
// #/scan, #/queue), the route from the API or the phone's copy, every action queued.
import { logOut, requireSession } from "../session.js";
import { clearFlash, flash } from "../ui.js";
import { data, forgetUser, loadCached, refresh } from "./data.js";
import "./messages.js";
import { setUpForms } from "./proof.js";
import * as queue from "./queue.js";
import { nextVisit, visitDone, visitsOf } from "./route.js";
import { bindCodeEntry } from "./scanner.js";
import { renderBar } from "./status-bar.js";
import { onSyncChange, startAutoSync, syncNow, syncStatus } from "./sync.js";
import { renderList } from "./view-list.js";
import { renderMap, setUpMapToggle } from "./view-map.js";
import { renderQueue } from "./view-queue.js";
import { setUpScan } from "./view-scan.js";
import { markCode, renderStop, setUpStop } from "./view-stop.js";

const VIEWS = ["route", "map", "stop", "scan", "queue"];
let shown = null;

function where() {
  const [name, arg] = location.hash.replace(/^#\/?/, "").split("/");
  return { name: VIEWS.includes(name) ? name : "route", arg };
}

function state() {
  const visits = visitsOf(data.route);
  const context = { actions: queue.actions(), handovers: data.handovers, items: data.items };
  return { data, visits, context, next: nextVisit(visits, context), online: navigator.onLine };
}

function render() {
  const now = state();
  renderBar({
    pending: queue.pendingActions().length, rejected: queue.rejectedActions().length,
    sync: syncStatus(), day: data.day,
  });
  const { name, arg } = where();
  const moved = shown !== location.hash;
  shown = location.hash;
  for (const view of VIEWS) document.getElementById(`view-${view}`).hidden = view !== name;
  for (const link of document.querySelectorAll(".site-nav a")) {
    const target = new URL(link.href).hash.replace(/^#\/?/, "").split("/")[0] || "route";
    if (target === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (name === "route") renderList(now);
  if (name === "map") renderMap(now);
  if (name === "queue") renderQueue(queue.actions());
  if (name === "stop") {
    renderStop(now.visits[Number(arg) - 1], now.context, now.visits.length, moved);
  }
  if (moved) {
    window.scrollTo(0, 0);
    document.querySelector(`#view-${name} h2`)?.focus({ preventScroll: true });
  }
}

/** After an action at a visit: back to the list once the visit is done. */
function acted(visit, message) {
  const now = state();
  const fresh = now.visits[visit.index - 1];
  const done = fresh && visitDone(fresh, now.context);
  const next = now.next;
  flash(done && next ? `${message} Điểm tiếp theo: ${next.place}.` : message, "success");
  if (done) location.hash = "#/";
  else renderStop(fresh, now.context, now.visits.length, true);
}

function openVisit(visit, code) {
  location.hash = `#/stop/${visit.index}`;
  render();
  if (code) markCode(code);
}

function guardLogOut(user) {
  const dialog = document.getElementById("logout-dialog");
  const leave = async () => {
    await forgetUser(user);
    await logOut();
  };
  document.addEventListener("click", (event) => {
    if (!event.target.closest?.("#log-out")) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const waiting = queue.pendingActions().length;
    const refused = queue.rejectedActions().length;
    if (!waiting && !refused) {
      leave();
      return;
    }
    document.getElementById("logout-text").textContent =
      `Còn ${waiting} thao tác chưa gửi lên máy chủ${refused ? ` và ${refused} thao tác bị từ chối chưa xử lý` : ""}. `
      + "Nếu đăng xuất, chúng vẫn được giữ trên máy này và chỉ được gửi khi bạn đăng nhập lại.";
    dialog.showModal();
  }, true);
  document.getElementById("logout-sync").addEventListener("click", async () => {
    await syncNow();
    if (!queue.pendingActions().length && !queue.rejectedActions().length) leave();
    else {
      document.getElementById("logout-text").textContent =
        `Vẫn còn ${queue.pendingActions().length} thao tác chưa gửi được`
        + `${queue.rejectedActions().length ? ` và ${queue.rejectedActions().length} bị từ chối` : ""}.`;
    }
  });
  document.getElementById("logout-anyway").addEventListener("click", leave);
  document.getElementById("logout-cancel").addEventListener("click", () => dialog.close());
}

function registerWorker() {
  const { worker, scope } = document.getElementById("courier-app").dataset;
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(worker, { scope }).catch(() => {
    // Not fatal: the app works with a network, only the offline start is lost.
  });
}

async function start(user) {
  registerWorker();
  await queue.openQueue(user);
  await loadCached(user);
  guardLogOut(user);
  setUpForms(acted);
  setUpStop(acted);
  setUpMapToggle(render);
  setUpScan(user, { visits: () => state().visits, open: openVisit });
  bindCodeEntry(document.getElementById("stop-scan"), (code) => {
    if (!markCode(code)) {
      flash(`Bưu gửi ${code} không thuộc điểm dừng này.`, "error");
    } else clearFlash();
  });
  document.getElementById("sync-now").addEventListener("click", () => syncNow());
  document.getElementById("start-route").addEventListener("click", async () => {
    await queue.enqueue({ kind: "start", summary: "Bắt đầu tuyến", request: { date: data.day } });
    flash("Đã bắt đầu tuyến.", "success");
  });
  queue.onQueueChange(render);
  onSyncChange(render);
  window.addEventListener("hashchange", render);
  window.addEventListener("online", render);
  window.addEventListener("offline", render);
  render();
  await startAutoSync(user, async () => {
    await refresh();
    render();
  });
  await syncNow();
  render();
}

const session = requireSession();
if (session) start(session.user);
