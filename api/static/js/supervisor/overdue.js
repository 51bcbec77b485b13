// Every open item past its due time, most overdue first, by postal point or agency.
import { getJson } from "../api.js";
import { formValues } from "../forms.js";
import { requireSession } from "../session.js";
import { append, el, flash, problemText } from "../ui.js";
import { fetchOpenItems, renderOpenItems } from "../items/open_items.js";
import { formReady } from "../items/ready.js";

let latest = 0;

async function show(form) {
  const mine = ++latest;
  try {
    const found = await fetchOpenItems(formValues(form), { overdue: true });
    if (mine === latest) renderOpenItems(found);
  } catch (err) {
    flash(problemText(err), "error");
  }
}

if (requireSession()) {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(form);
  });
  form.addEventListener("change", () => show(form));
  formReady(form);
  try {
    const [points, agencies] = await Promise.all([
      getJson("/postal-points", { page_size: 200 }),
      getJson("/agencies", { page_size: 200 }),
    ]);
    append(form.elements.namedItem("postal_point"),
      ...points.items.map((p) => el("option", { value: p.code }, `${p.name} (${p.code})`)));
    append(form.elements.namedItem("agency"),
      ...agencies.items.map((a) => el("option", { value: a.code }, `${a.name} (${a.code})`)));
  } catch (err) {
    flash(problemText(err), "error");
  }
  await show(form);
}
