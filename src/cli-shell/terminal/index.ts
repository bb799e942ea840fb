// The live terminal UI and the pure functions it draws with.
export { chooseUi, type UiChoice } from './choose-ui.ts';
export { connectionRowsFromSession, type ConnectionRow } from './connection-rows.ts';
export type { KeyBinding } from './key-bindings.ts';
export { labKeyBindings } from './lab-keys.ts';
export { renderActivity } from './render-activity.ts';
export { renderPanel, secondsUntilReconnect } from './render-panel.ts';
export { renderTasks } from './render-tasks.ts';
export { runTerminalSession, type TerminalSessionOptions } from './run-terminal-session.ts';
export { tasksFromSession, type StartupTask, type TaskId, type TaskStatus } from './startup-tasks.ts';
export { createTerminalUi, type TerminalUiOptions } from './terminal-ui.ts';
export { terminalScreen } from './terminal-screen.ts';
export { runSessionWithUi, type SessionUiOptions } from './run-session-ui.ts';
