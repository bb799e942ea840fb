// CAP driver (issue 5, "Drivers"): CAP on the OCI connection's shared stream (seed §2.2).
export { createCapLink } from './cap-link.ts';
export type { CapLink, CapLinkOptions, CapLinkUpdate, CapRegistration } from './cap-link.ts';
export type { CapFailure } from './cap-failure.ts';
