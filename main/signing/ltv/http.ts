/**
 * One binary POST (or GET) over Node's http/https, for the TSA and, later, OCSP responders and
 * CRL distribution points: a timeout for the whole exchange, a size limit on the answer, and a
 * French UserError for each way it can fail. Runs in main or the worker, never the renderer.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UserError } from '../../../shared/errors';

/** Network settings shared by every validation-data service. */
export interface HttpOptions {
  /** Whole exchange, in milliseconds (10 s by default). */
  readonly timeoutMs?: number;
}

/** Answers larger than this are refused (a token, an OCSP response or a CRL is far smaller). */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

const DEFAULT_TIMEOUT_MS = 10_000;

/** What is sent, and who the messages name (« L’autorité d’horodatage »). */
export interface BinaryPost {
  readonly contentType: string;
  readonly accept: string;
  readonly what: string;
}

/** GETs `url` (a CRL) and returns the answer's body (HTTP 200 only). */
export function getBinary(url: string, what: string, opts: HttpOptions = {}): Promise<Buffer> {
  return exchange('GET', url, undefined, { contentType: '', accept: '*/*', what }, opts);
}

/** POSTs `body` to `url` and returns the answer's body (HTTP 200 only). */
export function postBinary(url: string, body: Buffer, kind: BinaryPost, opts: HttpOptions = {}): Promise<Buffer> {
  return exchange('POST', url, body, kind, opts);
}

function exchange(method: 'GET' | 'POST', url: string, body: Buffer | undefined, kind: BinaryPost, opts: HttpOptions): Promise<Buffer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new UserError('NET_BAD_URL', `${kind.what} a une adresse invalide (« ${url} ») : indiquez une adresse http:// ou https://.`));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new UserError('NET_BAD_URL', `${kind.what} a une adresse invalide (« ${url} ») : indiquez une adresse http:// ou https://.`));
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const fail = (e: UserError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new UserError('NET_TIMEOUT', `${kind.what} (${url}) n’a pas répondu en ${Math.round(timeoutMs / 1000)} s. Vérifiez votre connexion au réseau, puis réessayez.`)), timeoutMs);
    const req = send(target, {
      method,
      headers: body ? { 'Content-Type': kind.contentType, Accept: kind.accept, 'Content-Length': body.length } : { Accept: kind.accept },
    }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(new UserError('NET_HTTP_STATUS', `${kind.what} (${url}) a répondu par l’erreur HTTP ${res.statusCode ?? '?'}. Vérifiez son adresse, ou réessayez plus tard.`));
        return;
      }
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) fail(new UserError('NET_TOO_LARGE', `${kind.what} (${url}) a envoyé une réponse anormalement grande. Vérifiez son adresse.`));
        else parts.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(Buffer.concat(parts));
      });
      res.on('error', () => fail(new UserError('NET_FAILED', `La réponse de ${kind.what.toLowerCase()} (${url}) a été interrompue. Réessayez.`)));
    });
    req.on('error', (e: NodeJS.ErrnoException) => fail(new UserError('NET_UNREACHABLE', `${kind.what} (${url}) est injoignable (${e.code ?? e.message}). Vérifiez votre connexion au réseau et l’adresse, puis réessayez.`)));
    req.end(body);
  });
}
