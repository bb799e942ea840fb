// CAP on the OCS connection (cap.md; seed §2.2): registration with the OCI signed-password recipe,
// refused without the Client Call Control service; callAction drives the shared call model;
// callUpdate/sessionUpdate pushes reflect it, for the user and for the users it monitors (BLF).
import { ociSignedPassword } from '../../codecs/oci/signed-password.ts';
import { decodeCapElement, encodeCapMessage } from '../../codecs/cap/document.ts';
import type { CapAction, CapMessage, CapMonitoredTags, CapUserType } from '../../codecs/cap/types.ts';
import type { DocumentEncoding } from '../../codecs/text/encoding.ts';
import type { XmlElement } from '../../codecs/xml/index.ts';
import type { LabConnection } from '../net/connection.ts';
import type { Unsubscribe } from '../telephony/emitter.ts';
import type { LabTelephony } from '../telephony/telephony.ts';
import { TelephonyError, type Call, type TelephonyEvent } from '../telephony/types.ts';
import { capCall, sessionSummary } from './cap-mapping.ts';
import type { OciDirectory } from './directory.ts';
import type { CapSessionPort, OcsSession } from './ocs-session.ts';

/** cap.md §12: failureCause values are UNVERIFIED; these are the lab's. */
export const CAP_FAILURE = {
  serviceMissing: 'Client Call Control service is not assigned to the user',
  authentication: 'Invalid userId or password',
  unknownUser: 'User not found',
  /** Refused for no credential reason: the server cannot serve the registration now. */
  unavailable: 'Service temporarily unavailable',
} as const;

export interface CapServerOptions {
  directory: OciDirectory;
  telephony: LabTelephony;
  /** cap.md §10: reply to serverStatusRequest (lab-defined) instead of staying silent. */
  serverStatusReply: boolean;
  nextNonce(): string;
  /**
   * Test hook (OciLabServer.failCapRegistrations): true when this registration is to be refused for
   * a reason that is no credential problem, as a busy server would.
   */
  refuseRegistration?(): boolean;
  onError?: (error: unknown) => void;
}

interface Registration {
  userId: string;
  uid: number;
  userType: CapUserType;
  applicationId: string;
}

export function createCapSession(connection: LabConnection, _oci: OcsSession, options: CapServerOptions): CapSessionPort {
  return new CapSession(connection, options);
}

class CapSession implements CapSessionPort {
  private registration: Registration | null = null;
  private readonly nonces = new Map<string, string>();
  private unsubscribe: Unsubscribe | null = null;
  private lastDialled: string | null = null;

  constructor(
    private readonly connection: LabConnection,
    private readonly options: CapServerOptions,
  ) {}

  handle(root: XmlElement, _encoding: DocumentEncoding): void {
    const decoded = decodeCapElement(root);
    if (!decoded.ok) {
      // CAP has no error response; a document we cannot read is logged and ignored.
      this.options.onError?.(decoded.error);
      return;
    }
    this.onMessage(decoded.value.message);
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.registration = null;
  }

  private send(message: CapMessage): void {
    // cap.md §1: server documents are UTF-8, declaration and root on one line, then "\n".
    const bytes = encodeCapMessage(message, { version: '14.0', encoding: 'UTF-8' });
    if (!bytes.ok) {
      this.options.onError?.(bytes.error);
      return;
    }
    this.connection.send(bytes.value);
  }

