// --inspect: the session streamed to a Stately inspector (issue 6 "Inspector").
export { inspectorUi, type InspectorSink } from './inspector-ui.ts';
export { startStatelyInspector, DEFAULT_INSPECT_PORT, type StatelyInspector } from './stately-inspector.ts';
export { stateValueOf, type StateValue } from './state-value.ts';
