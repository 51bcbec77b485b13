// Entering an item code: typed (checked as S10, check digit included, before anything is
// sent) or scanned with the camera where the browser has BarcodeDetector (Code 128 on
// the bag label, or its QR code).
import { clearErrors, el, showErrors } from "../ui.js";
import { codeProblem, findCode, normaliseCode } from "./s10.js";

const FORMATS = ["code_128", "qr_code"];

async function cameraFormats() {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) return [];
  try {
    const supported = await window.BarcodeDetector.getSupportedFormats();
    return FORMATS.filter((f) => supported.includes(f));
  } catch {
    return [];
  }
}

async function scanOnce(video, formats, signal, onInvalid) {
  const detector = new window.BarcodeDetector({ formats });
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: "environment" }, audio: false,
  });
  video.srcObject = stream;
  try {
    await video.play();
    while (!signal.aborted) {
      for (const found of await detector.detect(video)) {
        const code = findCode(found.rawValue);
        if (code) return code;
        onInvalid();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}

/**
 * Bind a form holding one code input (and a [data-camera] button, shown only where the
 * camera can scan): onCode(code) gets a valid S10 code; a wrong one is refused here.
 */
export async function bindCodeEntry(form, onCode) {
  const input = form.querySelector("input[name]");
  const refuse = (message) => showErrors(form, { status: 422, errors: { [input.name]: [message] } });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = normaliseCode(input.value);
    const problem = codeProblem(code);
    if (problem) {
      refuse(problem);
      return;
    }
    clearErrors(form);
    input.value = code;
    onCode(code);
  });
  const button = form.querySelector("[data-camera]");
  const formats = button ? await cameraFormats() : [];
  if (!formats.length) return;
  button.hidden = false;
  const video = el("video", { class: "camera", muted: true, playsinline: true, "aria-hidden": "true" });
  const stopButton = el("button", { type: "button", class: "button" }, "Dừng quét");
  const box = el("div", { class: "camera-box", hidden: true }, video, stopButton);
  form.append(box);
  let control = null;
  stopButton.addEventListener("click", () => control?.abort());
  button.addEventListener("click", async () => {
    control?.abort();
    control = new AbortController();
    box.hidden = false;
    try {
      const code = await scanOnce(video, formats, control.signal,
        () => refuse("Mã quét được không phải mã bưu gửi hợp lệ. Giữ máy chắc tay, quét lại."));
      if (code) {
        clearErrors(form);
        input.value = code;
        onCode(code);
      }
    } catch {
      refuse("Không mở được camera. Cho phép dùng camera, hoặc nhập mã bằng tay.");
    } finally {
      box.hidden = true;
      control = null;
    }
  });
}
