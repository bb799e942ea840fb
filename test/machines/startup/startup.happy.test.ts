import { describe, expect, it } from 'vitest';
import { defaultBranding, defaultInput, defaultProfile, startScriptedSession } from '../support/scripted-session.ts';

describe('start-up, successful paths', () => {
  it('goes branding → OCI → profile → CTI (R22) → license → IM&P and XMPP in parallel → ready', () => {
    const s = startScriptedSession();
    expect(s.state()).toBe('ready');
    const order = s.effects.map((e) => `${e.from}:${e.effect.type}`);
    expect(order.slice(0, 7)).toEqual([
      'startup:effect.fetchBranding',
      'oci:effect.connect',
      'oci:effect.authenticate',
      'startup:effect.fetchProfile',
      'cti:effect.connect',
      'cti:effect.authenticate',
      'startup:effect.requestLicense',
    ]);
    expect(s.effectsOf('effect.fetchBranding')[0]?.effect).toEqual({
      type: 'effect.fetchBranding',
      by: 'loginId',
      loginId: 'alice@example.test',
      serverHost: 'oci.example.test',
      clientType: 'Desktop',
      clientVersion: '8.0.1',
    });
    expect(s.effectsOf('effect.connect', 'oci')[0]?.effect).toMatchObject({ host: 'oci.example.test', port: 2208 });
    expect(s.effectsOf('effect.connect', 'cti')[0]?.effect).toMatchObject({ host: 'cti.example.test', port: 8011 });
    // seed §1.1: the license request's fields.
    expect(s.effectsOf('effect.requestLicense')[0]?.effect).toEqual({
      type: 'effect.requestLicense',
      serverHost: 'oci.example.test',
      loginId: 'alice@example.test',
      firstName: 'Alice',
      lastName: 'Smith',
      phoneNumber: '+15551230001',
      groupId: 'G1',
      serviceProviderId: 'SP1',
      clientType: 'Desktop',
      clientVersion: '8.0.1',
    });
    // IM&P from the branding; XMPP at the XMPP ID's domain on 5222, both asked for in one step.
    const licenseEntry = s.system.entries.find((e) => e.event.type === 'LICENSE.LOADED');
    expect(licenseEntry?.effects?.filter((e) => e.effect.type === 'effect.connect')).toEqual([
      { from: 'imp', effect: { type: 'effect.connect', connection: 'imp', attempt: 1, host: 'im.example.test', port: 2208 } },
      { from: 'xmpp', effect: { type: 'effect.connect', connection: 'xmpp', attempt: 1, host: 'xmpp.example.test', port: 5222 } },
    ]);
    expect(s.effectsOf('effect.secure', 'xmpp')[0]?.effect).toMatchObject({ servername: 'xmpp.example.test' });
    for (const name of ['oci', 'cti', 'imp', 'xmpp'] as const) expect(s.connectionState(name)).toBe('online.quiet');
    expect(s.connectionState('cap')).toBeUndefined();
  });

  it('fetches the system provider branding by server host when the portal does not know the user yet', () => {
    let asked = 0;
    const s = startScriptedSession({
      branding: () =>
        asked++ === 0
          ? { type: 'BRANDING.NOT_FOUND', message: 'UnknownUser' }
          : { type: 'BRANDING.LOADED', branding: { ...defaultBranding, level: 'SystemProvider' } },
    });
    expect(s.effectsOf('effect.fetchBranding').map((e) => e.effect['by'])).toEqual(['loginId', 'serverHost']);
    expect(s.effectsOf('effect.fetchBranding')[1]?.effect).not.toHaveProperty('loginId');
    expect(s.state()).toBe('ready');
  });

  it('registers CAP on the OCI endpoint for R20, even when the portal asks for CTI', () => {
    const s = startScriptedSession({
      branding: () => ({
        type: 'BRANDING.LOADED',
        branding: { ...defaultBranding, connectivity: { ...defaultBranding.connectivity, useCtiInsteadOfCap: true } },
      }),
      profile: () => ({ type: 'PROFILE.LOADED', release: '20.sp1', profile: defaultProfile }),
    });
    expect(s.state()).toBe('ready');
    expect(s.effectsOf('effect.connect', 'cap')[0]?.effect).toMatchObject({ host: 'oci.example.test', port: 2208 });
    expect(s.effectsOf('effect.connect', 'cti')).toEqual([]);
  });

  it('uses CTI on R21 only when the portal says so', () => {
    const r21 = (useCtiInsteadOfCap: boolean) =>
      startScriptedSession({
        branding: () => ({
          type: 'BRANDING.LOADED',
          branding: { ...defaultBranding, connectivity: { ...defaultBranding.connectivity, useCtiInsteadOfCap } },
        }),
        profile: () => ({ type: 'PROFILE.LOADED', release: '21sp1', profile: defaultProfile }),
      });
    expect(r21(true).connectionState('cti')).toBe('online.quiet');
    expect(r21(false).connectionState('cap')).toBe('online.quiet');
  });

  it('secures OCI and CAP together when OCI over TLS is on', () => {
    const s = startScriptedSession({
      branding: () => ({
        type: 'BRANDING.LOADED',
        branding: {
          ...defaultBranding,
          connectivity: {
            ...defaultBranding.connectivity,
            ociTls: { enabled: true, port: 2209, securityProtocol: 'TLSv1.2', certificateHost: 'cert.example.test' },
          },
        },
      }),
      profile: () => ({ type: 'PROFILE.LOADED', release: '19', profile: defaultProfile }),
    });
    expect(s.state()).toBe('ready');
    for (const name of ['oci', 'cap']) {
      expect(s.effectsOf('effect.connect', name)[0]?.effect).toMatchObject({ port: 2209 });
      expect(s.effectsOf('effect.secure', name)[0]?.effect).toMatchObject({ servername: 'cert.example.test', version: 'TLSv1.2' });
    }
  });

  it('skips IM&P and XMPP as the license and profile say, and is ready without them', () => {
    const s = startScriptedSession({
      license: () => ({
        type: 'LICENSE.LOADED',
        license: { status: 'Trial', trialDaysLeft: 9, features: { imp: false, xmpp: true, callCenter: false, reception: false } },
      }),
      profile: () => ({ type: 'PROFILE.LOADED', release: '22', profile: { ...defaultProfile, xmppId: undefined } }),
    });
    expect(s.state()).toBe('ready');
    expect(s.effectsOf('effect.connect', 'imp')).toEqual([]);
    expect(s.effectsOf('effect.connect', 'xmpp')).toEqual([]);
    const { connections } = s.system.actor.getSnapshot().context;
    expect(connections.imp).toMatchObject({ state: 'skipped' });
    expect(connections.imp.note).toMatch(/license/);
    expect(connections.xmpp.note).toMatch(/XMPP ID/);
  });

  it('licenses Wallboard and Dashboard by computer, not by user', () => {
    const s = startScriptedSession({}, {
      ...defaultInput,
      clientType: 'Wallboard',
      device: { macAddress: '00:11:22:33:44:55', computerName: 'WALLBOARD-1' },
    });
    const request = s.effectsOf('effect.requestLicense')[0]?.effect;
    expect(request).toMatchObject({ macAddress: '00:11:22:33:44:55', computerName: 'WALLBOARD-1', groupId: 'G1' });
    expect(request).not.toHaveProperty('loginId');
    expect(request).not.toHaveProperty('phoneNumber');
    expect(request).not.toHaveProperty('firstName');
  });

  it('sends the enterprise ID for an enterprise user', () => {
    const s = startScriptedSession({
      profile: () => ({ type: 'PROFILE.LOADED', release: '22', profile: { ...defaultProfile, isEnterprise: true, serviceProviderId: 'ENT1' } }),
    });
    const request = s.effectsOf('effect.requestLicense')[0]?.effect;
    expect(request).toMatchObject({ enterpriseId: 'ENT1' });
    expect(request).not.toHaveProperty('serviceProviderId');
  });
});
