// Visual voicemail for the XSI server (cti-xsi.md §4.3): per-user messages seeded from the lab
// seed, read/unread/delete, and the MWI summary. Media is a short silent WAV.
import type { XsiMessageSummary } from '../../codecs/xsi/call.ts';
import type { XsiMessageInfo } from '../../codecs/xsi/bodies.ts';
import { createPrng } from '../telephony/prng.ts';
import { telUri } from './call-payload.ts';

export interface StoredVoiceMessage {
  id: string;
  userId: string;
  from: { name: string; number: string };
  time: number;
  durationMs: number;
  read: boolean;
  urgent: boolean;
}

const CALLERS = [
  { name: 'Dana Whitfield', number: '+441632960101' },
  { name: 'Reception', number: '+441632960102' },
  { name: 'Unknown caller', number: '+15550100199' },
];

/** 8 kHz mono 16-bit PCM silence, 0.25 s — a real WAV a player accepts. */
export function silentWav(): Buffer {
  const samples = 2000;
  const data = Buffer.alloc(samples * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export class VoicemailStore {
  /** Lower-case user id → the user id the box belongs to; a box is seeded when first read. */
  private readonly owners = new Map<string, string>();
  private readonly byUser = new Map<string, StoredVoiceMessage[]>();

  constructor(
    private readonly seed: string | number,
    userIds: string[],
    private readonly now: number,
    private readonly onChange?: (userId: string) => void,
  ) {
    // Each box is drawn from the seed and its user id alone, so seeding it on first use gives the
    // same messages as seeding every box at start (20,000 boxes are not drawn for a few readers).
    for (const userId of userIds) this.owners.set(userId.toLowerCase(), userId);
  }

  private box(userId: string): StoredVoiceMessage[] | undefined {
    const key = userId.toLowerCase();
    const seeded = this.byUser.get(key);
    if (seeded !== undefined) return seeded;
    const owner = this.owners.get(key);
    if (owner === undefined) return undefined;
    const prng = createPrng(`voicemail:${this.seed}:${owner}`);
    const hex = () => prng.text(32, '0123456789abcdef');
    const messages = CALLERS.map((from, i) => {
      const h = hex();
      return {
        id: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`,
        userId: owner,
        from,
        time: this.now - (i + 1) * prng.int(600_000, 7_200_000),
        durationMs: prng.int(3_000, 60_000),
        read: i === 2,
        urgent: i === 0,
      };
    });
    this.byUser.set(key, messages);
    return messages;
  }

  list(userId: string): StoredVoiceMessage[] {
    return [...(this.box(userId) ?? [])];
  }

  get(userId: string, id: string): StoredVoiceMessage | undefined {
    return this.box(userId)?.find((m) => m.id.toLowerCase() === id.toLowerCase());
  }

  markRead(userId: string, id: string, read: boolean): boolean {
    const m = this.get(userId, id);
    if (!m) return false;
    m.read = read;
    this.onChange?.(userId);
    return true;
  }

  markAllRead(userId: string): void {
    for (const m of this.box(userId) ?? []) m.read = true;
    this.onChange?.(userId);
  }

  delete(userId: string, id: string): boolean {
    const list = this.box(userId);
    const i = list?.findIndex((m) => m.id.toLowerCase() === id.toLowerCase()) ?? -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    this.onChange?.(userId);
    return true;
  }

  /** MessageSummary: each count a PositiveInt — a zero count is left out, never written as 0. */
  summary(userId: string): XsiMessageSummary {
    const list = this.list(userId);
    const count = (read: boolean, urgent?: boolean) => list.filter((m) => m.read === read && (urgent === undefined || m.urgent === urgent)).length;
    const positive = (key: keyof XsiMessageSummary, n: number): XsiMessageSummary => (n > 0 ? { [key]: n } : {});
    return {
      ...positive('newMessages', count(false)),
      ...positive('oldMessages', count(true)),
      ...positive('newUrgentMessages', count(false, true)),
      ...positive('oldUrgentMessages', count(true, true)),
    };
  }

  /** messageInfo, with the server-relative messageId path (cti-xsi.md §4.3). */
  info(m: StoredVoiceMessage): XsiMessageInfo {
    return {
      duration: m.durationMs,
      callingPartyInfo: { name: m.from.name, address: { value: telUri(m.from.number) }, privacy: false },
      read: m.read,
      urgent: m.urgent,
      confidential: false,
      video: false,
      fax: false,
      time: m.time,
      messageId: `/v2.0/user/${m.userId}/VoiceMessagingMessages/${m.id}`,
    };
  }
}
