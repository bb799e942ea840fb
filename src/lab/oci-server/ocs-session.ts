// One OCS connection: frames documents on </BroadsoftDocument> (oci-p.md §2), tells OCI from CAP
// by the root's protocol attribute (cap.md §1), answers OCI commands in order on one line
// (oci-p.md §12) and hands CAP documents to the CAP session sharing this connection.
import { createDocumentSplitter } from '../../codecs/framing/index.ts';
import { decodeOciCommand, decodeOciEnvelope, ociCommandTypeName, renderOciDocument } from '../../codecs/oci/envelope.ts';
import { broadsoftProtocol } from '../../codecs/oci/protocol-of.ts';
import type { OciRequest, OciResponse } from '../../codecs/oci/types.ts';
import { encodeDocument, type DocumentEncoding } from '../../codecs/text/encoding.ts';
import { parseXmlDocument, type XmlElement } from '../../codecs/xml/index.ts';
import type { LabConnection, LabProtocolSession } from '../net/connection.ts';
import { replyEncoding } from './encoding.ts';
import { injectedOciAnswer } from './injected-answers.ts';
import * as errors from './errors.ts';
import { handleOciRequest, isLoginRequest, requestLengthViolation, type OciServerContext, type OciSessionState } from './oci-commands.ts';
import { DEFAULT_OCI_TIMEOUTS, type OciServerTimeouts } from './types.ts';

/** The CAP side of a connection (cap-session.ts). */
export interface CapSessionPort {
  handle(root: XmlElement, encoding: DocumentEncoding): void;
  close(): void;
}

export interface OcsSessionHooks {
  createCap(connection: LabConnection, oci: OcsSession): CapSessionPort;
  onError?(error: unknown): void;
  /** oci-p.md §2: a newline between the declaration and the root of each answer. */
  declarationNewline?: boolean;
  timeouts?: OciServerTimeouts;
}

export const MAX_REQUEST_BYTES = 1024 * 1024;

const REQUEST_TYPES = new Set<string>([
  'AuthenticationRequest',
  'LoginRequest14sp4',
  'LoginRequest22V5',
  'LogoutRequest',
  'SystemSoftwareVersionGetRequest',
  'UserIntegratedIMPGetRequest21sp1',
  'VerifySessionIsValidRequest',
]);

function isRequest(type: string): boolean {
  return REQUEST_TYPES.has(type) || type.startsWith('UserGetRequest');
}

