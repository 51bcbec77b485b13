// The route on a map (vendored Leaflet; tiles only when MAP_TILE_URL is set) and as a
// schematic: the visits in order on a line, with distance and direction, no tiles at all.
import { el, formatTime, replace } from "../ui.js";
import { distanceText } from "./format.js";
import { distance, heading, tasksOf, visitDone } from "./route.js";

let map = null;
let layer = null;

function ensureMap(box) {
  if (map || !window.L) return map;
  const { tileUrl, tileAttribution } = document.body.dataset;
  map = window.L.map(box, { zoomControl: true, attributionControl: Boolean(tileUrl) });
  if (tileUrl) {
    window.L.tileLayer(tileUrl, { attribution: tileAttribution ?? "", maxZoom: 19 }).addTo(map);
  }
  layer = window.L.layerGroup().addTo(map);
  return map;
}

function drawMap(visits, context, next) {
  const box = document.getElementById("map");
  if (!ensureMap(box)) {
    replace(box, el("p", { class: "notice" }, "Không tải được bản đồ: xem sơ đồ bên dưới."));
    return;
  }
  map.invalidateSize();
  layer.clearLayers();
  const points = visits.map((v) => [v.lat, v.lon]);
  if (!points.length) return;
  window.L.polyline(points, { className: "route-line", weight: 4 }).addTo(layer);
  for (const visit of visits) {
    const state = visit === next ? "next" : visitDone(visit, context) ? "done" : "todo";
    const icon = window.L.divIcon({
      className: `map-pin map-pin--${state}`,
      html: el("span", {}, String(visit.index)),
      iconSize: [32, 32],
    });
    window.L.marker([visit.lat, visit.lon], {
      icon, keyboard: true, title: `Điểm ${visit.index}: ${visit.place}`,
      alt: `Điểm ${visit.index}: ${visit.place}`,
    }).on("click", () => { location.hash = `#/stop/${visit.index}`; }).addTo(layer);
  }
  map.fitBounds(points, { padding: [32, 32], maxZoom: 16 });
}

function leg(from, to) {
  return el("p", { class: "schematic__leg" },
    `↓ ${distanceText(distance(from, to))} đường chim bay, hướng ${heading(from, to)}`);
}

function drawSchematic(visits, context, next) {
  const items = visits.map((visit, i) => {
    const done = visitDone(visit, context);
    const state = visit === next ? "next" : done ? "done" : "todo";
    return el("li", { class: `schematic__stop schematic__stop--${state}` },
      el("span", { class: "schematic__dot", "aria-hidden": "true" }, done ? "✓" : String(visit.index)),
      el("a", { href: `#/stop/${visit.index}`, class: "schematic__body" },
        el("span", { class: "schematic__time" }, formatTime(visit.eta)),
        el("span", { class: "schematic__place" },
          el("span", { class: "visually-hidden" }, `Điểm ${visit.index}: `), visit.place),
        el("span", { class: "schematic__tasks" }, tasksOf(visit)),
        state === "next" && el("strong", {}, "Điểm tiếp theo"),
        done && el("span", { class: "visually-hidden" }, "Đã xong")),
      visits[i + 1] && leg(visit, visits[i + 1]));
  });
  replace(document.getElementById("schematic"), ...items);
}

/** Draw the map view: the map (when shown) and the schematic. */
export function renderMap({ visits, context, next }) {
  const showMap = !document.getElementById("map-panel").hidden;
  if (showMap) drawMap(visits, context, next);
  drawSchematic(visits, context, next);
}

/** The two buttons switching between map and schematic. */
export function setUpMapToggle(redraw) {
  const buttons = document.querySelectorAll("[data-map-mode]");
  for (const button of buttons) {
    button.addEventListener("click", () => {
      for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
      // The schematic is always there (below the map, or alone).
      document.getElementById("map-panel").hidden = button.dataset.mapMode !== "map";
      redraw();
    });
  }
}
