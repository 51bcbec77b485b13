"""The label and consignment note of an item, as PDF, only for those who handle it."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from support import Actions, confirmed_dossier

DOCUMENTS = ["label.pdf", "consignment-note.pdf"]
DOSSIER_CODE = "000.00.15.H10-261123-0001"
ID_NUMBER = "019085001234"


def pdf_text(pdf: bytes) -> str:
    """The PDF's text on one line, whitespace collapsed; pypdf already gives NFC."""
    pages = (page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(" ".join(pages).split())


@pytest.fixture
def code(act: Actions) -> str:
    """A dossier registered at BC01's counter for SGTVT."""
    resp = act.intake()
    assert resp.status_code == 201, resp.json
    return str(resp.json["items"][0]["s10_code"])


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_clerk_gets_the_documents_of_their_item_as_pdf(
    act: Actions, code: str, document: str
) -> None:
    resp = act.client.get(
        f"/api/v1/items/{code}/{document}", headers=act.world.auth("clerk")
    )
    assert resp.status_code == 200
    assert resp.mimetype == "application/pdf"
    assert resp.data.startswith(b"%PDF-")
    stem = document.removesuffix(".pdf")
    assert (
        resp.headers["Content-Disposition"] == f'inline; filename="{code}-{stem}.pdf"'
    )


def test_the_consignment_note_shows_the_dossier_in_vietnamese(
    act: Actions, code: str
) -> None:
    resp = act.client.get(
        f"/api/v1/items/{code}/consignment-note.pdf", headers=act.world.auth("clerk")
    )
    text = pdf_text(resp.data)
    for expected in (
        "PHIẾU GỬI HỒ SƠ",
        code,
        DOSSIER_CODE,
        "Cấp đổi giấy phép lái xe",
        "1.002804",
        "Sở Xây dựng",
        "Nguyễn Văn An",
        "Tờ khai đề nghị cấp đổi giấy phép lái xe",
        "135.000 đ",
        "23/11/2026 09:00",
    ):
        assert expected in text


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_document_shows_the_whole_id_number(
    act: Actions, code: str, document: str
) -> None:
    resp = act.client.get(
        f"/api/v1/items/{code}/{document}", headers=act.world.auth("clerk")
    )
    assert ID_NUMBER not in pdf_text(resp.data)
    assert ID_NUMBER.encode() not in resp.data


def test_the_note_shows_the_id_by_its_last_four_digits(act: Actions, code: str) -> None:
    resp = act.client.get(
        f"/api/v1/items/{code}/consignment-note.pdf", headers=act.world.auth("clerk")
    )
    assert "Căn cước công dân: ********1234" in pdf_text(resp.data)


def test_a_dossier_label_names_the_agency_and_not_the_citizen(
    act: Actions, code: str
) -> None:
    resp = act.client.get(
        f"/api/v1/items/{code}/label.pdf", headers=act.world.auth("clerk")
    )
    text = pdf_text(resp.data)
    assert "CƠ QUAN NHẬN Sở Xây dựng" in text
    assert "Nguyễn Văn An" not in text


def test_a_result_label_and_note_are_addressed_to_the_citizen(act: Actions) -> None:
    confirmed_dossier(act)
    result = str(act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"])
    headers = act.world.auth("officer")
    label = act.client.get(f"/api/v1/items/{result}/label.pdf", headers=headers)
    note = act.client.get(
        f"/api/v1/items/{result}/consignment-note.pdf", headers=headers
    )
    assert "NGƯỜI NHẬN Nguyễn Văn An" in pdf_text(label.data)
    assert "PHIẾU GỬI KẾT QUẢ" in pdf_text(note.data)


@pytest.mark.parametrize("who", ["clerk2", "officer2"])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_others_get_404_for_the_documents(
    act: Actions, code: str, who: str, document: str
) -> None:
    resp = act.client.get(
        f"/api/v1/items/{code}/{document}", headers=act.world.auth(who)
    )
    assert resp.status_code == 404
    assert resp.mimetype == "application/problem+json"
    assert "Nguyễn" not in resp.get_data(as_text=True)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_an_invalid_s10_code_is_422(act: Actions, document: str) -> None:
    resp = act.client.get(
        f"/api/v1/items/RR123456789VN/{document}", headers=act.world.auth("clerk")
    )
    assert resp.status_code == 422
    assert resp.mimetype == "application/problem+json"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_without_a_token_the_documents_are_401(
    act: Actions, code: str, document: str
) -> None:
    resp = act.client.get(f"/api/v1/items/{code}/{document}")
    assert resp.status_code == 401
    assert resp.mimetype == "application/problem+json"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_openapi_spec_documents_a_pdf_response(act: Actions, document: str) -> None:
    spec = act.client.get("/openapi.json").json
    ok = spec["paths"][f"/api/v1/items/{{code}}/{document}"]["get"]["responses"]["200"]
    assert ok["content"]["application/pdf"]["schema"]["format"] == "binary"
