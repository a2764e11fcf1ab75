/**
 * Dates as signatures write them: the stamp's « 2020.03.23 21:37:43 +01'00' » and /M's
 * `D:20200323213743+01'00'`, both in the machine's time zone with its offset, and the parser of
 * /M. Apart from the stamp's drawing so that the verifier loads no font code (pdf-lib).
 */

/** « 2020.03.23 21:37:43 +01'00' » in the machine's time zone, like Acrobat's stamp. */
export function stampDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}.${p(d.getMonth() + 1)}.${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${tzOffset(d, "'")}'`;
}

function tzOffset(d: Date, sep: string): string {
  const off = -d.getTimezoneOffset();
  if (off === 0 && sep === '') return 'Z';
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${sep}${String(a % 60).padStart(2, '0')}`;
}

/** PDF date string `D:20200323213743+01'00'` for /M. */
export function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}${tzOffset(d, "'")}'`;
}

/** Parses a PDF date string (`D:YYYYMMDDHHmmSSOHH'mm'`), undefined when malformed. */
export function parsePdfDate(s: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(s);
  if (!m) return undefined;
  const [, y, mo = '01', da = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  let t = Date.UTC(+y!, +mo - 1, +da, +h, +mi, +se);
  if (sign === '+' || sign === '-') t -= (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60_000;
  return new Date(t);
}
