// Printing an item's PDFs (bag label, consignment note): they need the token, so the
// page fetches them and opens the file in a new tab (or downloads it if pop-ups are off).
import { fetchBlob, openBlob, saveBlob } from "../api.js";
import { problemText } from "../ui.js";

const DOCUMENTS = {
  label: { path: "label.pdf", name: "nhãn túi", file: "label" },
  note: { path: "consignment-note.pdf", name: "phiếu gửi", file: "phieu-gui" },
};

/** Fetch and open one PDF of item `code`; `status` (an element) says what happened. */
export async function printDocument(code, kind, status) {
  const doc = DOCUMENTS[kind];
  status.textContent = `Đang tạo ${doc.name}…`;
  try {
    const blob = await fetchBlob(`/items/${encodeURIComponent(code)}/${doc.path}`);
    if (openBlob(blob)) {
      status.textContent = `Đã mở ${doc.name} ${code} trong thẻ mới: bấm In (Ctrl+P).`;
    } else {
      saveBlob(blob, `${code}-${doc.file}.pdf`);
      status.textContent = `Trình duyệt chặn cửa sổ mới: đã tải ${doc.name} ${code} về máy.`;
    }
  } catch (err) {
    status.textContent = problemText(err);
  }
}