export class OcsSession implements LabProtocolSession {
  readonly state: OciSessionState = { user: null, nonces: new Map() };
  // Client documents are small (login, a few commands): 1 MiB bounds memory per connection.
  private readonly splitter = createDocumentSplitter({ mode: 'endTag', endTag: '</BroadsoftDocument>' }, { maxDocumentBytes: MAX_REQUEST_BYTES });
  private readonly cap: CapSessionPort;
  private lastSessionId = 'lab-ocs';
  private lastEncoding: DocumentEncoding = 'ISO-8859-1';
  private loginSeen = false;
  private readonly timeouts: Required<OciServerTimeouts>;
  private idleTimer: NodeJS.Timeout | null = null;
  private documentTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly connection: LabConnection,
    private readonly ctx: OciServerContext,
    private readonly hooks: OcsSessionHooks,
  ) {
    this.cap = hooks.createCap(connection, this);
    this.timeouts = { ...DEFAULT_OCI_TIMEOUTS, ...hooks.timeouts };
    this.armIdle();
  }

  /** Idle: nothing from the client for idleMs — a logged-in session is logged out, then the socket closes. */
  private armIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.timeouts.idleMs <= 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.connection.closed) return;
      // oci-p.md §6: the OCS may push LogoutRequest; the lab does so when it drops an idle session.
      if (!this.pushLogout('Open Client Server Forced Logout')) this.connection.close();
    }, this.timeouts.idleMs);
    this.idleTimer.unref();
  }

  /** A document begun and not finished within unfinishedDocumentMs closes the connection. */
  private armDocument(): void {
    const pending = this.splitter.buffered > 0;
    if (!pending) {
      if (this.documentTimer !== null) clearTimeout(this.documentTimer);
      this.documentTimer = null;
      return;
    }
    if (this.documentTimer !== null || this.timeouts.unfinishedDocumentMs <= 0) return;
    this.documentTimer = setTimeout(() => {
      this.documentTimer = null;
      if (this.connection.closed || this.splitter.buffered === 0) return;
      this.hooks.onError?.(new Error(`OCI connection closed: a document was left unfinished for ${this.timeouts.unfinishedDocumentMs} ms`));
      this.connection.destroy();
    }, this.timeouts.unfinishedDocumentMs);
    this.documentTimer.unref();
  }

  private clearTimers(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    if (this.documentTimer !== null) clearTimeout(this.documentTimer);
    this.idleTimer = null;
    this.documentTimer = null;
  }

  get loggedInUserId(): string | null {
    return this.state.user?.loginId ?? null;
  }

  onData(chunk: Buffer): void {
    this.armIdle();
    const documents = this.splitter.push(chunk);
    if (!documents.ok) {
      // Unframeable input (e.g. over the size limit): nothing sensible to answer.
      this.hooks.onError?.(documents.error);
      this.connection.destroy();
      return;
    }
    for (const bytes of documents.value) {
      if (this.connection.closed) return;
      this.handleDocument(bytes);
    }
    if (this.connection.closed) this.clearTimers();
    else this.armDocument();
  }

  onClose(): void {
    this.clearTimers();
    this.cap.close();
  }

  /** Writes OCI commands as one document on one line + "\n" in the given encoding. */
  sendOci(commands: OciResponse[], sessionId = this.lastSessionId, encoding = this.lastEncoding, trackingId?: string): void {
    const text = renderOciDocument(
      { protocol: 'OCI', sessionId, ...(trackingId !== undefined ? { trackingId } : {}), commands },
      { encoding, ...(this.hooks.declarationNewline === true ? { declarationNewline: true } : {}) },
    );
    if (!text.ok) {
      this.hooks.onError?.(text.error);
      return;
    }
    this.connection.send(encodeDocument(text.value, encoding));
  }

  /** oci-p.md §6: the OCS may push a LogoutRequest; the session is gone afterwards. */
  pushLogout(reason = 'Open Client Server Forced Logout'): boolean {
    const user = this.state.user;
    if (!user) return false;
    this.sendOci([{ type: 'LogoutRequest', userId: user.loginId, reason }]);
    this.state.user = null;
    this.cap.close();
    this.connection.close();
    return true;
  }

  private handleDocument(bytes: Uint8Array): void {
    const encoding = replyEncoding(bytes);
    const root = parseXmlDocument(bytes);
    if (!root.ok) {
      // Not XML we can read: no sessionId to answer to. Close rather than leave the peer waiting.
      this.hooks.onError?.(root.error);
      this.connection.close();
      return;
    }
    const protocol = broadsoftProtocol(root.value);
    if (protocol === 'CAP') {
      this.cap.handle(root.value, encoding);
      return;
    }
    if (protocol !== 'OCI') {
      this.hooks.onError?.(new Error('document is neither OCI nor CAP'));
      this.connection.close();
      return;
    }
    this.handleOci(root.value, encoding);
  }

  private handleOci(root: XmlElement, encoding: DocumentEncoding): void {
    const envelope = decodeOciEnvelope(root);
    if (!envelope.ok) {
      this.hooks.onError?.(envelope.error);
      this.connection.close();
      return;
    }
    const { sessionId, trackingId, commands } = envelope.value;
    this.lastSessionId = sessionId;
    this.lastEncoding = encoding;
    const types = commands.map((c) => ociCommandTypeName(c) ?? '');
    // Faults: close-mid-login closes right after the first document carrying login material.
    if (!this.loginSeen && types.some(isLoginRequest)) {
      this.loginSeen = true;
      if (!this.connection.loginDocumentRead()) return;
      // The `answer` fault: one bad answer instead of the login's own.
      const injected = this.connection.injectedLoginAnswer();
      if (injected !== null) return this.connection.send(injectedOciAnswer(injected, sessionId, encoding));
    }
    const responses: OciResponse[] = [];
    let endSession = false;
    for (const element of commands) {
      // The OCS validates every command against its schema first: a type it does not know, or a
      // request its schema refuses, is answered [Error 6004] in that command's position.
      const notes: string[] = [];
      const decoded = decodeOciCommand(element, notes);
      const echo = element.attrs.find((a) => a.local === 'echo' && a.ns === null)?.value ?? '';
      let response: OciResponse;
      if (!decoded.ok) {
        const type = ociCommandTypeName(element) ?? 'unknown';
        response = decoded.error.code === 'UNKNOWN_TYPE' ? errors.unknownCommandType(type) : errors.requestValidation(decoded.error.message);
      } else if (!isRequest(decoded.value.type)) {
        response = errors.unknownCommandType(decoded.value.type);
      } else if (notes.length > 0) {
        response = errors.requestValidation(notes[0]!);
      } else if (requestLengthViolation(decoded.value as OciRequest) !== null) {
        response = errors.requestValidation(requestLengthViolation(decoded.value as OciRequest)!);
      } else {
        const handled = handleOciRequest(this.ctx, this.state, decoded.value as OciRequest, this.connection.secure);
        response = handled.response;
        endSession ||= handled.endSession === true;
      }
      responses.push({ ...response, echo });
    }
    this.sendOci(responses, sessionId, encoding, trackingId);
    if (endSession) {
      // oci-p.md §6: SuccessResponse, then the session is gone — with its socket (one session per connection).
      this.cap.close();
      this.connection.close();
    }
  }
}
