import { describe, expect, it } from 'vitest';
import { brandingFor } from '../../src/lab/portal/branding.ts';
import { buildPortalState, resolveBrandingNode } from '../../src/lab/portal/config-model.ts';
import { portalSpecFromScenario } from '../../src/lab/portal/scenario-spec.ts';
import { LAB_SCENARIOS } from '../../src/lab/scenarios/catalogue.ts';
import { resolveConnectivity } from '../../src/lab/scenarios/resolve.ts';

const ports = { oci: { plain: 41001, tls: 41002 }, cti: { plain: 41003, tls: 41004 }, imp: { plain: 41005, tls: 41006 }, xsi: { tls: 41007 }, xmpp: { plain: 41008 } };

describe('the portal serves each lab scenario its own branding', () => {
  for (const scenario of LAB_SCENARIOS) {
    it(`${scenario.name}: the branding equals the scenario's connectivity, at the right level`, () => {
      const connectivity = resolveConnectivity(scenario.portal.connectivity, ports);
      const state = buildPortalState(
        portalSpecFromScenario({ ...scenario.portal, connectivity, license: scenario.license, users: scenario.users }),
      );
      for (const user of scenario.users) {
        const found = resolveBrandingNode(state, { loginId: user.loginId, serverHost: scenario.portal.serverHosts[0]! });
        expect(found?.level).toBe(user.knownToPortal ? 'User' : 'SystemProvider');
        const branding = brandingFor(state, found!.nodeId);
        // An absent TLS block is served as "off"; everything else is the scenario's value.
        expect(branding.connectivity).toEqual({
          ...connectivity,
          ociTls: connectivity.ociTls ?? { enabled: false },
          cti: { ...connectivity.cti, tls: connectivity.cti.tls ?? { enabled: false } },
        });
        expect(branding.policy).toEqual(scenario.portal.policy);
      }
    });
  }
});
