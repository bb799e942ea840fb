export { createLabPki } from './lab-pki.ts';
export type { LabPki, LabPkiOptions, ServerCertificate, ServerCertificateRequest } from './lab-pki.ts';
