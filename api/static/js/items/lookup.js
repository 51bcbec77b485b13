// The "open an item by its code" form (items/_lookup.html), on several pages.
import { ApiError } from "../api.js";
import { clearErrors, showErrors } from "../ui.js";
import { formReady } from "./ready.js";

const S10 = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

for (const form of document.querySelectorAll("form.lookup")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors(form);
    const code = form.elements.namedItem("code").value.replace(/\s+/g, "").toUpperCase();
    if (!S10.test(code)) {
      showErrors(form, new ApiError({ status: 422, errors: {
        code: ["Mã bưu gửi không hợp lệ (ví dụ RH123456785VN)."] } }));
      return;
    }
    location.assign(`/item/${encodeURIComponent(code)}`);
  });
  formReady(form);
}
