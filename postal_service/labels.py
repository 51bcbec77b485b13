"""Vietnamese labels for states and events, as citizens and staff read them."""

from postal_service.enums import EventType, FailureReason, ItemState, LegKind, Role

STATE_LABELS: dict[ItemState, str] = {
    ItemState.AWAITING_PICKUP: "Chờ bưu tá đến nhận",
    ItemState.AT_POSTAL_POINT: "Đang ở bưu cục",
    ItemState.IN_TRANSIT: "Đang vận chuyển",
    ItemState.AWAITING_CONFIRMATION: "Đã giao, chờ cơ quan xác nhận",
    ItemState.DELIVERY_FAILED: "Phát không thành công, chờ phát lại",
    ItemState.DELIVERED: "Đã giao thành công",
    ItemState.RETURNED: "Đã chuyển hoàn cơ quan",
    ItemState.CANCELLED: "Đã hủy",
}

EVENT_LABELS: dict[EventType, str] = {
    EventType.ACCEPTED_AT_COUNTER: "Bưu cục nhận hồ sơ tại quầy",
    EventType.PICKUP_REQUESTED: "Đăng ký thu gom hồ sơ tại nhà",
    EventType.RESULT_READY: "Cơ quan báo có kết quả",
    EventType.RETURN_REGISTERED: "Lập bưu gửi chuyển hoàn",
    EventType.PICKED_UP: "Bưu tá đã nhận",
    EventType.RECEIVED_AT_POSTAL_POINT: "Đến bưu cục",
    EventType.DISPATCHED: "Giao bưu tá đi phát",
    EventType.HANDED_OVER: "Bưu tá bàn giao cho cơ quan",
    EventType.RECEIPT_CONFIRMED: "Cơ quan xác nhận đã nhận hồ sơ",
    EventType.RECEIPT_REFUSED: "Cơ quan không nhận, bưu tá mang về",
    EventType.DELIVERED: "Phát thành công",
    EventType.DELIVERY_FAILED: "Phát không thành công",
    EventType.COLLECTED_AT_COUNTER: "Người nhận lấy tại bưu cục",
    EventType.RETURNED_TO_AGENCY: "Chuyển hoàn cơ quan",
    EventType.CANCELLED: "Đã hủy",
}

LEG_LABELS: dict[LegKind, str] = {
    LegKind.DOSSIER: "Hồ sơ gửi cơ quan",
    LegKind.RESULT: "Kết quả trả công dân",
    LegKind.RETURN: "Kết quả chuyển hoàn",
}

FAILURE_LABELS: dict[FailureReason, str] = {
    FailureReason.NOT_HOME: "Người nhận vắng nhà",
    FailureReason.WRONG_ADDRESS: "Sai địa chỉ",
    FailureReason.REFUSED: "Người nhận từ chối",
    FailureReason.ID_MISMATCH: "Giấy tờ tùy thân không khớp",
    FailureReason.NO_AUTHORISATION: "Người nhận thay không có giấy ủy quyền",
    FailureReason.OTHER: "Lý do khác",
}

ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "Quản trị viên",
    Role.SUPERVISOR: "Giám sát viên",
    Role.CLERK: "Giao dịch viên",
    Role.COURIER: "Bưu tá",
    Role.AGENCY_OFFICER: "Cán bộ cơ quan",
    Role.INTEGRATION: "Hệ thống một cửa",
}
