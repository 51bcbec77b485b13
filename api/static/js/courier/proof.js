// Proof of delivery and failed attempts at a citizen's door, queued on the phone.
// The ID number is checked here against the last 4 digits given at intake (when known),
// and fully by the server (keyed hash) when the action is synced.
import { clearErrors, label, showErrors } from "../ui.js";
import { shrinkPhoto } from "./images.js";
import { enqueue } from "./queue.js";
import { signaturePad } from "./signature.js";

const ID_RULES = {
  cccd: [/^\d{12}$/, "Số CCCD gồm 12 chữ số."],
  passport: [/^[A-Z]\d{7,8}$/, "Số hộ chiếu gồm 1 chữ cái và 7–8 chữ số (ví dụ C1234567)."],
};
const ID_NAMES = { cccd: "CCCD", passport: "hộ chiếu" };
const PLACE_MAX = 200;

let current = null; // {visit, stop, item}
let pad = null;
let photos = { photo: null, authorisation_letter: null };
let onDone = () => {};

const $ = (id) => document.getElementById(id);

function refuse(form, errors) {
  showErrors(form, { status: 422, errors });
}

/** The place recorded with an event: the agency's name or the address. */
export function placeOf(visit) {
  return (visit.place ?? "").slice(0, PLACE_MAX) || undefined;
}

function knownId(item) {
  const citizen = item?.dossier?.citizen;
  const last4 = citizen?.id_number_masked?.slice(-4);
  return citizen?.id_type && last4 ? { type: citizen.id_type, last4 } : null;
}

function showProxy() {
  const proxy = $("proof-proxy").checked;
  $("proxy-fields").hidden = !proxy;
  $("proof-name").value = proxy ? "" : current?.stop.recipient_name ?? current?.visit.recipient_name ?? "";
}

/** Open the proof form for one stop of a visit. */
export function openProof(visit, stop, item) {
  const form = $("proof-form");
  $("failure-form").hidden = true;
  current = { visit, stop, item };
  form.reset();
  clearErrors(form);
  photos = { photo: null, authorisation_letter: null };
  $("photo-preview").hidden = true;
  $("proof-title").textContent = `Xác nhận phát ${stop.item_code}`;
  const known = knownId(item);
  if (known) $("proof-id-type").value = known.type;
  $("proof-id-hint").textContent = known
    ? `Giấy tờ khai khi nộp hồ sơ: ${ID_NAMES[known.type] ?? known.type} có 4 số cuối ${known.last4}.`
    : "Máy chưa có thông tin giấy tờ khai khi nộp hồ sơ: máy chủ sẽ đối chiếu khi đồng bộ.";
  form.hidden = false;
  showProxy();
  pad.clear();
  form.scrollIntoView({ block: "start" });
  $("proof-self").focus();
}

/** Open the failed-attempt form for one stop of a visit. */
export function openFailure(visit, stop, item) {
  const form = $("failure-form");
  $("proof-form").hidden = true;
  current = { visit, stop, item };
  form.reset();
  clearErrors(form);
  $("failure-title").textContent = `Phát không thành công ${stop.item_code}`;
  form.hidden = false;
  form.scrollIntoView({ block: "start" });
  $("failure-reason").focus();
}

function closeForms() {
  $("proof-form").hidden = true;
  $("failure-form").hidden = true;
  current = null;
}

/** Whether a proof or failure form is open (the stop view then is not redrawn). */
export function formOpen() {
  return current !== null;
}

function proofErrors(values, known, proxy) {
  const errors = {};
  if (!values.recipient_name) errors["proof.recipient_name"] = ["Nhập họ tên người nhận."];
  const [pattern, rule] = ID_RULES[values.id_type];
  if (!pattern.test(values.id_number)) errors["proof.id_number"] = [rule];
  else if (!proxy && known && known.type === values.id_type && !values.id_number.endsWith(known.last4)) {
    errors["proof.id_number"] = [
      `Không khớp với giấy tờ khai khi nộp hồ sơ (4 số cuối ${known.last4}). `
      + "Không phát cho người khác: nếu không đúng người, ghi nhận phát không thành công.",
    ];
  }
  if (proxy && !values.authorisation_ref) {
    errors["proof.authorisation_ref"] = ["Người nhận thay phải có giấy ủy quyền: nhập số giấy."];
  }
  if (pad.isEmpty()) errors.signature = ["Người nhận chưa ký."];
  return errors;
}

