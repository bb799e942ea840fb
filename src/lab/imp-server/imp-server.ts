// The Kakapo IM&P server (kakapo.md §3): KEMP over the lab's fault-injecting TCP base, plain and
// optionally TLS. REGISTER (login ID + group or enterprise ID + impToken), MESSAGE (stored, then
// delivered; acknowledged only once stored), PING, BYE. Every request gets exactly one response
// with its Seq; the server numbers its own requests (MESSAGE pushes) separately.
import { randomBytes, randomUUID } from 'node:crypto';
import { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING, type KeyRing } from '../../codecs/kakapo/cipher.ts';
import { createKempFrameParser, encodeKempFrame, type KempFrame, type KempMethod, type KempRequest } from '../../codecs/kakapo/kemp-frame.ts';
import { LAB_HOSTS } from '../net/hosts.ts';
import type { LabConnection, LabProtocolSession } from '../net/connection.ts';
import { startLabTcpServer, type LabTcpServer, type LabTlsOptions } from '../net/tcp-server.ts';
import { checkImpToken, DEFAULT_IMP_TOKEN_MINUTES } from '../portal/imp-token.ts';
import { KEMP_BYE_REPLACED, openKempBody, sealKempBody, type KempBody, type KempMessage as MessageBody } from '../../codecs/kakapo/kemp-body.ts';
import { OfflineStore } from './offline-store.ts';
import { injectedKempAnswer } from './injected-answers.ts';

export interface ImpDirectoryUser {
  loginId: string;
  groupId?: string;
  enterpriseId?: string;
}

export interface ImpServerOptions {
  host?: string;
  /** Plain endpoint (default true) and/or TLS endpoint. */
  plain?: boolean;
  tls?: LabTlsOptions;
  ports?: { plain?: number; tls?: number };
  keyRing?: KeyRing;
  /** Key used for the server's own MESSAGE pushes to a client that has not sent a body yet. */
  keyId?: string;
  /** Shared with the portal; verifies impTokens (kakapo.md §3.2). */
  impTokenSecret: Uint8Array;
  /** The portal's token lifetime (default DEFAULT_IMP_TOKEN_MINUTES): expire-tokens refuses every token issued before the fault. */
  impTokenMinutes?: number;
  /** false only in the `legacy-imp` scenario: REGISTER accepted without an impToken. Default true. */
  requireToken?: boolean;
  /** Users known to the IM&P platform (message recipients); everyone who registers is added. */
  users?: ImpDirectoryUser[];
  now?: () => number;
  onError?: (error: unknown) => void;
}

export interface ImpServer extends LabTcpServer {
  /** Login IDs with at least one registered connection. */
  registeredUsers(): string[];
  /** Messages stored for `loginId` and not yet acknowledged by it. */
  pendingFor(loginId: string): MessageBody[];
  /** How many REGISTERs were answered with each status (tests: a refused token is not re-sent forever). */
  registerAnswers(): Readonly<Record<number, number>>;
  /** MESSAGE requests received per message id (tests: a message is sent again only when unanswered). */
  messageReceipts(id: string): number;
  /** Tests: refuse every token from now on (a token service that is out of order), or stop doing so. */
  refuseTokens(refuse: boolean): void;
  /** A message from the lab (driver) to a user, stored and delivered like any other. */
  inject(message: Omit<MessageBody, 'id' | 'sent' | 'type'> & { id?: string; sent?: number }): MessageBody;
}

