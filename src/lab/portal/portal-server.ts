// The lab's Kakapo portal (kakapo.md §2): HTTPS, `POST /unity/v1/soap` for GetBranding and
// RequestLicense, plus the small admin JSON API under /admin. Certificate from the lab PKI.
import { createEnvelopeCipher, DEVELOPMENT_KEY_RING, type KeyRing } from '../../codecs/kakapo/cipher.ts';
import { KAKAPO_SOAP_PATH } from '../../codecs/kakapo/soap.ts';
import { LAB_HOSTS } from '../net/hosts.ts';
import type { LabFault } from '../net/faults.ts';
import { handleAdmin, sendJson } from './admin-api.ts';
import type { PortalSpec } from './config-model.ts';
import type { PortalState } from './hierarchy.ts';
import { startLabHttpsServer, type LabHttpsServer } from './https-lab-server.ts';
import { DEFAULT_IMP_TOKEN_MINUTES } from './imp-token.ts';
import { PortalStore } from './portal-store.ts';
import { handleSoap } from './soap-endpoint.ts';

type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface PortalServerOptions {
  /** Default portal.lab.test. */
  host?: string;
  /** Server certificate for `host` (lab PKI). */
  certPem: string;
  keyPem: string;
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  port?: number;
  /** The configuration: a scenario's PortalSpec, or a ready state. */
  portal: PortalSpec | PortalState;
  /** Default: the documented development key ring (kakapo.md §1). */
  keyRing?: KeyRing;
  /** Shared with the IM&P server, which verifies the tokens. */
  impTokenSecret: Uint8Array;
  impTokenMinutes?: number;
  now?: () => number;
  /** Routes `POST /admin/fault {server, fault}`; default: only `portal` itself. */
  applyFault?: (server: string, fault: LabFault) => Promise<void>;
  onError?: (error: unknown) => void;
}

export interface PortalServer extends LabHttpsServer {
  readonly store: PortalStore;
  /** Base URL, e.g. https://portal.lab.test:54321 (resolve the host through the lab host map). */
  readonly url: string;
}

/**
 * @example
 * const portal = await startPortalServer({ certPem, keyPem, portal: spec, impTokenSecret });
 */
export async function startPortalServer(options: PortalServerOptions): Promise<PortalServer> {
  const store = new PortalStore(options.portal);
  const host = options.host ?? LAB_HOSTS.portal;
  const ctx = {
    store,
    cipher: createEnvelopeCipher(options.keyRing ?? DEVELOPMENT_KEY_RING),
    impTokenSecret: options.impTokenSecret,
    impTokenMinutes: options.impTokenMinutes ?? DEFAULT_IMP_TOKEN_MINUTES,
    now: options.now ?? Date.now,
  };
  let self: LabHttpsServer | undefined;
  const applyFault =
    options.applyFault ??
    (async (server: string, fault: LabFault) => {
      if (server === 'portal') await self?.fault(fault);
    });

  self = await startLabHttpsServer({
    name: 'portal',
    host,
    certPem: options.certPem,
    keyPem: options.keyPem,
    minVersion: options.minVersion,
    maxVersion: options.maxVersion,
    port: options.port,
    onError: options.onError,
    // The `answer` fault hits the client's SOAP requests, never the lab's own admin API.
    injectsInto: (req) => new URL(req.url ?? '/', 'https://portal').pathname === KAKAPO_SOAP_PATH,
    handler: (req, res) => {
      const path = new URL(req.url ?? '/', 'https://portal').pathname;
      const done = (p: Promise<void>) =>
        p.catch((error) => {
          options.onError?.(error);
          if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        });
      if (path === KAKAPO_SOAP_PATH) return void done(handleSoap(req, res, ctx));
      if (path === '/admin' || path.startsWith('/admin/')) return void done(handleAdmin(req, res, store, applyFault));
      sendJson(res, 404, { error: 'not found' });
    },
  });
  const server = self;
  return Object.assign(server, {
    store,
    get url() {
      return `https://${host}:${server.port}`;
    },
  });
}