async function submitProof(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const { visit, stop, item } = current;
  const proxy = $("proof-proxy").checked;
  const values = {
    recipient_name: $("proof-name").value.trim(),
    id_type: $("proof-id-type").value,
    id_number: $("proof-id-number").value.replace(/\s+/g, "").toUpperCase(),
    authorisation_ref: $("proof-auth").value.trim(),
    remarks: $("proof-remarks").value.trim(),
  };
  const errors = proofErrors(values, knownId(item), proxy);
  if (Object.keys(errors).length) {
    refuse(form, errors);
    return;
  }
  const attachments = [{ kind: "signature", blob: await pad.toBlob() }];
  for (const kind of ["photo", "authorisation_letter"]) {
    if (photos[kind] && (kind === "photo" || proxy)) attachments.push({ kind, blob: photos[kind] });
  }
  const proof = {
    recipient_name: values.recipient_name, id_type: values.id_type,
    id_number: values.id_number, is_proxy: proxy,
  };
  if (proxy) proof.authorisation_ref = values.authorisation_ref;
  if (values.remarks) proof.remarks = values.remarks;
  await enqueue({
    kind: "event",
    summary: `Phát ${stop.item_code} cho ${values.recipient_name}${proxy ? " (nhận thay)" : ""}`,
    itemCodes: [stop.item_code],
    request: { item_code: stop.item_code, type: "delivered", place: placeOf(visit), proof },
    attachments,
  });
  closeForms();
  onDone(visit, `Đã phát ${stop.item_code}.`);
}

async function submitFailure(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const { visit, stop } = current;
  const reason = $("failure-reason").value;
  const note = $("failure-note").value.trim();
  const errors = {};
  if (!reason) errors.reason = ["Chọn lý do."];
  if (reason === "other" && !note) errors.note = ["Ghi rõ lý do khác."];
  if (Object.keys(errors).length) {
    refuse(form, errors);
    return;
  }
  await enqueue({
    kind: "event",
    summary: `Phát không thành công ${stop.item_code}: ${label("failures", reason)}`,
    itemCodes: [stop.item_code],
    request: {
      item_code: stop.item_code, type: "delivery_failed", reason, place: placeOf(visit),
      ...(note ? { note } : {}),
    },
  });
  closeForms();
  onDone(visit, `Đã ghi nhận phát không thành công ${stop.item_code}.`);
}

async function takePhoto(input, kind, preview) {
  const file = input.files?.[0];
  photos[kind] = null;
  if (!file) return;
  try {
    photos[kind] = await shrinkPhoto(file);
    if (preview) {
      preview.src = URL.createObjectURL(photos[kind]);
      preview.hidden = false;
    }
  } catch {
    refuse(input.form, { [input.name]: ["Không đọc được ảnh này. Chụp lại."] });
  }
}

/** Bind the two forms once; done(visit, message) runs after an action was queued. */
export function setUpForms(done) {
  onDone = done;
  pad = signaturePad($("signature"));
  $("sig-clear").addEventListener("click", () => pad.clear());
  $("proof-self").addEventListener("change", showProxy);
  $("proof-proxy").addEventListener("change", showProxy);
  $("proof-photo").addEventListener("change", (e) => takePhoto(e.target, "photo", $("photo-preview")));
  $("proof-letter").addEventListener("change", (e) => takePhoto(e.target, "authorisation_letter"));
  $("proof-form").addEventListener("submit", submitProof);
  $("failure-form").addEventListener("submit", submitFailure);
  for (const button of document.querySelectorAll("[data-close-form]")) {
    button.addEventListener("click", closeForms);
  }
}
