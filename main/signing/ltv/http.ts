/**
 * One binary POST (or GET) over Node's http/https, for the TSA, OCSP responders and CRL
 * distribution points: a timeout for the whole exchange, a size limit on the answer, and a
 * French UserError for each way it can fail. Runs in main or the worker, never the renderer.
 *
 * Through an HTTP proxy (the settings' « proxy »): an http target is asked with its absolute URI
 * as the request target (RFC 9112 §3.2.2); an https target goes through a CONNECT tunnel, TLS
 * being made end to end with the target. Proxy credentials written in its URL
 * (`http://nom:secret@proxy:3128`) go in `Proxy-Authorization` and never into a message.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { UserError } from '../../../shared/errors';

/** Network settings shared by every validation-data service. */
export interface HttpOptions {
  /** Whole exchange, in milliseconds (10 s by default). */
  readonly timeoutMs?: number;
  /** An HTTP proxy (`http://[nom:secret@]hôte:port`) every request goes through. */
  readonly proxy?: string;
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

/** `url` without its credentials (`http://***@proxy:3128/`), for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '***';
    u.password = '';
    return u.toString();
  } catch {
    // Not a URL: whatever sits before an « @ » may be a secret.
    return url.includes('@') ? `***@${url.slice(url.lastIndexOf('@') + 1)}` : url;
  }
}

/** GETs `url` (a CRL) and returns the answer's body (HTTP 200 only). */
export function getBinary(url: string, what: string, opts: HttpOptions = {}): Promise<Buffer> {
  return exchange('GET', url, undefined, { contentType: '', accept: '*/*', what }, opts);
}

/** POSTs `body` to `url` and returns the answer's body (HTTP 200 only). */
export function postBinary(url: string, body: Buffer, kind: BinaryPost, opts: HttpOptions = {}): Promise<Buffer> {
  return exchange('POST', url, body, kind, opts);
}

/** A proxy as used here: where it is, what it is called in messages, its Basic credentials. */
interface Proxy {
  readonly host: string;
  readonly port: number;
  readonly shown: string;
  readonly authorization?: string;
}

function proxyOf(url: string): Proxy {
  const bad = () => new UserError('NET_BAD_PROXY', `L’adresse du proxy (« ${redactUrl(url)} ») est invalide : indiquez une adresse de la forme http://proxy.exemple.gouv.fr:3128 dans les réglages.`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad();
  }
  if (u.protocol !== 'http:' || !u.hostname) throw bad();
  const user = decodeURIComponent(u.username);
  const secret = decodeURIComponent(u.password);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : 80,
    shown: `http://${u.host}`,
    authorization: user || secret ? `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` : undefined,
  };
}

