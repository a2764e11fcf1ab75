import { PDFHexString, PDFString } from 'pdf-lib';

/**
 * A PDF text string: a literal for plain ASCII without delimiters (readable in the file),
 * otherwise UTF-16BE with its byte-order mark, as the PDF specification asks for Unicode.
 */
export function pdfText(s: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(s) && !/[()\\]/.test(s) ? PDFString.of(s) : PDFHexString.fromText(s);
}
