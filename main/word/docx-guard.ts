import { inflateRawSync } from 'node:zlib';
import { UserError } from '../../shared/errors';

/*
 * Checks a file before mammoth opens it. mammoth (through JSZip) inflates whatever the zip
 * holds into memory: a .docx of a few kilobytes that expands to gigabytes would take the
 * process down, and an old .doc or a password-protected .docx (both OLE « compound files »,
 * not zips) would fail with an English stack trace. So the zip's central directory is read by
 * hand, its declared sizes and entry count are checked against limits, and every entry is then
 * inflated with Node's zlib under a cap equal to its declared size (a lying header is caught
 * without ever producing more than the limit).
 */

/** A .docx larger than this on disk is refused (real conventions weigh well under 5 MB). */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024;
/** Sum of the declared uncompressed sizes of all entries. */
export const MAX_UNCOMPRESSED_BYTES = 120 * 1024 * 1024;
/** Entries in the zip (a Word document has a few dozen). */
export const MAX_ENTRIES = 2000;

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;

/** What the guard learnt about a zip it accepted. */
export interface ZipSummary {
  readonly entries: number;
  readonly uncompressedBytes: number;
}

const fail = (code: string, message: string): never => {
  throw new UserError(code, message);
};

/** « rapport.docx » → « « rapport.docx » », or « Ce fichier ». */
function named(fileName: string | undefined): string {
  return fileName ? `« ${fileName} »` : 'Ce fichier';
}

/**
 * Refuses, with a French message that says what to do, anything that is not a plain .docx
 * small enough to read: an OLE file (.doc, or a .docx protected by a password), a file that
 * is not a zip, a damaged zip, a zip bomb. Returns what it counted.
 */
export function checkDocx(bytes: Uint8Array, fileName?: string): ZipSummary {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = named(fileName);
  if (buf.length === 0) fail('word-empty', `${name} est vide. Choisissez un document Word (.docx) enregistré.`);
  if (buf.length > MAX_DOCX_BYTES) {
    fail('word-too-large', `${name} pèse ${Math.round(buf.length / 1024 / 1024)} Mo, plus que les ${MAX_DOCX_BYTES / 1024 / 1024} Mo admis. Retirez les images volumineuses du document, enregistrez-le, puis réessayez.`);
  }
  if (buf.subarray(0, 8).equals(CFB_MAGIC)) {
    // Both are OLE compound files; an encrypted .docx holds an « EncryptedPackage » stream.
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le')) || buf.includes(Buffer.from('EncryptionInfo', 'utf16le')) || /\.docx$/i.test(fileName ?? '')) {
      fail('word-encrypted', `${name} est protégé par un mot de passe. Ouvrez-le dans Word, retirez la protection (Fichier > Informations > Protéger le document > Chiffrer avec mot de passe : effacez le mot de passe), enregistrez-le, puis importez-le à nouveau.`);
    }
    fail('word-doc', `${name} est un document Word ancien format (.doc), que Paraphe ne lit pas. Ouvrez-le dans Word ou LibreOffice et enregistrez-le au format « Document Word (.docx) », puis importez ce nouveau fichier.`);
  }
  if (buf.readUInt32LE(0) !== LFH_SIG || buf.length < 22) {
    fail('word-not-docx', `${name} n'est pas un document Word (.docx) lisible. Vérifiez le fichier choisi, ou ouvrez-le dans Word et enregistrez-le au format .docx.`);
  }
  const damaged = (why: string): never =>
    fail('word-corrupt', `${name} est endommagé (${why}) : Paraphe ne peut pas le lire. Ouvrez-le dans Word, qui propose souvent de le réparer, enregistrez-le, puis réessayez.`);
  const bomb = (why: string): never =>
    fail('word-too-large', `${name} a été refusé : ${why}. Un document Word ordinaire n'en approche pas ; s'il vient d'un tiers, ne l'ouvrez pas et demandez-lui une autre copie.`);

  // End of central directory: within the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i -= 1) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) damaged('fin d’archive introuvable');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 markers: Word never writes a zip that needs them.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) bomb('archive au format ZIP64 (plus de 4 Go ou de 65 535 éléments)');
  if (count > MAX_ENTRIES) bomb(`l'archive contient ${count} éléments (au plus ${MAX_ENTRIES})`);
  if (cdOffset + cdSize > eocd) damaged('répertoire de l’archive hors du fichier');

  let total = 0;
  let hasDocument = false;
  let p = cdOffset;
  const entries: Array<{ name: string; method: number; compressed: number; size: number; local: number }> = [];
  for (let n = 0; n < count; n += 1) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH_SIG) damaged('répertoire de l’archive illisible');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entryName = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (size === 0xffffffff || compressed === 0xffffffff) bomb(`l'élément « ${entryName} » déclare plus de 4 Go`);
    total += size;
    if (total > MAX_UNCOMPRESSED_BYTES) {
      bomb(`une fois décompressé, il occuperait plus de ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} Mo`);
    }
    if (entryName === 'word/document.xml') hasDocument = true;
    entries.push({ name: entryName, method, compressed, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (!hasDocument) {
    fail('word-not-docx', `${name} est une archive mais pas un document Word (.docx) : son texte (word/document.xml) est absent. Vérifiez le fichier choisi.`);
  }

  // The declared sizes are only claims: inflate each entry, never beyond what it declares.
  for (const e of entries) {
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== LFH_SIG) damaged(`élément « ${e.name} » introuvable`);
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    if (start + e.compressed > buf.length) damaged(`élément « ${e.name} » tronqué`);
    const data = buf.subarray(start, start + e.compressed);
    if (e.method === 0) {
      if (e.compressed !== e.size) damaged(`élément « ${e.name} » de taille incohérente`);
    } else if (e.method === 8) {
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          bomb(`l'élément « ${e.name} » se décompresse au-delà de la taille qu'il annonce`);
        }
        damaged(`élément « ${e.name} » illisible`);
        throw err;
      }
      if (out.length !== e.size) damaged(`élément « ${e.name} » de taille incohérente`);
    } else {
      damaged(`méthode de compression ${e.method} inconnue pour « ${e.name} »`);
    }
  }
  return { entries: count, uncompressedBytes: total };
}