function exchange(method: 'GET' | 'POST', url: string, body: Buffer | undefined, kind: BinaryPost, opts: HttpOptions): Promise<Buffer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new UserError('NET_BAD_URL', `${kind.what} a une adresse invalide (« ${redactUrl(url)} ») : indiquez une adresse http:// ou https://.`));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new UserError('NET_BAD_URL', `${kind.what} a une adresse invalide (« ${redactUrl(url)} ») : indiquez une adresse http:// ou https://.`));
  }
  let proxy: Proxy | undefined;
  try {
    proxy = opts.proxy ? proxyOf(opts.proxy) : undefined;
  } catch (e) {
    return Promise.reject(e);
  }
  const shownUrl = redactUrl(url);
  const via = proxy ? ` (par le proxy ${proxy.shown})` : '';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: OutgoingHttpHeaders = body ? { 'Content-Type': kind.contentType, Accept: kind.accept, 'Content-Length': body.length } : { Accept: kind.accept };
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    let req: ClientRequest | undefined;
    let tunnel: ClientRequest | undefined;
    const fail = (e: UserError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      tunnel?.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new UserError('NET_TIMEOUT', `${kind.what} (${shownUrl}) n’a pas répondu en ${Math.max(1, Math.round(timeoutMs / 1000))} s${via}. Vérifiez votre connexion au réseau, puis réessayez.`)), timeoutMs);
    const onAnswer = (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        const hint = proxy && (res.statusCode === 407 || res.statusCode === 502 || res.statusCode === 504)
          ? ' Le proxy n’a pas transmis la demande : vérifiez l’adresse du proxy dans les réglages.'
          : ' Vérifiez son adresse, ou réessayez plus tard.';
        fail(new UserError('NET_HTTP_STATUS', `${kind.what} (${shownUrl}) a répondu par l’erreur HTTP ${res.statusCode ?? '?'}${via}.${hint}`));
        return;
      }
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) fail(new UserError('NET_TOO_LARGE', `${kind.what} (${shownUrl}) a envoyé une réponse anormalement grande. Vérifiez son adresse.`));
        else parts.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(Buffer.concat(parts));
      });
      res.on('error', () => fail(new UserError('NET_FAILED', `La réponse de ${kind.what.toLowerCase()} (${shownUrl}) a été interrompue. Réessayez.`)));
    };
    const onError = (e: NodeJS.ErrnoException) => {
      const where = proxy && !tunnelOpen && (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' || e.code === 'EAI_AGAIN')
        ? `Le proxy (${proxy.shown}) est injoignable (${e.code}) : ${kind.what.charAt(0).toLowerCase()}${kind.what.slice(1)} (${shownUrl}) n’a pas pu être jointe. Vérifiez l’adresse du proxy dans les réglages et votre connexion au réseau.`
        : `${kind.what} (${shownUrl}) est injoignable (${e.code ?? e.message})${via}. Vérifiez votre connexion au réseau et l’adresse, puis réessayez.`;
      fail(new UserError('NET_UNREACHABLE', where));
    };
    let tunnelOpen = false;
    const send = (make: () => ClientRequest) => {
      req = make();
      req.on('error', onError);
      req.end(body);
    };

    if (!proxy) {
      send(() => (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method, headers }, onAnswer));
      return;
    }
    const p = proxy;
    const targetPort = target.port || (target.protocol === 'https:' ? '443' : '80');
    const proxyHeaders: OutgoingHttpHeaders = p.authorization ? { 'Proxy-Authorization': p.authorization } : {};
    if (target.protocol === 'http:') {
      // Absolute-URI form: the proxy makes the request for us.
      send(() => httpRequest({ host: p.host, port: p.port, method, path: target.href, headers: { ...headers, ...proxyHeaders, Host: target.host } }, onAnswer));
      return;
    }
    // https: a CONNECT tunnel to the target, then TLS with the target through it.
    const authority = `${target.hostname.includes(':') && !target.hostname.startsWith('[') ? `[${target.hostname}]` : target.hostname}:${targetPort}`;
    tunnel = httpRequest({ host: p.host, port: p.port, method: 'CONNECT', path: authority, headers: { ...proxyHeaders, Host: authority } });
    tunnel.on('error', onError);
    tunnel.on('connect', (res: IncomingMessage, socket: Socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        const why = res.statusCode === 407
          ? ' Il demande une authentification : écrivez l’identifiant dans l’adresse du proxy (http://identifiant:mot-de-passe@proxy:port) dans les réglages.'
          : ' Vérifiez l’adresse du proxy dans les réglages, ou demandez à votre service informatique d’autoriser cette adresse.';
        fail(new UserError('NET_PROXY_REFUSED', `Le proxy (${p.shown}) a refusé d’ouvrir la connexion vers ${shownUrl} (HTTP ${res.statusCode ?? '?'}).${why}`));
        return;
      }
      tunnelOpen = true;
      send(() => httpsRequest(target, {
        method,
        headers,
        createConnection: () => {
          const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
          return tlsConnect({ socket, ...(isIP(host) ? {} : { servername: host }) });
        },
      }, onAnswer));
    });
    tunnel.end();
  });
}
