// Kakapo Licensing & Branding driver (issue 5, "Drivers"; kakapo.md §2).
export { createPortalClient } from './portal-client.ts';
export type { BrandingResult, PortalClient, PortalClientOptions } from './portal-client.ts';
export type { PortalFailure } from './portal-failure.ts';
export { licenseRequestFor } from './license-request.ts';
export type { LicenseFacts, LicenseRequestError } from './license-request.ts';