  private onMessage(message: CapMessage): void {
    switch (message.type) {
      case 'registerAuthentication': {
        if (this.options.refuseRegistration?.() === true) {
          this.send({ type: 'registerResponse', userType: message.userType, userId: message.userId, applicationId: message.applicationId, failure: { cause: CAP_FAILURE.unavailable } });
          return;
        }
        const user = this.options.directory.find(message.userId);
        if (!user) {
          this.send({ type: 'registerResponse', userType: message.userType, userId: message.userId, applicationId: message.applicationId, failure: { cause: CAP_FAILURE.unknownUser } });
          return;
        }
        const nonce = this.options.nextNonce();
        this.nonces.set(user.loginId.toLowerCase(), nonce);
        this.send({ type: 'responseAuthentication', userType: message.userType, userId: message.userId, applicationId: message.applicationId, nonce, algorithm: 'MD5' });
        return;
      }
      case 'registerRequest': {
        const refuse = (cause: string): void =>
          this.send({ type: 'registerResponse', userType: message.userType, userId: message.userId, applicationId: message.applicationId, failure: { cause } });
        const user = this.options.directory.find(message.userId);
        if (!user) return refuse(CAP_FAILURE.unknownUser);
        const nonce = this.nonces.get(user.loginId.toLowerCase());
        this.nonces.delete(user.loginId.toLowerCase());
        if (nonce === undefined || message.securePassword.toLowerCase() !== ociSignedPassword(nonce, user.password)) {
          return refuse(CAP_FAILURE.authentication);
        }
        // seed §2.2: CAP needs Client Call Control; without it the client alerts the user and stops.
        if (!this.options.directory.hasService(user.loginId, 'Client Call Control')) return refuse(CAP_FAILURE.serviceMissing);
        const uid = this.options.directory.uidOf(user.loginId);
        if (uid === undefined) return refuse(CAP_FAILURE.unknownUser);
        this.close();
        this.registration = { userId: user.loginId, uid, userType: message.userType, applicationId: message.applicationId };
        this.send({ type: 'registerResponse', userType: message.userType, userUid: String(uid), userId: message.userId, applicationId: message.applicationId });
        this.unsubscribe = this.options.telephony.on((event) => this.onTelephony(event));
        for (const call of this.options.telephony.calls(user.loginId)) this.pushCall(user.loginId, call);
        return;
      }
      case 'acknowledgement':
        return; // cap.md §3: clients acknowledge registerResponse; nothing to answer
      case 'unRegister':
        this.close(); // cap.md §4: the client leaves; counted, not answered
        return;
      case 'callAction':
        if (this.registration) this.callAction(this.registration, message.action);
        return;
      case 'monitoringUsersRequest': {
        const reg = this.registration;
        if (!reg) return;
        const known = message.users.filter((u) => this.options.directory.has(u)).map((u) => this.options.directory.find(u)!.loginId);
        const telephony = this.options.telephony;
        if (message.monType === 'Add') telephony.addMonitoring(reg.userId, known);
        else telephony.removeMonitoring(reg.userId, known);
        const accepted = message.monType === 'Add' ? known.filter((u) => telephony.isMonitoring(reg.userId, u)) : known;
        // cap.md §9: response content UNVERIFIED — the lab returns the accepted list.
        this.send({ type: 'monitoringUsersResponse', userType: 'AttendantConsole', userUid: String(reg.uid), userId: reg.userId, monType: message.monType, users: accepted });
        if (message.monType === 'Add') {
          for (const target of accepted) {
            this.pushSession(target);
            for (const call of telephony.calls(target)) this.pushCall(target, call);
          }
        }
        return;
      }
      case 'serverStatusRequest': {
        const reg = this.registration;
        if (this.options.serverStatusReply && reg) {
          this.send({ type: 'serverStatusResponse', userType: reg.userType, userUid: String(reg.uid), applicationId: reg.applicationId });
        }
        return; // cap.md §10: silent by default
      }
      default:
        this.options.onError?.(new Error(`CAP ${message.type} is not a client message`));
    }
  }

  private callAction(reg: Registration, action: CapAction): void {
    const t = this.options.telephony;
    try {
      switch (action.actionType) {
        case 'Dial':
          this.lastDialled = action.number;
          t.dial(reg.userId, action.number);
          return;
        case 'Redial':
          if (this.lastDialled !== null) t.dial(reg.userId, this.lastDialled);
          return;
        case 'Answer':
          t.answer(reg.userId, action.callId); // a held call: retrieve (cap.md §5 lab proposal)
          return;
        case 'Release':
          t.release(reg.userId, action.callId);
          return;
        case 'Hold':
          t.hold(reg.userId, action.callId);
          return;
        case 'Xfer':
          t.blindTransfer(reg.userId, action.callId, action.number);
          return;
        case 'XferConsult':
          t.consultTransfer(reg.userId, action.callId, action.targetCallId);
          return;
        case 'ConfStart':
          this.options.onError?.(new Error('CAP ConfStart is not simulated by the lab'));
          return;
      }
    } catch (error) {
      // CAP has no error answer to callAction: the call simply does not change (logged).
      if (error instanceof TelephonyError) this.options.onError?.(error);
      else throw error;
    }
  }

  private onTelephony(event: TelephonyEvent): void {
    if (event.type !== 'call-added' && event.type !== 'call-updated' && event.type !== 'call-released') return;
    const reg = this.registration;
    if (!reg) return;
    const mine = event.userId === reg.userId;
    const watched = this.options.telephony.isMonitoring(reg.userId, event.userId);
    if (!mine && !watched) return;
    this.pushCall(event.userId, event.call);
    if (event.type !== 'call-updated' || event.change === 'state') this.pushSession(event.userId);
  }

  private tags(userId: string): { userType: CapUserType; monitored: CapMonitoredTags } {
    const reg = this.registration!;
    if (userId === reg.userId) return { userType: reg.userType, monitored: {} };
    const uid = this.options.directory.uidOf(userId);
    // cap.md §6/§9: updates about a monitored user carry monitoredUserUid/monitoredUserId.
    return { userType: 'AttendantConsole', monitored: { ...(uid !== undefined ? { monitoredUserUid: String(uid) } : {}), monitoredUserId: userId } };
  }

  private pushCall(userId: string, call: Call): void {
    const reg = this.registration;
    if (!reg) return;
    const { userType, monitored } = this.tags(userId);
    this.send({ type: 'callUpdate', userType, userUid: String(reg.uid), userId: reg.userId, ...monitored, call: capCall(call) });
  }

  private pushSession(userId: string): void {
    const reg = this.registration;
    if (!reg) return;
    const { userType, monitored } = this.tags(userId);
    const summary = sessionSummary(this.options.telephony.calls(userId));
    this.send({ type: 'sessionUpdate', userType, userUid: String(reg.uid), userId: reg.userId, ...monitored, ...summary });
  }
}