const REASONS = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' } as const;
export { KEMP_BYE_REPLACED };
type Status = keyof typeof REASONS;
/** Login ids and message ids: one token, bounded. */
const ID = /^[^\s<>&"]{1,256}$/;

/**
 * @example
 * const imp = await startImpServer({ impTokenSecret, users: [{ loginId: 'ann@lab.test', groupId: 'G-Lab' }] });
 */
export async function startImpServer(options: ImpServerOptions): Promise<ImpServer> {
  const keyRing = options.keyRing ?? DEVELOPMENT_KEY_RING;
  const cipher = createEnvelopeCipher(keyRing);
  const defaultKeyId = options.keyId ?? DEVELOPMENT_KEY_ID;
  const now = options.now ?? Date.now;
  const requireToken = options.requireToken ?? true;
  const store = new OfflineStore();
  const directory = new Map<string, ImpDirectoryUser>((options.users ?? []).map((u) => [u.loginId.toLowerCase(), u]));
  const online = new Map<string, Set<ImpSession>>();
  const sessions = new Set<ImpSession>();
  // The expire-tokens fault: tokens that expire up to this instant are refused from now on (as if
  // their lifetime had passed, even one issued at the very moment); the portal's later ones are valid.
  let expiredBefore = 0;
  let refuseAllTokens = false;
  const registerAnswers: Record<number, number> = {};
  const receipts = new Map<string, number>();

  class ImpSession implements LabProtocolSession {
    private readonly parser = createKempFrameParser();
    private loginId: string | null = null;
    private keyId = defaultKeyId;
    private ownSeq = 0;
    private readonly inFlight = new Map<number, string>(); // our Seq → message id
    private sawFirstRequest = false;

    constructor(private readonly conn: LabConnection) {
      sessions.add(this);
    }

    onData(chunk: Buffer): void {
      const frames = this.parser.push(chunk);
      // kakapo.md §3.1: malformed or oversized → 400 and close.
      if (!frames.ok) return this.reject(0);
      for (const frame of frames.value) {
        if (this.conn.closed) return;
        this.handle(frame);
      }
    }

    onClose(): void {
      sessions.delete(this);
      if (this.loginId) online.get(this.loginId)?.delete(this);
    }

    private handle(frame: KempFrame): void {
      if (frame.kind === 'response') {
        const messageId = this.inFlight.get(frame.seq);
        this.inFlight.delete(frame.seq);
        // The recipient stored it: only now does it leave the server's store (at-least-once).
        if (messageId && frame.status === 200 && this.loginId) store.delivered(this.loginId, messageId);
        return;
      }
      switch (frame.method) {
        case 'REGISTER':
          return this.register(frame);
        case 'MESSAGE':
          return this.message(frame);
        case 'PING':
          return this.respond(frame.seq, 200);
        case 'BYE':
          // A BYE may carry <bye reason/>; whatever it carries must open and decode.
          if (frame.body.length > 0 && !openKempBody(cipher, 'BYE', frame, 'bye').ok) return this.reject(frame.seq);
          this.respond(frame.seq, 200);
          this.onClose(); // unregistered now, not when the socket finally closes
          this.conn.close();
          return;
      }
    }

    private answeringRegister = false;

    private register(frame: KempRequest): void {
      this.answeringRegister = true;
      try {
        this.registerFrame(frame);
      } finally {
        this.answeringRegister = false;
      }
    }

    private registerFrame(frame: KempRequest): void {
      if (!this.sawFirstRequest) {
        this.sawFirstRequest = true;
        if (!this.conn.loginDocumentRead()) return; // close-mid-login fault
        const injected = this.conn.injectedLoginAnswer(); // the `answer` fault
        if (injected !== null) {
          const keyId = frame.keyId ?? this.keyId;
          return this.conn.send(injectedKempAnswer(injected, frame.seq, { cipher, keyId, nonce: () => new Uint8Array(randomBytes(12)) }));
        }
      }
      // kakapo.md §1: a body that fails to open is never logged nor echoed — 400 and close.
      const opened = openKempBody(cipher, 'REGISTER', frame, 'register');
      if (!opened.ok) return this.reject(frame.seq);
      this.keyId = frame.keyId!; // answers and pushes use the key the client proved it holds
      const body = opened.value;
      if (!ID.test(body.loginId)) return this.reject(frame.seq);
      const loginId = body.loginId.toLowerCase();
      if (body.impToken === undefined) {
        if (requireToken) return this.respond(frame.seq, 401);
        if (!directory.has(loginId)) return this.respond(frame.seq, 403);
      } else {
        const check = checkImpToken(options.impTokenSecret, body.impToken, loginId, now());
        if (!check.ok || check.claims.expiresAtMs <= expiredBefore || refuseAllTokens) return this.respond(frame.seq, 401);
      }
      const known = directory.get(loginId);
      // seed §1.1: the group ID, or the enterprise ID, identifies where the user belongs.
      if (known && ((known.groupId && body.groupId !== known.groupId) || (known.enterpriseId && body.enterpriseId !== known.enterpriseId)))
        return this.respond(frame.seq, 403);
      if (!known) directory.set(loginId, { loginId, ...(body.groupId ? { groupId: body.groupId } : { enterpriseId: body.enterpriseId! }) });
      if (this.loginId && this.loginId !== loginId) online.get(this.loginId)?.delete(this);
      this.loginId = loginId;
      let sessions = online.get(loginId);
      if (!sessions) online.set(loginId, (sessions = new Set()));
      sessions.add(this);
      this.respond(frame.seq, 200, { type: 'registered', sessionId: randomUUID() }, 'REGISTER');
      // kakapo.md §3.3: stored messages are delivered after the next REGISTER.
      this.deliverPending();
    }

    private message(frame: KempRequest): void {
      const opened = openKempBody(cipher, 'MESSAGE', frame, 'message');
      if (!opened.ok) return this.reject(frame.seq);
      this.keyId = frame.keyId!;
      const body = opened.value;
      if (![body.id, body.from, body.to].every((v) => ID.test(v))) return this.reject(frame.seq);
      receipts.set(body.id, (receipts.get(body.id) ?? 0) + 1);
      if (!this.loginId || body.from.toLowerCase() !== this.loginId) return this.respond(frame.seq, 403);
      if (!directory.has(body.to.toLowerCase())) return this.respond(frame.seq, 404);
      accept(body);
      this.respond(frame.seq, 200);
    }

    deliverPending(): void {
      if (!this.loginId || this.conn.closed) return;
      const flying = new Set(this.inFlight.values());
      for (const message of store.pendingFor(this.loginId)) {
        if (flying.has(message.id)) continue;
        const seq = ++this.ownSeq;
        this.inFlight.set(seq, message.id);
        this.send({ kind: 'request', method: 'MESSAGE', target: message.to, seq, body: new Uint8Array(0) }, message, 'MESSAGE');
      }
    }

    replaced(): void {
      this.sayBye(KEMP_BYE_REPLACED);
      this.onClose();
      this.conn.close();
    }

    abort(): void {
      this.conn.destroy();
    }

    get registered(): boolean {
      return this.loginId !== null && online.get(this.loginId)?.has(this) === true;
    }

    sayBye(reason: string): void {
      this.send({ kind: 'request', method: 'BYE', target: this.loginId ?? 'client', seq: ++this.ownSeq, body: new Uint8Array(0) }, { type: 'bye', reason }, 'BYE');
    }

    private respond(seq: number, status: Status, body?: KempBody, aad?: KempMethod): void {
      if (aad === 'REGISTER' || this.answeringRegister) registerAnswers[status] = (registerAnswers[status] ?? 0) + 1;
      this.send({ kind: 'response', seq, status, reason: REASONS[status], body: new Uint8Array(0) }, body, aad);
    }

    private reject(seq: number): void {
      this.respond(seq, 400);
      this.conn.close();
    }

    private send(frame: KempFrame, body?: KempBody, aad?: KempMethod): void {
      let out: KempFrame = frame;
      if (body !== undefined && aad !== undefined) {
        const nonce = new Uint8Array(randomBytes(12)); // the lab is not a machine: node:crypto randomness is fine
        // kakapo.md §1: AAD = the KEMP method (for a response, the method of its request).
        const sealed = sealKempBody(cipher, aad, body, { keyId: this.keyId, nonce });
        if (!sealed.ok) throw sealed.error;
        out = { ...frame, keyId: sealed.value.keyId, nonce, body: sealed.value.body };
      }
      const bytes = encodeKempFrame(out);
      if (!bytes.ok) throw bytes.error;
      this.conn.send(bytes.value);
    }
  }

  function accept(message: MessageBody): void {
    if (!store.store(message)) return; // a resend of an id already accepted: stored once
    for (const session of online.get(message.to.toLowerCase()) ?? []) {
      try {
        session.deliverPending();
      } catch (error) {
        options.onError?.(error); // one recipient's broken connection never fails the sender
        session.abort();
      }
    }
  }

  const base = await startLabTcpServer({
    name: 'imp',
    host: options.host ?? LAB_HOSTS.imp,
    plain: options.plain,
    tls: options.tls,
    ports: options.ports,
    onConnection: (conn) => new ImpSession(conn),
    onError: options.onError,
    faultHooks: {
      expireTokens: () => {
        expiredBefore = now() + (options.impTokenMinutes ?? DEFAULT_IMP_TOKEN_MINUTES) * 60_000;
      },
      // Another login took these registrations over: BYE "replaced", then the server forgets them.
      duplicateLogin: () => {
        for (const s of [...sessions]) if (s.registered) s.replaced();
      },
    },
  });

  const stopBase = base.stop.bind(base);
  return Object.assign(base, {
    registeredUsers: () => [...online.entries()].filter(([, s]) => s.size > 0).map(([id]) => id),
    pendingFor: (loginId: string) => store.pendingFor(loginId),
    registerAnswers: () => ({ ...registerAnswers }),
    messageReceipts: (id: string) => receipts.get(id) ?? 0,
    refuseTokens(refuse: boolean) {
      refuseAllTokens = refuse;
    },
    inject(message: Omit<MessageBody, 'id' | 'sent' | 'type'> & { id?: string; sent?: number }): MessageBody {
      const full: MessageBody = { type: 'message', id: message.id ?? randomUUID(), sent: message.sent ?? now(), from: message.from, to: message.to, body: message.body };
      if (!directory.has(full.to.toLowerCase())) throw new Error(`imp: unknown recipient ${full.to}`);
      accept(full);
      return full;
    },
    async stop() {
      for (const sessions of online.values()) for (const s of sessions) s.sayBye('shutdown');
      await new Promise((resolve) => setImmediate(resolve)); // let the BYEs reach the sockets
      await stopBase();
    },
  });
}
