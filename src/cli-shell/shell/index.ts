// The shell: attach any UI to a session (see README "Writing a UI").
export { attachUi } from './attach-ui.ts';
export type { AttachableSession, Detach, SessionUi, SessionView } from './session-ui.ts';
