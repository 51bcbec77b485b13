// The log-in page: POST /auth/token, GET /auth/me, keep both, go back to ?next= or the role's home.
import { ApiError, getJson, postJson } from "./api.js";
import { bindForm } from "./forms.js";
import { clearSession, homeFor, loadSession, nextPage, saveSession } from "./session.js";
import { addMessages } from "./messages.js";
import { showPendingFlash } from "./ui.js";

const NO_PAGE = "This account has no web page";
addMessages({ [NO_PAGE]: "Tài khoản này không dùng giao diện web." });

async function logIn({ username, password }, key) {
  const issued = await postJson("/auth/token", { username, password }, {
    auth: false, idempotencyKey: key,
  });
  const token = issued.access_token;
  const user = await getJson("/auth/me", undefined, { token });
  const home = homeFor(user.role);
  if (!home) {
    await postJson("/auth/revoke", undefined, { token }).catch(() => {});
    throw new ApiError({ status: 403, detail: NO_PAGE });
  }
  saveSession({ token, expiresAt: issued.expires_at, user });
  location.replace(nextPage(home));
}

const existing = loadSession();
if (existing && homeFor(existing.user.role)) {
  location.replace(nextPage(homeFor(existing.user.role)));
} else {
  clearSession();
  showPendingFlash();
  const form = document.getElementById("login-form");
  bindForm(form, logIn);
  form.elements.username.focus();
}
