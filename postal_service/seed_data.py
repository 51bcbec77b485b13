"""Tables behind the demo province (Thái Nguyên): agencies, procedures, people's names.

Procedure names follow procedures published in the national database; the national
codes have the national format, and 1.002804 and 2.000488 are the codes the tests use,
but the other codes, fees and document lists are illustrative, not an official copy.
"""

from __future__ import annotations

import random

from postal_service.enums import Vehicle

PROVINCE_CODE = 19  # Thái Nguyên; since 1 July 2025 it includes the former Bắc Kạn
# Synthetic coordinates are drawn inside this box (lat_min, lat_max, lon_min, lon_max).
BOX = (21.35, 22.65, 105.45, 106.25)
OFFICE_HOURS = [["07:30", "11:30"], ["13:30", "17:00"]]
POST_HOURS = [["07:00", "11:30"], ["13:30", "17:30"]]
CULTURAL_POINT_HOURS = [["07:30", "11:00"], ["14:00", "17:00"]]
COMMUNE_AGENCIES = 15  # People's Committees of communes that get an agency row
EXTRA_COURIERS = 11  # 49 postal points, one courier each, plus these at post offices

PROVINCIAL_AGENCIES: list[tuple[str, str]] = [
    ("STP", "Sở Tư pháp"),
    ("SXD", "Sở Xây dựng"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SYT", "Sở Y tế"),
    ("CAT", "Công an tỉnh"),
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("STC", "Sở Tài chính"),
    ("SNV", "Sở Nội vụ"),
    ("SCT", "Sở Công Thương"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo"),
    ("BHXH", "Bảo hiểm xã hội tỉnh"),
    ("THUE", "Thuế tỉnh Thái Nguyên"),
]

# Common documents: (name, original, copies).
Doc = tuple[str, bool, int]
CCCD: Doc = ("Bản sao Căn cước công dân", False, 1)
PHOTO: Doc = ("Ảnh 4x6 cm", True, 2)
HEALTH: Doc = ("Giấy khám sức khỏe", True, 0)
LAND_CERT: Doc = ("Bản gốc Giấy chứng nhận quyền sử dụng đất", True, 0)
CONTRACT: Doc = ("Hợp đồng chuyển nhượng, tặng cho có công chứng", True, 0)
CHARTER: Doc = ("Điều lệ công ty", True, 0)
MEMBERS: Doc = ("Danh sách thành viên", True, 0)
DIPLOMA: Doc = ("Bản sao văn bằng chuyên môn", False, 1)
PRACTICE: Doc = ("Giấy xác nhận quá trình thực hành", True, 0)
FEASIBILITY: Doc = ("Bản vẽ thiết kế xây dựng", True, 2)


def form(name: str) -> Doc:
    """The application form of a procedure: always an original."""
    return (name, True, 0)


# (national code, name, agency code or "UBND" for a commune's committee, fee in VND,
#  processing days, offered through BCCI, documents)
Proc = tuple[str, str, str, int, int, bool, list[Doc]]
# fmt: off
PROCEDURES: list[Proc] = [
    ("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", "STP", 200_000, 10, True, [form("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"), CCCD, ("Bản chụp giấy tờ chứng minh nơi cư trú", False, 1)]),
    ("2.000505", "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng", "STP", 0, 10, True, [form("Văn bản yêu cầu cấp Phiếu lý lịch tư pháp")]),
    ("2.001008", "Cấp lại Thẻ công chứng viên", "STP", 100_000, 5, True, [form("Đơn đề nghị cấp lại Thẻ công chứng viên"), PHOTO]),
    ("2.000908", "Đăng ký hoạt động Văn phòng công chứng", "STP", 1_000_000, 10, True, [form("Đơn đăng ký hoạt động"), ("Quyết định cho phép thành lập", False, 1)]),
    ("1.008924", "Cấp Thẻ tư vấn viên pháp luật", "STP", 0, 5, True, [form("Giấy đề nghị cấp Thẻ tư vấn viên pháp luật"), DIPLOMA, PHOTO]),
    ("1.002804", "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "SXD", 135_000, 5, True, [form("Tờ khai đề nghị cấp đổi giấy phép lái xe"), HEALTH, ("Bản sao giấy phép lái xe", False, 1)]),
    ("1.002793", "Cấp lại giấy phép lái xe", "SXD", 135_000, 5, True, [form("Đơn đề nghị cấp lại giấy phép lái xe"), HEALTH, CCCD]),
    ("1.009972", "Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III", "SXD", 150_000, 20, True, [form("Đơn đề nghị cấp giấy phép xây dựng"), ("Bản sao giấy tờ chứng minh quyền sử dụng đất", False, 1), FEASIBILITY]),
    ("1.009983", "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", "SXD", 300_000, 20, True, [form("Đơn đề nghị cấp chứng chỉ hành nghề"), DIPLOMA, PHOTO]),
    ("1.002859", "Cấp phù hiệu xe ô tô kinh doanh vận tải", "SXD", 0, 2, True, [form("Giấy đề nghị cấp phù hiệu"), ("Bản sao Giấy đăng ký xe ô tô", False, 1)]),
    ("1.002861", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", "SXD", 200_000, 5, True, [form("Giấy đề nghị cấp Giấy phép kinh doanh"), ("Bản sao văn bằng của người điều hành vận tải", False, 1)]),
    ("1.003012", "Đăng ký khai thác tuyến vận tải hành khách cố định bằng xe ô tô", "SXD", 0, 5, False, [form("Giấy đăng ký khai thác tuyến"), ("Phương án khai thác tuyến", True, 0)]),
    ("1.012756", "Đăng ký đất đai, tài sản gắn liền với đất lần đầu", "SNNMT", 100_000, 20, True, [form("Đơn đăng ký đất đai, tài sản gắn liền với đất"), ("Giấy tờ về quyền sử dụng đất", False, 1), CCCD]),
    ("1.012757", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "SNNMT", 50_000, 7, True, [form("Đơn đề nghị cấp đổi Giấy chứng nhận"), LAND_CERT]),
    ("1.012766", "Đăng ký biến động do chuyển nhượng, tặng cho quyền sử dụng đất", "SNNMT", 50_000, 10, True, [form("Đơn đăng ký biến động đất đai"), CONTRACT, LAND_CERT]),
    ("1.010727", "Cấp giấy phép môi trường", "SNNMT", 1_500_000, 30, False, [form("Văn bản đề nghị cấp giấy phép môi trường"), ("Báo cáo đề xuất cấp giấy phép môi trường", True, 1)]),
    ("2.001827", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông lâm thủy sản", "SNNMT", 700_000, 15, True, [form("Đơn đề nghị cấp Giấy chứng nhận"), ("Bản thuyết minh về cơ sở vật chất", True, 0)]),
    ("1.004253", "Cấp giấy phép khai thác nước dưới đất", "SNNMT", 600_000, 30, True, [form("Đơn đề nghị cấp giấy phép"), ("Báo cáo kết quả thăm dò", True, 0)]),
    ("1.012298", "Cấp giấy phép hành nghề khám bệnh, chữa bệnh", "SYT", 360_000, 20, True, [form("Đơn đề nghị cấp giấy phép hành nghề"), DIPLOMA, HEALTH, PHOTO]),
    ("1.004616", "Cấp chứng chỉ hành nghề dược", "SYT", 500_000, 20, True, [form("Đơn đề nghị cấp Chứng chỉ hành nghề dược"), DIPLOMA, PRACTICE, PHOTO]),
    ("1.004605", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược", "SYT", 1_000_000, 30, True, [form("Đơn đề nghị cấp Giấy chứng nhận"), ("Tài liệu kỹ thuật về địa điểm, trang thiết bị", True, 0)]),
    ("2.000523", "Cấp lại Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "SYT", 500_000, 10, True, [form("Đơn đề nghị cấp lại Giấy chứng nhận")]),
    ("2.002161", "Cấp hộ chiếu phổ thông không gắn chíp điện tử tại Công an tỉnh", "CAT", 200_000, 8, True, [form("Tờ khai đề nghị cấp hộ chiếu"), PHOTO]),
    ("1.010589", "Cấp lại chứng nhận đăng ký xe", "CAT", 100_000, 2, True, [form("Giấy khai đăng ký xe"), CCCD]),
    ("2.001217", "Cấp giấy phép sử dụng vật liệu nổ công nghiệp", "CAT", 0, 10, False, [form("Văn bản đề nghị cấp giấy phép"), ("Phương án nổ mìn", True, 0)]),
    ("1.005092", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "SGDDT", 0, 3, True, [form("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ"), CCCD]),
    ("1.005088", "Chỉnh sửa nội dung văn bằng, chứng chỉ", "SGDDT", 0, 5, True, [form("Đơn đề nghị chỉnh sửa văn bằng"), ("Văn bằng, chứng chỉ đề nghị chỉnh sửa", True, 0)]),
    ("1.000459", "Cấp giấy phép lao động cho người nước ngoài làm việc tại Việt Nam", "SNV", 600_000, 5, True, [form("Văn bản đề nghị cấp giấy phép lao động"), HEALTH, PHOTO, ("Bản sao hộ chiếu", False, 1)]),
    ("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp", "SNV", 0, 20, True, [form("Đề nghị hưởng trợ cấp thất nghiệp"), ("Bản sao quyết định thôi việc", False, 1), ("Sổ bảo hiểm xã hội", True, 0)]),
    ("1.000105", "Xác nhận người nước ngoài không thuộc diện cấp giấy phép lao động", "SNV", 0, 3, True, [form("Văn bản đề nghị xác nhận"), ("Bản sao hộ chiếu", False, 1)]),
    ("1.003822", "Công nhận Ban vận động thành lập hội", "SNV", 0, 30, False, [form("Đơn đề nghị công nhận Ban vận động"), MEMBERS]),
    ("2.001610", "Đăng ký thành lập doanh nghiệp tư nhân", "STC", 50_000, 3, True, [form("Giấy đề nghị đăng ký doanh nghiệp"), CCCD]),
    ("2.002003", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "STC", 50_000, 3, True, [form("Giấy đề nghị đăng ký doanh nghiệp"), CHARTER, CCCD]),
    ("2.002040", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "STC", 50_000, 3, True, [form("Thông báo thay đổi nội dung đăng ký doanh nghiệp"), ("Nghị quyết, quyết định về việc thay đổi", True, 0)]),
    ("2.002018", "Cấp lại Giấy chứng nhận đăng ký doanh nghiệp", "TTPVHCC", 0, 3, True, [form("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký doanh nghiệp")]),
    ("2.000633", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", "SCT", 1_100_000, 15, True, [form("Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá"), ("Bản sao hợp đồng mua bán với thương nhân phân phối", False, 1)]),
    ("2.000636", "Cấp Giấy phép bán buôn rượu trên địa bàn tỉnh", "SCT", 2_200_000, 15, True, [form("Đơn đề nghị cấp Giấy phép bán buôn rượu"), ("Bản sao hợp đồng thuê kho", False, 1)]),
    ("2.000189", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "SCT", 1_200_000, 15, True, [form("Đơn đề nghị cấp Giấy chứng nhận"), ("Bản sao giấy phép xây dựng cửa hàng", False, 1)]),
    ("1.004623", "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", "SVHTTDL", 3_000_000, 10, True, [form("Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành"), ("Giấy xác nhận ký quỹ", True, 0)]),
    ("1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "SVHTTDL", 4_000_000, 5, True, [form("Đơn đề nghị cấp Giấy phép"), ("Bản vẽ mặt bằng phòng hát", True, 0)]),
    ("1.001432", "Cấp thẻ hướng dẫn viên du lịch nội địa", "SVHTTDL", 650_000, 15, True, [form("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch"), HEALTH, PHOTO, DIPLOMA]),
    ("1.003725", "Cấp giấy phép xuất bản bản tin", "SKHCN", 0, 15, True, [form("Đơn đề nghị cấp giấy phép xuất bản bản tin"), ("Mẫu trình bày bản tin", True, 0)]),
    ("1.003901", "Cấp giấy phép tiến hành công việc bức xạ (thiết bị X-quang chẩn đoán y tế)", "SKHCN", 2_000_000, 15, True, [form("Đơn đề nghị cấp giấy phép"), ("Báo cáo đánh giá an toàn", True, 0)]),
    ("1.001055", "Đăng ký sinh hoạt tôn giáo tập trung", "SDTTG", 0, 20, False, [form("Văn bản đăng ký sinh hoạt tôn giáo tập trung"), ("Bản tóm tắt giáo lý, giáo luật", True, 0)]),
    ("1.000148", "Cấp lại, đổi thẻ bảo hiểm y tế", "BHXH", 0, 3, True, [form("Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế")]),
    ("1.000027", "Giải quyết hưởng bảo hiểm xã hội một lần", "BHXH", 0, 5, True, [form("Đơn đề nghị hưởng bảo hiểm xã hội một lần"), ("Sổ bảo hiểm xã hội", True, 0)]),
    ("1.007860", "Đăng ký thuế lần đầu đối với hộ kinh doanh, cá nhân kinh doanh", "THUE", 0, 3, True, [form("Tờ khai đăng ký thuế"), CCCD]),
    ("1.001193", "Đăng ký khai sinh", "UBND", 0, 1, True, [form("Tờ khai đăng ký khai sinh"), ("Giấy chứng sinh", True, 0)]),
    ("1.000894", "Đăng ký kết hôn", "UBND", 0, 3, False, [form("Tờ khai đăng ký kết hôn"), CCCD]),
    ("1.000656", "Đăng ký khai tử", "UBND", 0, 1, True, [form("Tờ khai đăng ký khai tử"), ("Giấy báo tử", True, 0)]),
    ("1.004884", "Cấp bản sao trích lục hộ tịch", "UBND", 8_000, 1, True, [form("Tờ khai cấp bản sao trích lục hộ tịch")]),
    ("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "UBND", 0, 3, True, [form("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"), CCCD]),
    ("1.004772", "Đăng ký lại khai sinh", "UBND", 0, 5, True, [form("Tờ khai đăng ký lại khai sinh"), ("Bản sao giấy tờ liên quan đến nội dung khai sinh", False, 1)]),
    ("1.004859", "Thay đổi, cải chính, bổ sung thông tin hộ tịch", "UBND", 15_000, 3, True, [form("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"), ("Giấy tờ làm căn cứ cải chính", False, 1)]),
    ("2.000720", "Cấp Giấy chứng nhận đăng ký hộ kinh doanh", "UBND", 100_000, 3, True, [form("Giấy đề nghị đăng ký hộ kinh doanh"), CCCD]),
    ("1.001653", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "UBND", 0, 3, True, [form("Tờ khai đề nghị hỗ trợ chi phí mai táng"), ("Bản sao giấy chứng tử", False, 1)]),
    ("1.001776", "Thực hiện trợ cấp xã hội hằng tháng", "UBND", 0, 10, True, [form("Tờ khai đề nghị trợ giúp xã hội"), CCCD]),
    ("1.009994", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "UBND", 75_000, 15, True, [form("Đơn đề nghị cấp giấy phép xây dựng"), ("Bản sao Giấy chứng nhận quyền sử dụng đất", False, 1), FEASIBILITY]),
    ("1.004837", "Đăng ký giám hộ", "UBND", 0, 3, False, [form("Tờ khai đăng ký giám hộ"), ("Văn bản cử người giám hộ", True, 0)]),
    ("1.003583", "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "UBND", 0, 5, True, [form("Tờ khai đăng ký khai sinh"), ("Giấy chứng sinh", True, 0), ("Tờ khai thay đổi thông tin cư trú", True, 0)]),
    ("1.003596", "Xác nhận thông tin về cư trú", "UBND", 0, 3, True, [form("Tờ khai thay đổi thông tin cư trú")]),
]
# fmt: on

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Ma", "Nông", "Lục", "Triệu", "Hứa", "Dương", "Lý", "Hoàng Thị"]  # fmt: skip
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Hữu", "Kim"]  # fmt: skip
GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến"]  # fmt: skip
STREETS = ["Đường Hoàng Văn Thụ", "Đường Lương Ngọc Quyến", "Đường Cách Mạng Tháng Tám", "Đường Quang Trung", "Đường Bắc Kạn", "Quốc lộ 3", "Tỉnh lộ 254", "Đường Thống Nhất"]  # fmt: skip

# How a demo dossier travels: (weight, service type, steps). A step the clock has not
# reached yet is left undone, so the latest dossiers stop part-way.
RESULT_LEG = ("result_ready", "pick_up", "deliver")
TO_AGENCY = ("dispatch", "hand_over", "confirm")
SCRIPTS: list[tuple[int, str, tuple[str, ...]]] = [
    (30, "both", ("intake", *TO_AGENCY, *RESULT_LEG)),
    (8, "both", ("intake", *TO_AGENCY, *RESULT_LEG[:2], "fail", "receive", "redispatch", "deliver")),
    (5, "both", ("intake", *TO_AGENCY, *RESULT_LEG[:2], "fail", "receive", "collect")),
    (20, "send", ("intake", *TO_AGENCY)),
    (5, "send", ("intake", "dispatch", "hand_over", "refuse", "hand_over", "confirm")),
    (4, "send", ("intake", "cancel")),
    (12, "both", ("pickup_request", "pick_up", "receive", *TO_AGENCY, *RESULT_LEG)),
    (16, "receive", ("online_result", "pick_up", "deliver")),
]  # fmt: skip
STORIES = 200
DAYS_OF_TRAFFIC = 30
# Minutes between a step and the one before it (low, high), before office hours apply.
DELAYS: dict[str, tuple[int, int]] = {
    "dispatch": (30, 300),
    "redispatch": (30, 120),
    "hand_over": (60, 900),
    "confirm": (10, 180),
    "refuse": (10, 120),
    "result_ready": (1_440, 7 * 1_440),
    "pick_up": (60, 1_440),
    "receive": (30, 240),
    "deliver": (60, 480),
    "fail": (60, 480),
    "collect": (1_440, 3 * 1_440),
    "cancel": (10, 120),
}


def name(rng: random.Random) -> str:
    """A Vietnamese full name."""
    return " ".join(
        (rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES), rng.choice(GIVEN_NAMES))
    )


def street(rng: random.Random, commune_name: str) -> str:
    """A synthetic street address in a commune."""
    return f"Số {rng.randint(1, 300)}, {rng.choice(STREETS)}, {commune_name}"


# Most couriers ride a motorbike; a few drive a van or cycle in town.
VEHICLES = [Vehicle.MOTORBIKE] * 17 + [Vehicle.CAR] * 2 + [Vehicle.BICYCLE]
