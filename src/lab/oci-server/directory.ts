// The server's view of its users: the scenario's directory plus the shared call model's services.
import type { LabTelephony } from '../telephony/telephony.ts';
import type { OciDirectoryUser } from './types.ts';

export class OciDirectory {
  private readonly byLogin = new Map<string, OciDirectoryUser>();

  constructor(
    users: OciDirectoryUser[],
    readonly telephony: LabTelephony,
  ) {
    // BroadWorks user ids are matched case-insensitively (user@domain).
    for (const user of users) this.byLogin.set(user.loginId.toLowerCase(), user);
  }

  find(userId: string): OciDirectoryUser | undefined {
    return this.byLogin.get(userId.trim().toLowerCase());
  }

  has(userId: string): boolean {
    return this.find(userId) !== undefined;
  }

  hasService(loginId: string, service: Parameters<LabTelephony['hasService']>[1]): boolean {
    return this.telephony.hasService(loginId, service);
  }

  uidOf(loginId: string): number | undefined {
    return this.telephony.findUser(loginId)?.uid;
  }
}
