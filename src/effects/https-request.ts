// HTTPS request effect: one request, the whole response (any status — 4xx/5xx are answers, not
// failures), or a NetFailure.
import { Observable } from 'rxjs';
import { messages } from './failure-messages.ts';
import { openHttpsExchange, type HttpsExchangeOptions } from './https-exchange.ts';
import { netFailure } from './net-failure.ts';

export interface HttpsRequestOptions extends HttpsExchangeOptions {
  /** Larger bodies fail with kind 'http'; default 16 MiB. */
  maxBodyBytes?: number;
}

export interface HttpsResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

const DEFAULT_MAX_BODY = 16 << 20;

/** Emits the response once and completes, or errors with a NetFailure. timeoutMs covers the whole exchange. */
export function httpsRequest(options: HttpsRequestOptions): Observable<HttpsResponse> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return new Observable<HttpsResponse>((subscriber) => {
    const exchange = openHttpsExchange(options, {
      onFailure: (failure) => subscriber.error(failure),
      onResponse: (response, head) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBody) {
            const where = exchange.where;
            return exchange.fail(netFailure('http', where, messages.http(where, `sent a response larger than ${maxBody} bytes`), 'BODY_TOO_LARGE'));
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          if (subscriber.closed) return;
          const body = Buffer.concat(chunks);
          subscriber.next({ ...head, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
          subscriber.complete();
        });
      },
    });
    return () => exchange.close();
  });
}
