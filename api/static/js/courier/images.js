// Photos from the phone's camera are several MB; the API takes images up to 1 MB.
// Shrink to at most 1600 px on the long side as JPEG before keeping them in the queue.
const LIMIT = 950_000;

function encode(canvas, quality) {
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
}

/** A JPEG Blob of the picture, small enough to upload. */
export async function shrinkPhoto(file, maxSide = 1600) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  let quality = 0.82;
  let blob = await encode(canvas, quality);
  while (blob.size > LIMIT && quality > 0.35) {
    quality -= 0.15;
    blob = await encode(canvas, quality);
  }
  return blob;
}
