/**
 * SVG path data (`d`) to PDF path construction operators (m, l, c, h), in the path's own
 * units: the caller places them with a `cm` matrix. Every SVG command is read, relative and
 * absolute, with the compact syntax drawings use (« .5.5 », « -.9 », arc flags written
 * without spaces: « a10.7 10.7 0 01.3-2.2 »); quadratic curves and arcs become cubic curves.
 */

const ARGS: Readonly<Record<string, number>> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

/** A malformed path: the artwork is checked by tests, so this only meets a bad edit. */
export class SvgPathError extends Error {}

/** The commands of `d` with their numbers, repeated commands split apart (« l1 2 3 4 » is two). */
export function parsePath(d: string): Array<{ cmd: string; args: number[] }> {
  const out: Array<{ cmd: string; args: number[] }> = [];
  let i = 0;
  const skip = () => {
    while (i < d.length && /[\s,]/.test(d[i]!)) i += 1;
  };
  let cmd = '';
  for (;;) {
    skip();
    if (i >= d.length) break;
    if (/[a-zA-Z]/.test(d[i]!)) {
      cmd = d[i]!;
      if (ARGS[cmd.toLowerCase()] === undefined) throw new SvgPathError(`Commande de tracé inconnue « ${cmd} »`);
      i += 1;
      if (cmd.toLowerCase() === 'z') {
        out.push({ cmd, args: [] });
        continue;
      }
    } else if (!cmd || cmd.toLowerCase() === 'z') {
      throw new SvgPathError(`Nombre sans commande à la position ${i}`);
    }
    const n = ARGS[cmd.toLowerCase()]!;
    const args: number[] = [];
    for (let k = 0; k < n; k += 1) {
      skip();
      // Arc flags are one digit each, and may touch what follows.
      if (cmd.toLowerCase() === 'a' && (k === 3 || k === 4)) {
        const f = d[i];
        if (f !== '0' && f !== '1') throw new SvgPathError(`Drapeau d'arc attendu à la position ${i}`);
        args.push(Number(f));
        i += 1;
        continue;
      }
      const m = NUMBER.exec(d.slice(i));
      if (!m) throw new SvgPathError(`Nombre attendu à la position ${i}`);
      args.push(Number(m[0]));
      i += m[0].length;
    }
    out.push({ cmd, args });
    // A moveto followed by more pairs draws lines to them.
    if (cmd === 'm') cmd = 'l';
    else if (cmd === 'M') cmd = 'L';
  }
  return out;
}

const fmt = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return r === 0 ? '0' : String(r);
};

