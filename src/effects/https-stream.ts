// Streaming HTTPS for long-lived chunked responses (the XSI-Events channel): the response head
// first, then each chunk as it arrives. timeoutMs covers only the wait for the head.
import { Observable } from 'rxjs';
import { openHttpsExchange, type HttpsExchangeOptions, type HttpsResponseHead } from './https-exchange.ts';

export type HttpsStreamEvent =
  | ({ type: 'response' } & HttpsResponseHead)
  | { type: 'chunk'; bytes: Uint8Array };

/** Completes when the server ends the response; errors with a NetFailure; unsubscribing closes the connection. */
export function httpsStream(options: HttpsExchangeOptions): Observable<HttpsStreamEvent> {
  return new Observable<HttpsStreamEvent>((subscriber) => {
    const exchange = openHttpsExchange(options, {
      onFailure: (failure) => subscriber.error(failure),
      onResponse: (response, head) => {
        exchange.stopTimer();
        subscriber.next({ type: 'response', ...head });
        response.on('data', (chunk: Buffer) => {
          subscriber.next({ type: 'chunk', bytes: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) });
        });
        response.on('end', () => subscriber.complete());
      },
    });
    return () => exchange.close();
  });
}
