/*
 * A small reader for the HTML mammoth writes: well-formed, a dozen tags (p, h1–h6, ul, ol, li,
 * table, thead, tbody, tr, th, td, strong, em, u, s, sup, sub, a, br, img), attributes quoted,
 * text escaped. Not a general HTML parser: a void tag list and a forgiving close are enough.
 */

/** An element of the tree. */
export interface HtmlElement {
  readonly type: 'element';
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
}
/** A text node, entities decoded. */
export interface HtmlText {
  readonly type: 'text';
  readonly text: string;
}
export type HtmlNode = HtmlElement | HtmlText;

const VOID = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes &amp; &#233; &#x2019; … */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ent.toLowerCase()] ?? whole;
  });
}

/** Parses an HTML fragment into a root element `#root`. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { type: 'element', tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const re = /<!--[\s\S]*?-->|<\/([a-zA-Z][a-zA-Z0-9]*)\s*>|<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+)|</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null) {
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      const tag = m[1].toLowerCase();
      // Close up to the matching open tag; a stray close tag is ignored.
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
    } else if (m[2]) {
      const tag = m[2].toLowerCase();
      const attrs: Record<string, string> = {};
      const attrRe = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
      let a: RegExpExecArray | null;
      while ((a = attrRe.exec(m[3] ?? '')) !== null) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      const el: HtmlElement = { type: 'element', tag, attrs, children: [] };
      top.children.push(el);
      if (!VOID.has(tag) && !m[4]) stack.push(el);
    } else if (m[5] !== undefined) {
      top.children.push({ type: 'text', text: decodeEntities(m[5]) });
    } else if (m[0] === '<') {
      top.children.push({ type: 'text', text: '<' });
    }
  }
  return root;
}

/** All the text under a node, as read. */
export function textOf(node: HtmlNode): string {
  if (node.type === 'text') return node.text;
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}