/** PDF operators drawing `d`, coordinates in the path's units (y as in SVG: the matrix flips it). */
export function pathOperators(d: string): string {
  const ops: string[] = [];
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  // The last control point, for the smooth curves S and T.
  let cx = 0;
  let cy = 0;
  let prev = '';
  const curve = (x1: number, y1: number, x2: number, y2: number, ex: number, ey: number) => {
    ops.push(`${fmt(x1)} ${fmt(y1)} ${fmt(x2)} ${fmt(y2)} ${fmt(ex)} ${fmt(ey)} c`);
  };
  const quad = (qx: number, qy: number, ex: number, ey: number) => {
    curve(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey), ex, ey);
  };
  for (const { cmd, args } of parsePath(d)) {
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    const c = cmd.toLowerCase();
    switch (c) {
      case 'm':
        x = ox + args[0]!;
        y = oy + args[1]!;
        sx = x;
        sy = y;
        ops.push(`${fmt(x)} ${fmt(y)} m`);
        break;
      case 'l':
      case 'h':
      case 'v':
        if (c === 'l') [x, y] = [ox + args[0]!, oy + args[1]!];
        else if (c === 'h') x = ox + args[0]!;
        else y = oy + args[0]!;
        ops.push(`${fmt(x)} ${fmt(y)} l`);
        break;
      case 'c': {
        const [x1, y1, x2, y2, ex, ey] = [ox + args[0]!, oy + args[1]!, ox + args[2]!, oy + args[3]!, ox + args[4]!, oy + args[5]!];
        curve(x1, y1, x2, y2, ex, ey);
        [cx, cy, x, y] = [x2, y2, ex, ey];
        break;
      }
      case 's': {
        const [x1, y1] = prev === 'c' || prev === 's' ? [2 * x - cx, 2 * y - cy] : [x, y];
        const [x2, y2, ex, ey] = [ox + args[0]!, oy + args[1]!, ox + args[2]!, oy + args[3]!];
        curve(x1, y1, x2, y2, ex, ey);
        [cx, cy, x, y] = [x2, y2, ex, ey];
        break;
      }
      case 'q': {
        const [qx, qy, ex, ey] = [ox + args[0]!, oy + args[1]!, ox + args[2]!, oy + args[3]!];
        quad(qx, qy, ex, ey);
        [cx, cy, x, y] = [qx, qy, ex, ey];
        break;
      }
      case 't': {
        const [qx, qy] = prev === 'q' || prev === 't' ? [2 * x - cx, 2 * y - cy] : [x, y];
        const [ex, ey] = [ox + args[0]!, oy + args[1]!];
        quad(qx, qy, ex, ey);
        [cx, cy, x, y] = [qx, qy, ex, ey];
        break;
      }
      case 'a': {
        const [ex, ey] = [ox + args[5]!, oy + args[6]!];
        for (const seg of arcCurves(x, y, args[0]!, args[1]!, args[2]!, args[3]! === 1, args[4]! === 1, ex, ey)) curve(...seg);
        [x, y] = [ex, ey];
        break;
      }
      case 'z':
        ops.push('h');
        [x, y] = [sx, sy];
        break;
    }
    prev = c;
  }
  return ops.join('\n');
}

type Cubic = [number, number, number, number, number, number];

/** An SVG elliptical arc as cubic curves of a quarter turn or less (SVG 1.1, appendix F.6). */
function arcCurves(x1: number, y1: number, rxIn: number, ryIn: number, angle: number, large: boolean, sweep: boolean, x2: number, y2: number): Cubic[] {
  if (x1 === x2 && y1 === y2) return [];
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) return [[x1, y1, x2, y2, x2, y2]];
  const phi = (angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const k = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (k * rx * yp) / ry;
  const cyp = (-k * ry * xp) / rx;
  const centreX = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const centreY = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angleOf = (ux: number, uy: number, vx: number, vy: number) => {
    const a = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    return a;
  };
  const theta = angleOf(1, 0, (xp - cxp) / rx, (yp - cyp) / ry);
  let delta = angleOf((xp - cxp) / rx, (yp - cyp) / ry, (-xp - cxp) / rx, (-yp - cyp) / ry);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const n = Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9);
  const step = delta / n;
  const t = (4 / 3) * Math.tan(step / 4);
  const point = (a: number): [number, number] => [
    centreX + rx * Math.cos(a) * cos - ry * Math.sin(a) * sin,
    centreY + rx * Math.cos(a) * sin + ry * Math.sin(a) * cos,
  ];
  const deriv = (a: number): [number, number] => [
    -rx * Math.sin(a) * cos - ry * Math.cos(a) * sin,
    -rx * Math.sin(a) * sin + ry * Math.cos(a) * cos,
  ];
  const out: Cubic[] = [];
  for (let i = 0; i < n; i += 1) {
    const a0 = theta + i * step;
    const a1 = a0 + step;
    const [p0x, p0y] = point(a0);
    const [p1x, p1y] = i === n - 1 ? [x2, y2] : point(a1);
    const [d0x, d0y] = deriv(a0);
    const [d1x, d1y] = deriv(a1);
    out.push([p0x + t * d0x, p0y + t * d0y, p1x - t * d1x, p1y - t * d1y, p1x, p1y]);
  }
  return out;
}
