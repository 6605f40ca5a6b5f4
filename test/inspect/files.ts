/**
 * Real files for the inspection specifications, made in memory: a leaked e-mail (the leak set's
 * document), PDFs of it and of something else (pdf-lib), zips (jszip), photos and screenshots
 * (sharp, screenshots rendered from SVG text).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** The body of the leaked e-mail (about 130 words of French prose). */
export const LEAKED_BODY = [
  'Bonjour à tous,',
  'Je vous confirme que la réunion du comité stratégique aura lieu mercredi prochain à dix-huit heures au siège de la rue Sainte-Anne.',
  "Merci de préparer les éléments budgétaires pour la tournée des régions ainsi que le calendrier des déplacements du candidat pendant les deux dernières semaines de la campagne.",
  "Thomas enverra les chiffres définitifs des dons reçus en avril et l'état des dépenses engagées pour les meetings de Lyon, de Marseille et de Paris.",
  "Nous devrons aussi arrêter la liste des intervenants pour l'émission de jeudi soir et valider les éléments de langage sur la sécurité et sur l'emploi des jeunes.",
  'Je compte sur votre discrétion absolue : ces documents ne doivent pas circuler en dehors du comité.',
  'Bien cordialement,',
  'Alain',
].join('\n');

export const LEAKED_EMAIL = [
  'From: Alain Tourret <a.tourret@example.org>',
  'To: comite@example.org',
  'Subject: Réunion du comité stratégique',
  'Date: Tue, 2 May 2017 09:14:00 +0200',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  LEAKED_BODY,
  '',
].join('\r\n');

export const LEAKED_EMAIL_ID = 'mails/0007.eml';
export const LEAKED_EMAIL_SHA256 = createHash('sha256').update(LEAKED_EMAIL).digest('hex');

/** Unrelated prose of the same kind (a newsroom memo). */
export const UNRELATED_BODY = [
  'Chers collègues,',
  "Le conseil municipal se réunira lundi pour examiner le projet de rénovation de la médiathèque et le budget des associations sportives pour l'année prochaine.",
  "Les habitants du quartier de la gare ont déposé une pétition au sujet du stationnement ; nous leur répondrons par écrit avant la fin du mois.",
  "Pensez à transmettre vos propositions d'horaires d'été pour les piscines et les jardins publics au secrétariat général.",
  'Bonne semaine à tous,',
  'Claire',
].join('\n');

/** Splits text into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line, '');
  }
  return lines;
}

/** A PDF of `text` (pdf-lib, Helvetica), with a title and producer that change its bytes. */
export async function pdfOf(text: string, title = 'Document'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer(`test ${title}`);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let page = doc.addPage([595, 842]);
  let y = 800;
  for (const line of wrap(text, 90)) {
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 800;
    }
    page.drawText(line, { x: 40, y, size: 10, font });
    y -= 14;
  }
  return Buffer.from(await doc.save());
}

/** A PDF that starts like one and then is not (cut, then garbage). */
export async function damagedPdf(): Promise<Buffer> {
  const good = await pdfOf(LEAKED_BODY, 'damaged');
  const cut = good.subarray(0, Math.floor(good.length / 3));
  return Buffer.concat([cut, Buffer.from('\u0000garbage'.repeat(64))]);
}

export async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(entries)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A zip bomb: one entry of 16 MB of zeros, about 16 kB compressed (ratio about 1,000:1). */
export async function zipBomb(): Promise<Buffer> {
  return zipOf({ 'zeros.bin': Buffer.alloc(16 * 1024 * 1024) });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A screenshot of `text` as a mail client would show it: PNG rendered from SVG text by sharp. */
export async function screenshotOf(text: string, options: { fontSize?: number; dark?: boolean; header?: string } = {}): Promise<Buffer> {
  const size = options.fontSize ?? 16;
  const lineHeight = Math.round(size * 1.5);
  const lines = [...(options.header ? [options.header, ''] : []), ...wrap(text, 86)];
  const width = Math.round(size * 0.55 * 90) + 40;
  const height = 40 + lines.length * lineHeight;
  const [bg, fg] = options.dark ? ['#1e1f22', '#dbdee1'] : ['#ffffff', '#202124'];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="${bg}"/>` +
    lines.map((l, i) => `<text x="20" y="${30 + i * lineHeight}" font-family="DejaVu Sans, sans-serif" font-size="${size}" fill="${fg}">${escapeXml(l)}</text>`).join('') +
    '</svg>';
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * A photo-like image: overlapping coloured shapes and gradients, different for each `seed`, with
 * enough structure for a perceptual hash of high quality.
 */
export async function photoOf(seed: number, size = 640): Promise<Buffer> {
  let state = seed * 2654435761;
  const rand = () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
  const shapes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const colour = `rgb(${Math.floor(rand() * 255)},${Math.floor(rand() * 255)},${Math.floor(rand() * 255)})`;
    const x = Math.floor(rand() * size);
    const y = Math.floor(rand() * size);
    const r = 20 + Math.floor(rand() * size * 0.25);
    shapes.push(rand() < 0.5 ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}" fill-opacity="0.8"/>` : `<rect x="${x - r}" y="${y - r / 2}" width="${2 * r}" height="${r}" fill="${colour}" fill-opacity="0.7" transform="rotate(${Math.floor(rand() * 90)} ${x} ${y})"/>`);
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="rgb(${Math.floor(rand() * 255)},90,40)"/><stop offset="1" stop-color="rgb(20,${Math.floor(rand() * 255)},160)"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}

/** The photo as a chat app re-sends it: resized to half and recompressed. */
export async function resavedPhoto(photo: Buffer): Promise<Buffer> {
  const { width = 640 } = await sharp(photo).metadata();
  return sharp(photo).resize(Math.round(width / 2)).jpeg({ quality: 60 }).toBuffer();
}

/**
 * A temporary folder holding the leaked e-mail as `mails/0007.eml`, for a configuration's
 * `documents: [mails]`; removed after the calling test file.
 */
export async function folderWithLeakedMail(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'mails'));
  await writeFile(join(dir, 'mails', '0007.eml'), LEAKED_EMAIL);
  return dir;
}
