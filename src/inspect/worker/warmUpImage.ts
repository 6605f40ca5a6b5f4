/**
 * A small screenshot made in memory for the warm-up: inspecting it once runs the whole path a
 * real screenshot takes (type by content, PDQ, the background test, OCR's first recognition,
 * which is slower than the next ones), so that the first image posted is not the one paying for
 * loading those modules. Its text is fixed and matched against nothing.
 */
const TEXT = "Bonjour à tous, voici la capture d'écran du message de ce matin.";

export async function warmUpImage(): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="80">' +
    '<rect width="100%" height="100%" fill="#ffffff"/>' +
    `<text x="20" y="48" font-family="DejaVu Sans, sans-serif" font-size="18" fill="#202124">${TEXT.replace(/'/g, '&#39;')}</text>` +
    '</svg>';
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}
