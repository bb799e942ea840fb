// The local web inspector and dashboard (issue 6).
export { startWebServer, type WebServer, type WebServerOptions } from './web-server.ts';
export { startWebUi, type WebUiOptions } from './start-web-ui.ts';
export { chartPictures, type ChartPicture, type PictureTransition } from './chart-pictures.ts';
export { takenTransitions, type TakenTransitions } from './taken-transitions.ts';
export { stopOfLog, type StopView } from './log-stop.ts';
export { UI_FLAGS, WEB_UI_USAGE, INSPECT_USAGE, checkUiFlags, startSessionUis, serveReplayUi, type SessionUis } from './ui-flags.ts';
export { activeStates, type ActiveStates } from './active-states.ts';
export { dashboardFacts, type DashboardFacts } from './dashboard-facts.ts';
export type { WebSession } from './session-source.ts';
