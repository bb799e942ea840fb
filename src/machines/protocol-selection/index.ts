export type {
  BrandingConnectivity,
  BroadWorksRelease,
  Endpoint,
  ProtocolPlan,
  ProtocolPlanErrorCode,
  ProtocolSelectionInput,
  TlsSetting,
  TlsVersion,
} from './types.ts';
export { parseRelease, formatRelease, type ParsedRelease } from './parse-release.ts';
export { selectProtocols, OLDEST_SUPPORTED_MAJOR } from './select-protocols.ts';
export { TLS_VERSIONS } from './tls-version.ts';
export { WARNING as PROTOCOL_NOTE_WARNING } from './outcome.ts';
