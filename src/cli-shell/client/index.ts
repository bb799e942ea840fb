// The client's public surface (re-exported from the package root).
export { createUnityClient, type UnityClient } from './create-unity-client.ts';
export type { UnityClientConfig } from './client-config.ts';
export type { ClientSnapshot, ConnectionView } from './client-snapshot.ts';
export type { CommandResult, UnityCommand } from './client-commands.ts';
export { labClientConfig, type LabEndpoints } from './lab-client-config.ts';
