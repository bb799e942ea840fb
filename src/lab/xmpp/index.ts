export { startProsody, PROSODY_INSTALL_HINT, ProsodyUnavailableError, ProsodyStartError } from './prosody.ts';
export type { ProsodyServer, ProsodyOptions, ProsodyUser, ProsodyFault } from './prosody.ts';
export type { ProsodySaslOptions, ProsodyChannelBinding } from './prosody-config.ts';
