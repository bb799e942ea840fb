// What negotiation steps (SASL, bind) need from the session: write a string and wait for the next
// top-level element that answers it, within a timeout, failing if the stream ends meanwhile.
import type { Observable } from 'rxjs';
import type { XmlElement } from './xml-element.ts';

export interface StreamPort {
  write(xml: string): void;
  /**
   * Subscribing writes `xml` (when given) and then emits the first stanza for which `pick` returns a
   * value, and completes. `pick` may throw an XmppFailure to fail the step. `send` replaces the
   * plain write of `xml` (e.g. to count the stanza for XEP-0198).
   */
  request<T>(
    xml: string | null,
    pick: (stanza: XmlElement) => T | undefined,
    what: string,
    timeoutMs?: number,
    send?: () => void,
  ): Observable<T>;
}
