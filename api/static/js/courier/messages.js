// The courier's flows' messages from the API, in Vietnamese (added to messages.js's table).
import { addMessages, addPatterns } from "../messages.js";
import { label } from "../ui.js";

addMessages({
  "The ID number does not match the one given at intake; record a failed attempt with reason id_mismatch instead":
    "Số giấy tờ không khớp với số đã khai khi nộp hồ sơ. Không phát: ghi nhận phát không thành công với lý do “Giấy tờ tùy thân không khớp”.",
  "A proxy must show an authorisation letter": "Người nhận thay phải xuất trình giấy ủy quyền.",
  "occurred_at is before the item was registered":
    "Thời điểm ghi nhận sớm hơn lúc bưu gửi được đăng ký: kiểm tra đồng hồ của máy.",
  "This Idempotency-Key was already used for another event of this item":
    "Thao tác này đã được ghi cho bưu gửi với nội dung khác.",
  "List 1 to 500 different items": "Chọn từ 1 đến 500 bưu gửi khác nhau.",
  "An image may be at most 1000 kB": "Ảnh tối đa 1 MB.",
  "Attach the image as the multipart part 'file'": "Chưa có tệp ảnh.",
});

addPatterns([
  [/^An? (\w+) item that is (\w+) cannot take '(\w+)'; allowed: .*$/,
    (_leg, state, event) => `Bưu gửi đang ở trạng thái “${label("states", state)}” nên không thể ghi “${label("events", event)}”.`],
  [/^Item (\S+) is not in your bag$/,
    (code) => `Bưu gửi ${code} không có trong túi của bạn (bưu cục chưa giao cho bạn).`],
  [/^Item (\S+) is not for this agency and direction$/,
    (code) => `Bưu gửi ${code} không thuộc cơ quan này hoặc không đúng chiều giao nhận.`],
  [/^Item (\S+) is not waiting at this agency for your postal point$/,
    (code) => `Bưu gửi ${code} không chờ bưu cục của bạn nhận tại cơ quan này.`],
  [/^Item (\S+) does not exist$/, (code) => `Không có bưu gửi ${code}.`],
  [/^No agency (\S+)$/, (code) => `Không có cơ quan mã ${code}.`],
  [/^No image (\d+) was uploaded for this item$/,
    () => "Ảnh chứng từ chưa được tải lên cho bưu gửi này."],
  [/^The citizen was invited for a new delivery from (\S+); not before$/,
    (day) => `Công dân được hẹn phát lại từ ngày ${day}; chưa được phát trước ngày đó.`],
  [/^The route was started at .*$/, () => "Tuyến đã được bắt đầu trước đó."],
  [/^No published route for you on (\S+)$/, (day) => `Chưa có tuyến được công bố cho bạn ngày ${day}.`],
  [/^The role '(\w+)' may not (?:record '(\w+)'|do this)$/,
    () => "Tài khoản bưu tá không được thực hiện thao tác này."],
]);
