// The agency's outstanding items: every open leg to or from it, most urgent first.
import { formValues } from "../forms.js";
import { requireSession } from "../session.js";
import { flash, problemText } from "../ui.js";
import { fetchOpenItems, renderOpenItems } from "../items/open_items.js";
import { formReady } from "../items/ready.js";

let latest = 0;

async function show(form) {
  const { leg_kind: legKind, overdue } = formValues(form);
  const mine = ++latest;
  try {
    const found = await fetchOpenItems({ leg_kind: legKind }, { overdue });
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
  await show(form);
}
