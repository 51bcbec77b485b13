// UPU S10 item codes (RH123456785VN): two letters, an 8-digit serial, a check digit, VN.
// The same rule as postal_service/s10.py, so a mistyped code is refused before sending.
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];
const SHAPE = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

/** The check digit of an 8-digit serial. */
export function checkDigit(serial) {
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** What people type or scan, as a code: no spaces, upper case. */
export function normaliseCode(text) {
  return String(text ?? "").replace(/[\s-]+/g, "").toUpperCase();
}

/** Why a code is not a valid S10 code (a Vietnamese sentence), or null when it is. */
export function codeProblem(code) {
  if (!code) return "Nhập mã bưu gửi.";
  if (!SHAPE.test(code)) {
    return "Mã bưu gửi gồm 13 ký tự: 2 chữ cái, 9 chữ số, 2 chữ cái (ví dụ RH123456785VN).";
  }
  if (checkDigit(code.slice(2, 10)) !== Number(code[10])) {
    return "Sai số kiểm tra: mã bưu gửi bị nhập hoặc quét nhầm. Kiểm tra lại từng ký tự.";
  }
  return null;
}

/** True for a well-formed S10 code with the right check digit. */
export function isS10(code) {
  return codeProblem(code) === null;
}

/** The first valid S10 code in a scanned text (a QR code may carry more than the code). */
export function findCode(text) {
  const candidates = normaliseCode(text).match(/[A-Z]{2}\d{9}[A-Z]{2}/g) ?? [];
  return candidates.find(isS10) ?? null;
}
