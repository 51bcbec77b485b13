// Words the agency desk uses for handovers and their lines.
import { addMessages, addPatterns } from "../messages.js";

/** Which way a handover goes, as the officer says it. */
export const KIND_LABELS = {
  to_agency: "Bưu tá nộp hồ sơ",
  from_agency: "Bưu tá nhận kết quả",
};

/** What the officer found for one item. */
export const OUTCOME_LABELS = {
  pending: "Chưa kiểm đếm",
  received: "Nhận đủ",
  missing: "Thiếu, không nhận",
  damaged: "Hư hỏng (vẫn nhận)",
};

addMessages({
  "Count every item of the handover exactly once": "Phải kiểm đếm đủ mọi bưu gửi của biên bản.",
  "Say received, missing or damaged": "Chọn nhận đủ, thiếu hoặc hư hỏng.",
  "The citizen did not ask the post to deliver this result":
    "Công dân không đăng ký nhận kết quả qua bưu điện.",
  "postal_point_code is required": "Chọn bưu cục phát kết quả.",
});
addPatterns([
  [/^Handover (\S+) is already confirmed$/, (code) => `Biên bản ${code} đã được xác nhận trước đó.`],
  [/^No handover (\d+)$/, () => "Không tìm thấy biên bản bàn giao."],
  [/^No dossier (\S+)$/, (code) => `Không tìm thấy hồ sơ ${code} của cơ quan.`],
  [/^The result of dossier (\S+) is already registered$/,
    (code) => `Kết quả của hồ sơ ${code} đã được báo trước đó.`],
  [/^Dossier (\S+) is already registered$/, (code) => `Hồ sơ ${code} đã có trong hệ thống.`],
  [/^'(.+)' is not on the published list of procedure (\S+)$/,
    (name, code) => `«${name}» không có trong danh mục thành phần hồ sơ của thủ tục ${code}.`],
  [/^Procedure (\S+) is not offered through the postal service$/,
    (code) => `Thủ tục ${code} không được thực hiện qua dịch vụ bưu chính công ích.`],
  [/^No postal point (\S*)$/, () => "Không có bưu cục này."],
]);

/** The handover page of one handover. */
export function handoverUrl(id) {
  return `/agency/handover?id=${encodeURIComponent(id)}`;
}
