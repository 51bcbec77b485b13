// The API's messages are English (for developers and logs); people read these instead.
// A page adds the messages of its own flows with addMessages / addPatterns.

const EXACT = new Map(Object.entries({
  // marshmallow's own
  "Missing data for required field.": "Bắt buộc nhập.",
  "Field may not be null.": "Bắt buộc nhập.",
  "Shorter than minimum length 1.": "Bắt buộc nhập.",
  "Unknown field.": "Trường không được hỗ trợ.",
  "Not a valid string.": "Phải là chữ.",
  "Not a valid integer.": "Phải là số nguyên.",
  "Not a valid number.": "Phải là số.",
  "Not a valid boolean.": "Phải là có hoặc không.",
  "Not a valid date.": "Ngày không hợp lệ.",
  "Not a valid datetime.": "Thời điểm không hợp lệ.",
  "Not a valid email address.": "Địa chỉ thư điện tử không hợp lệ.",
  "Not a valid list.": "Phải là một danh sách.",
  "Invalid input type.": "Kiểu dữ liệu không hợp lệ.",
  // the project's fields (api/fields.py)
  "Text must be in Unicode NFC form (precomposed Vietnamese letters).":
    "Chữ tiếng Việt phải ở dạng dựng sẵn (Unicode NFC).",
  "Text must not contain control characters.": "Không được chứa ký tự điều khiển.",
  "Not a phone number.": "Không phải số điện thoại.",
  "Not a valid Vietnamese phone number.": "Số điện thoại Việt Nam không hợp lệ.",
  "Not a valid S10 item code (e.g. RR123456785VN).":
    "Mã bưu gửi không hợp lệ (ví dụ RR123456785VN).",
  "Not a one-stop dossier code (e.g. 000.00.15.H10-230615-0001).":
    "Mã hồ sơ một cửa không hợp lệ (ví dụ 000.00.15.H10-230615-0001).",
  "Latitude must be inside Vietnam (8 to 23.5).": "Vĩ độ phải nằm trong lãnh thổ Việt Nam.",
  "Longitude must be inside Vietnam (102 to 117.5).": "Kinh độ phải nằm trong lãnh thổ Việt Nam.",
  "No such commune code.": "Không có xã/phường với mã này.",
  "No such commune code": "Không có xã/phường với mã này.",
  // services
  "Wrong username or password": "Sai tên đăng nhập hoặc mật khẩu.",
  "occurred_at is in the future": "Thời điểm ghi nhận ở tương lai: kiểm tra đồng hồ của máy.",
  "Say why the delivery failed": "Chọn lý do phát không thành công.",
  "A delivery needs its proof": "Cần bằng chứng phát (người nhận, giấy tờ tùy thân).",
  "Send a PNG, JPEG or WebP image": "Chỉ nhận ảnh PNG, JPEG hoặc WebP.",
  "A request with this Idempotency-Key is in progress; retry":
    "Thao tác này đang được xử lý. Vui lòng thử lại sau giây lát.",
  "An item is already in an open handover": "Bưu gửi đã nằm trong một phiên bàn giao đang mở.",
}));

const PATTERNS = [
  [/^Shorter than minimum length (\d+)\.$/, (n) => `Cần ít nhất ${n} ký tự.`],
  [/^Longer than maximum length (\d+)\.$/, (n) => `Tối đa ${n} ký tự.`],
  [/^Length must be between (\d+) and (\d+)\.$/, (a, b) => `Độ dài từ ${a} đến ${b} ký tự.`],
  [/^Must be one of: (.*)\.$/, (list) => `Phải là một trong: ${list}.`],
  [/^Must be greater than or equal to (\S+) and less than or equal to (\S+)\.$/,
    (a, b) => `Phải từ ${a} đến ${b}.`],
  [/^Must be greater than or equal to (\S+)\.$/, (a) => `Phải lớn hơn hoặc bằng ${a}.`],
  [/^Must be less than or equal to (\S+)\.$/, (b) => `Phải nhỏ hơn hoặc bằng ${b}.`],
  [/^Not a valid (cccd|passport) number\.$/, () => "Số giấy tờ tùy thân không hợp lệ."],
  [/^No item (\S+)$/, (code) => `Không tìm thấy bưu gửi ${code}.`],
  [/^No procedure (with code )?(\S+)$/, (_, code) => `Không có thủ tục mã ${code}.`],
];

/** Add exact translations: {"English message": "Câu tiếng Việt"}. */
export function addMessages(map) {
  for (const [en, vi] of Object.entries(map)) EXACT.set(en, vi);
}

/** Add translations by pattern: [[/^No handover (\d+)$/, (id) => `...${id}`], ...]. */
export function addPatterns(list) {
  PATTERNS.push(...list);
}

/** The Vietnamese for one API message, or null when we have none. */
export function translate(message) {
  if (typeof message !== "string") return null;
  if (EXACT.has(message)) return EXACT.get(message);
  for (const [pattern, make] of PATTERNS) {
    const m = message.match(pattern);
    if (m) return make(...m.slice(1));
  }
  return null;
}
