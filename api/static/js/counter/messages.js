// The counter's own API messages in Vietnamese (intake, counter events, dispatch, plans).
import { addMessages, addPatterns } from "../messages.js";
import { label } from "../ui.js";

addMessages({
  "Give both lat and lon, or neither.": "Nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.",
  "Say which document the number is from.": "Chọn loại giấy tờ của số này.",
  "The dossier code is already registered": "Mã hồ sơ này đã được đăng ký.",
  "A counter intake carries a dossier: use send or both":
    "Nhận tại quầy là gửi hồ sơ: chọn “gửi hồ sơ” hoặc “gửi hồ sơ và nhận kết quả”.",
  "A pickup carries a dossier: use send or both":
    "Thu gom là gửi hồ sơ: chọn “gửi hồ sơ” hoặc “gửi hồ sơ và nhận kết quả”.",
  "Name the courier who takes the bag": "Chọn bưu tá nhận túi.",
  "A collection at the counter needs its proof":
    "Cần thông tin người nhận và giấy tờ tùy thân.",
  "The ID number does not match the one given at intake; record a failed attempt with reason id_mismatch instead":
    "Số giấy tờ không khớp với số đã khai khi nộp hồ sơ: không trả kết quả.",
  "A proxy must show an authorisation letter": "Người nhận thay phải có giấy ủy quyền.",
  "occurred_at is before the item was registered":
    "Thời điểm ghi nhận trước khi bưu gửi được đăng ký: kiểm tra đồng hồ của máy.",
  "A plan is for today or a later day": "Chỉ lập kế hoạch cho hôm nay hoặc ngày sau.",
  "Use HH:MM (24 hours).": "Nhập giờ dạng HH:MM.",
});

addPatterns([
  [/^Dossier (\S+) is already registered$/, (code) => `Hồ sơ ${code} đã được đăng ký trước đó.`],
  [/^Procedure (\S+) is not offered through the postal service$/,
    (code) => `Thủ tục ${code} không thực hiện qua dịch vụ bưu chính công ích.`],
  [/^'(.*)' is not on the published list of procedure (\S+)$/,
    (name, code) => `“${name}” không có trong danh mục đã công bố của thủ tục ${code}.`],
  [/^No courier (\S+) at this postal point$/, (code) => `Không có bưu tá ${code} tại bưu cục này.`],
  [/^No postal point (\S+)$/, (code) => `Không có bưu cục ${code}.`],
  [/^No plan (\d+)$/, (id) => `Không tìm thấy kế hoạch số ${id}.`],
  [/^The citizen was invited for a new delivery from (\S+); not before$/,
    (day) => `Công dân được hẹn phát lại từ ngày ${day}; chưa được giao bưu tá trước ngày đó.`],
  [/^A \w+ item that is (\w+) cannot take '(\w+)'.*$/,
    (state, event) => `Bưu gửi đang ở trạng thái “${label("states", state)}”: không thể “${label("events", event)}”.`],
  [/^Only a succeeded plan can be published.*$/, () => "Chỉ công bố được kế hoạch đã tính xong."],
  [/^Couriers have started their routes: (.*?)\..*$/,
    (codes) => `Bưu tá đã bắt đầu tuyến (${codes}): không công bố lại được kế hoạch của ngày này.`],
  [/^A (\w+) plan cannot be cancelled$/, () => "Kế hoạch này không hủy được nữa."],
  [/^No courier is on shift at this postal point$/, () => "Bưu cục không có bưu tá trong ca làm việc."],
  [/^No feasible plan.*$/, () => "Không xếp được tuyến khả thi cho ngày này."],
  [/^The planner failed.*$/, () => "Bộ xếp tuyến gặp lỗi. Vui lòng lập lại kế hoạch."],
]);
