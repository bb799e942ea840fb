// The credential store (DESIGN.md "Secrets never enter events"): drivers ask it for the password at
// the moment they log in; nothing else ever holds it. Errors from the provider are reported
// without their text, which might quote what was typed.
export type CredentialProvider = () => Promise<string>;

export interface Credentials {
  readonly loginId: string;
  password(): Promise<{ ok: true; password: string } | { ok: false; message: string }>;
}

export function createCredentials(loginId: string, provider: CredentialProvider): Credentials {
  return {
    loginId,
    async password() {
      try {
        const password = await provider();
        if (typeof password !== 'string' || password.length === 0) return { ok: false, message: 'no password was given' };
        return { ok: true, password };
      } catch {
        return { ok: false, message: 'the password could not be read' };
      }
    },
  };
}
