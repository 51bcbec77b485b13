// Forms that call the API: values as JSON, one Idempotency-Key per user action, errors.
import { newIdempotencyKey } from "./api.js";
import { clearErrors, showErrors } from "./ui.js";

/**
 * The form's values as the API's JSON: dotted names nest ("citizen.phone"), numbers
 * stay numbers for type="number", checkboxes are booleans, empty fields are left out.
 */
export function formValues(form) {
  const out = {};
  for (const input of form.elements) {
    if (!input.name || input.disabled || input.type === "submit" || input.type === "button") continue;
    if ((input.type === "radio") && !input.checked) continue;
    let value;
    if (input.type === "checkbox") value = input.checked;
    else if (input.type === "number") value = input.value === "" ? null : Number(input.value);
    else value = input.value.trim();
    // Never send an empty value: the API then names a required field as missing.
    if (value === "" || value === null) continue;
    const path = input.name.split(".");
    let node = out;
    for (const key of path.slice(0, -1)) node = node[key] ??= {};
    node[path.at(-1)] = value;
  }
  return out;
}

/**
 * Run submit(values, idempotencyKey) when the form is submitted: one Idempotency-Key per
 * user action (kept while the user retries the same input, new once it succeeded or the
 * input changed), the submit button disabled meanwhile, errors shown on the form.
 * Resolves with what submit returned, or undefined after an error it showed.
 */
export function bindForm(form, submit) {
  let key = null;
  form.addEventListener("input", () => { key = null; });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    key ??= newIdempotencyKey();
    form.setAttribute("aria-busy", "true");
    const buttons = [...form.querySelectorAll("button[type=submit], button:not([type])")];
    for (const b of buttons) b.disabled = true;
    try {
      clearErrors(form);
      const result = await submit(formValues(form), key);
      key = null;
      return result;
    } catch (err) {
      showErrors(form, err);
      if (err?.status === undefined) throw err;
    } finally {
      form.removeAttribute("aria-busy");
      for (const b of buttons) b.disabled = false;
    }
  });
}
