/**
 * Amounts in French words, traditional spelling (« vingt et un », « quatre-vingts »,
 * « deux cents »), as written in conventions: « deux cent vingt mille euros »,
 * « un million d'euros », « cent euros et cinquante centimes ».
 */

const UNITS = [
  'zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix',
  'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize',
] as const;
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'] as const;

/** 0–99. `final`: nothing follows, so « quatre-vingts » keeps its s. */
function belowHundred(n: number, final: boolean): string {
  if (n <= 16) return UNITS[n]!;
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  const ten = Math.floor(n / 10);
  const unit = n % 10;
  if (ten === 7 || ten === 9) {
    // soixante-dix…, quatre-vingt-dix…: the base carries the 10–19 part.
    const base = ten === 7 ? 'soixante' : 'quatre-vingt';
    const rest = n - (ten === 7 ? 60 : 80);
    const joiner = ten === 7 && rest === 11 ? ' et ' : '-';
    return `${base}${joiner}${belowHundred(rest, true)}`;
  }
  if (ten === 8) return unit === 0 ? (final ? 'quatre-vingts' : 'quatre-vingt') : `quatre-vingt-${UNITS[unit]}`;
  if (unit === 0) return TENS[ten]!;
  if (unit === 1) return `${TENS[ten]} et un`;
  return `${TENS[ten]}-${UNITS[unit]}`;
}

/** 0–999. `final`: « deux cents » / « quatre-vingts » agree only when nothing but a noun follows. */
function belowThousand(n: number, final: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(rest, final);
  const head = hundreds === 1 ? 'cent' : `${UNITS[hundreds]} cent${rest === 0 && final ? 's' : ''}`;
  return rest === 0 ? head : `${head} ${belowHundred(rest, final)}`;
}

/** A whole number in words (0 ≤ n < 10^15). */
export function integerInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e15) throw new RangeError(`nombre hors limites : ${n}`);
  if (n === 0) return 'zéro';
  const parts: string[] = [];
  const scales: Array<[number, string, string]> = [
    [1e12, 'billion', 'billions'],
    [1e9, 'milliard', 'milliards'],
    [1e6, 'million', 'millions'],
  ];
  let rest = n;
  for (const [size, one, many] of scales) {
    const count = Math.floor(rest / size);
    rest %= size;
    // Million and milliard are nouns: « deux cents millions », « quatre-vingts millions ».
    if (count > 0) parts.push(`${belowThousand(count, true)} ${count > 1 ? many : one}`);
  }
  const thousands = Math.floor(rest / 1000);
  rest %= 1000;
  // Mille is invariable and never preceded by « un »; what precedes it does not agree.
  if (thousands > 0) parts.push(thousands === 1 ? 'mille' : `${belowThousand(thousands, false)} mille`);
  if (rest > 0) parts.push(belowThousand(rest, true));
  return parts.join(' ');
}

/** 22000000 cents → « deux cent vingt mille euros »; 100000000 → « un million d'euros ». */
export function amountInWords(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`montant invalide : ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  const centimes = abs % 100;
  const words: string[] = [];
  if (euros > 0 || centimes === 0) {
    const text = integerInWords(euros);
    // « un million d'euros », but « un million deux cents euros ».
    const elision = euros >= 1e6 && euros % 1e6 === 0 ? " d'euros" : euros > 1 ? ' euros' : ' euro';
    words.push(text + elision);
  }
  if (centimes > 0) {
    words.push(`${integerInWords(centimes)} centime${centimes > 1 ? 's' : ''}`);
  }
  return (negative ? 'moins ' : '') + words.join(' et ');
}
