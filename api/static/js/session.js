// Who is logged in, kept in localStorage so the courier's phone reopens its pages offline.
// Only the session lives under this key: clearing it never touches queued offline work.
import { flashNext, page } from "./ui.js";

const KEY = "bcci.session";

function body() {
  return document.body.dataset;
}

/** The API's base path and the log-in page, from <body data-*>. */
export function urls() {
  return { api: body().apiBase ?? "/api/v1", login: body().loginUrl ?? "/login" };
}

/** The stored session {token, expiresAt, user} (user is GET /auth/me's answer), or null. */
export function loadSession() {
  try {
    const session = JSON.parse(localStorage.getItem(KEY));
    return session?.token && session?.user?.role ? session : null;
  } catch {
    return null;
  }
}

/** Keep a session after log-in. */
export function saveSession(session) {
  localStorage.setItem(KEY, JSON.stringify(session));
}

/** Forget the session (log-out, or a token the server refused). */
export function clearSession() {
  localStorage.removeItem(KEY);
}

/** The page a role lands on, or null for a role with no web page. */
export function homeFor(role) {
  return page().homes[role] ?? null;
}

/** The log-in page, asked to come back here (path, query and fragment) afterwards. */
function loginHere() {
  const here = location.pathname + location.search + location.hash;
  return `${urls().login}?next=${encodeURIComponent(here)}`;
}

/**
 * Where to go after log-in: ?next= when it names a page of this site, else `home`.
 * Only a same-origin path is followed ("//evil.example", "https://..." are not).
 */
export function nextPage(home) {
  const next = new URLSearchParams(location.search).get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return home;
  }
  const url = new URL(next, location.origin);
  if (url.origin !== location.origin || url.pathname === urls().login) return home;
  return url.pathname + url.search + url.hash;
}

/**
 * The session if this page (<body data-roles="clerk ...">) is for its user; otherwise go
 * to the log-in page (no session) or to the user's own home (another role), return null.
 */
export function requireSession() {
  const session = loadSession();
  const roles = (body().roles ?? "").split(" ").filter(Boolean);
  if (!session) {
    location.replace(loginHere());
    return null;
  }
  if (roles.length && !roles.includes(session.user.role)) {
    location.replace(homeFor(session.user.role) ?? urls().login);
    return null;
  }
  return session;
}

// Set by logOut: a request still in flight gets 401 once the token is revoked, and must
// not turn the log-out into "your session expired".
let loggingOut = false;

/** The server refused the token: forget it and ask to log in again. */
export function expireSession(
  message = "Phiên đăng nhập đã hết hạn hoặc đã bị thu hồi. Vui lòng đăng nhập lại.",
) {
  if (loggingOut) return;
  clearSession();
  flashNext(message, "error");
  location.assign(loginHere());
}

/** Revoke the token (best effort: offline, it simply expires), forget it, go to log-in. */
export async function logOut() {
  loggingOut = true;
  const session = loadSession();
  clearSession();
  if (session) {
    try {
      await fetch(`${urls().api}/auth/revoke`, {
        method: "POST",
        headers: { Authorization: `Bearer ${session.token}` },
      });
    } catch {
      // Offline: the token lapses at its expiry; this device no longer holds it.
    }
  }
  flashNext("Bạn đã đăng xuất.", "success");
  location.assign(urls().login);
}
