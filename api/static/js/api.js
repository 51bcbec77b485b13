// The one way pages talk to /api/v1: bearer token, JSON, problem+json -> ApiError.
import { expireSession, loadSession, urls } from "./session.js";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** An API error: RFC 9457 fields; status 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor({ status, type = "", title = "", detail = "", errors = null, body = null }) {
    super(detail || title || `HTTP ${status}`);
    this.name = "ApiError";
    Object.assign(this, { status, type, title, detail, errors, body });
  }

  /** True when the request never got an answer (offline, timeout): safe to retry. */
  get offline() {
    return this.status === 0;
  }
}

/** A fresh Idempotency-Key (a UUID v4), also where crypto.randomUUID is missing. */
export function newIdempotencyKey() {
  if (globalThis.crypto?.randomUUID) {
    try {
      return crypto.randomUUID();
    } catch {
      // Not a secure context (plain http on a LAN address): build one below.
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Vietnamese typed on some keyboards arrives decomposed; the API accepts NFC only. */
function nfc(value) {
  if (typeof value === "string") return value.normalize("NFC");
  if (Array.isArray(value)) return value.map(nfc);
  if (value && typeof value === "object" && !(value instanceof Blob)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)]));
  }
  return value;
}

/** "/items" -> "/api/v1/items"; a path the API gave back ("/api/v1/plans/3") stays. */
export function apiUrl(path, query) {
  const base = urls().api;
  const url = new URL(path.startsWith(`${base}/`) ? path : `${base}${path}`, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === "") continue;
    for (const v of [].concat(value)) url.searchParams.append(key, v);
  }
  return url.pathname + url.search;
}

async function problemFrom(resp) {
  let body = null;
  try {
    body = await resp.json();
  } catch {
    // Not JSON (a proxy's page): keep the status only.
  }
  return new ApiError({
    status: resp.status,
    type: body?.type,
    title: body?.title,
    detail: body?.detail,
    errors: body?.errors ?? null,
    body,
  });
}

/**
 * Send one request and return the raw Response (2xx), or throw an ApiError.
 * Options: body (JSON, NFC-normalised), form (FormData), query, idempotencyKey (mutating
 * requests get a fresh one when none is given), auth (false: no token, no 401
 * redirect; log-in uses it), token (another token than the stored one), timeoutMs.
 */
export async function send(method, path, opts = {}) {
  const { body, form, query, auth = true, token, timeoutMs = 20000 } = opts;
  const headers = { Accept: "application/json, application/problem+json", ...opts.headers };
  const bearer = token ?? (auth ? loadSession()?.token : null);
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (MUTATING.has(method)) headers["Idempotency-Key"] = opts.idempotencyKey ?? newIdempotencyKey();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let resp;
  try {
    resp = await fetch(apiUrl(path, query), {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(nfc(body))),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new ApiError({ status: 0, type: "network", title: "Network", detail: String(err) });
  }
  if (resp.ok) return resp;
  const problem = await problemFrom(resp);
  if (resp.status === 401 && auth && !token) expireSession();
  throw problem;
}

/** Send a request and return its JSON (null for 204). */
export async function request(method, path, opts = {}) {
  const resp = await send(method, path, opts);
  if (resp.status === 204) return null;
  const type = resp.headers.get("Content-Type") ?? "";
  return type.includes("json") ? resp.json() : resp.text();
}

/** GET JSON: getJson("/items", {state: "in_transit", page: 2}). */
export function getJson(path, query, opts = {}) {
  return request("GET", path, { ...opts, query });
}

/** POST JSON with the user action's Idempotency-Key. */
export function postJson(path, body, opts = {}) {
  return request("POST", path, { ...opts, body });
}

/** PUT JSON. */
export function putJson(path, body, opts = {}) {
  return request("PUT", path, { ...opts, body });
}

/** DELETE. */
export function deleteJson(path, opts = {}) {
  return request("DELETE", path, opts);
}

/** A file the API serves behind the token (label.pdf, consignment-note.pdf) as a Blob. */
export async function fetchBlob(path, opts = {}) {
  const resp = await send("GET", path, { ...opts, headers: { Accept: "*/*" } });
  return resp.blob();
}

/** Offer a Blob as a download named filename. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** Open a Blob (a PDF to print) in a new tab; returns that window, or null if blocked. */
export function openBlob(blob) {
  const url = URL.createObjectURL(blob);
  const win = window.open(url, "_blank");
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return win;
}
