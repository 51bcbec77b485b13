// Forms whose script submits them: their submit buttons are disabled in the HTML, so
// that neither a click nor Enter submits the form natively before the script listens.

/** Enable a form's submit buttons once its script listens. */
export function formReady(form) {
  for (const button of form.querySelectorAll("button[type=submit]")) button.disabled = false;
}
