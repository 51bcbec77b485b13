// Every signed-in page: the guard, who is logged in, the current nav link, log-out.
import { logOut, requireSession } from "./session.js";
import { label, showPendingFlash } from "./ui.js";

/** The place a user works for (a courier: their postal point), as the header shows it. */
export function placeOf(user) {
  const bound = user.postal_point ?? user.agency;
  return bound ? `${bound.name} (${bound.code})` : "";
}

const session = requireSession();
if (session) {
  const { user } = session;
  const who = document.getElementById("who");
  if (who) {
    who.querySelector("[data-who=name]").textContent = user.full_name;
    who.querySelector("[data-who=role]").textContent = label("roles", user.role);
    const place = who.querySelector("[data-who=place]");
    place.textContent = placeOf(user);
    // An admin or supervisor works for no one place: no empty "· " after the role.
    place.hidden = !place.textContent;
    who.hidden = false;
    document.getElementById("log-out")?.addEventListener("click", () => logOut());
  }
  for (const link of document.querySelectorAll(".site-nav a")) {
    if (new URL(link.href).pathname === location.pathname) link.setAttribute("aria-current", "page");
  }
  showPendingFlash();
}
