import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  addNode,
  addNodes,
  addSystemProvider,
  buildPortalState,
  emptyPortalState,
  checkInvariants,
  effectiveValue,
  effectiveSettings,
  recordLicenseRequest,
  resolveBrandingNode,
  saveSettings,
  subtree,
  SETTING_KEYS,
  type PortalActor,
  type PortalState,
  type SettingValue,
} from '../../src/lab/portal/config-model.ts';

const SYS = 'acme';
const RESELLER = 'acme/reseller:r1';
const SP = 'acme/sp:ABC';
const GROUP = 'acme/sp:ABC/group:sales';
const USER = 'acme/user:alice@lab.test';
const ENT = 'acme/ent:E1';
const ENT_GROUP = 'acme/ent:E1/group:hq';
const ticket: PortalActor = { kind: 'ticket', ticketId: 'T-1' };
const resellerAdmin: PortalActor = { kind: 'administrator', nodeId: RESELLER };
const groupAdmin: PortalActor = { kind: 'administrator', nodeId: GROUP };

function portal(settings: Partial<Record<string, SettingValue>> = {}): PortalState {
  return buildPortalState({
    systemProvider: { id: SYS, name: 'Acme Telecom', serverHosts: ['ocs.lab.test'], settings },
    resellers: [{ id: 'r1' }],
    providers: [
      { id: 'ABC', kind: 'serviceProvider', resellerId: 'r1', groups: [{ id: 'sales', users: [{ loginId: 'alice@lab.test' }] }] },
      { id: 'E1', kind: 'enterprise', groups: [{ id: 'hq' }] },
    ],
  });
}

describe('portal save rules (kakapo.md §2.3, seed §4)', () => {
  it('refuses "Use OCI over TLS" at any level while the OCI TLS port is not set at the system provider', () => {
    const state = portal();
    for (const [actor, nodeId] of [[groupAdmin, USER], [resellerAdmin, RESELLER], [ticket, SYS]] as const) {
      const result = saveSettings(state, { actor, nodeId, changes: { 'ociTls.enabled': true, 'ociTls.securityProtocol': 'TLSv1.2' } });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.refusal.code).toBe('OCI_TLS_PORT_NOT_SET');
      expect(result.refusal.message).toContain('OCI over TLS server port is not set at the system provider level');
      expect(result.refusal.rule).toContain('must be set at the system provider level');
      expect(result.state).toBe(state);
    }
    // A port set at a lower level does not count: the rule names the system provider level.
    const lowerPort = saveSettings(state, { actor: groupAdmin, nodeId: USER, changes: { 'ociTls.port': 2209, 'ociTls.enabled': true, 'ociTls.securityProtocol': 'TLSv1.2' } });
    expect(lowerPort.ok).toBe(false);
  });

  it('allows "Use OCI over TLS" at a user once the port is set at the system provider by ticket', () => {
    const withPort = saveSettings(portal(), { actor: ticket, nodeId: SYS, changes: { 'ociTls.port': 2209, 'ociTls.securityProtocol': 'TLSv1.2' } });
    expect(withPort.ok).toBe(true);
    const enabled = saveSettings(withPort.state, { actor: groupAdmin, nodeId: USER, changes: { 'ociTls.enabled': true } });
    expect(enabled.ok).toBe(true);
    expect(effectiveValue(enabled.state, USER, 'ociTls.enabled')).toBe(true);
    expect(effectiveValue(enabled.state, GROUP, 'ociTls.enabled')).toBe(false);
    // The port cannot be removed at the system provider while a level uses TLS.
    const cleared = saveSettings(enabled.state, { actor: ticket, nodeId: SYS, changes: { 'ociTls.port': null } });
    expect(cleared.ok).toBe(false);
    if (!cleared.ok) expect(cleared.refusal.code).toBe('OCI_TLS_PORT_NOT_SET');
  });

  it('applies the same rule to "Use CTI over TLS" and the CTI TLS port', () => {
    const state = portal({ 'ociTls.port': 2209 });
    const refused = saveSettings(state, { actor: groupAdmin, nodeId: USER, changes: { 'cti.tls.enabled': true, 'cti.tls.securityProtocol': 'TLSv1.2' } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.refusal.code).toBe('CTI_TLS_PORT_NOT_SET');
      expect(refused.refusal.message).toContain('CTI over TLS server port is not set at the system provider level');
      expect(refused.state).toBe(state);
    }
    const withPort = saveSettings(state, { actor: ticket, nodeId: SYS, changes: { 'cti.tls.port': 8012 } });
    const ok = saveSettings(withPort.state, { actor: groupAdmin, nodeId: USER, changes: { 'cti.tls.enabled': true, 'cti.tls.securityProtocol': 'TLSv1.2' } });
    expect(ok.ok).toBe(true);
  });

  it('refuses TLS without an explicit security protocol', () => {
    const state = portal({ 'ociTls.port': 2209 });
    const result = saveSettings(state, { actor: groupAdmin, nodeId: GROUP, changes: { 'ociTls.enabled': true } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.code).toBe('TLS_PROTOCOL_NOT_SET');
  });

  it('keeps the CTI port mandatory: 8011 by default, never cleared at the system provider, always a port', () => {
    const state = portal();
    expect(effectiveValue(state, USER, 'cti.port')).toBe(8011);
    const cleared = saveSettings(state, { actor: ticket, nodeId: SYS, changes: { 'cti.port': null } });
    expect(cleared.ok).toBe(false);
    if (!cleared.ok) expect(cleared.refusal.code).toBe('CTI_PORT_MANDATORY');
    const bad = saveSettings(state, { actor: groupAdmin, nodeId: GROUP, changes: { 'cti.port': 0 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.refusal.code).toBe('CTI_PORT_MANDATORY');
    // At a lower level clearing means "inherit": the system provider's port applies.
    const set = saveSettings(state, { actor: groupAdmin, nodeId: GROUP, changes: { 'cti.port': 8111 } });
    const back = saveSettings(set.state, { actor: groupAdmin, nodeId: GROUP, changes: { 'cti.port': null } });
    expect(back.ok).toBe(true);
    expect(effectiveValue(back.state, USER, 'cti.port')).toBe(8011);
  });

  it('needs a ticket for any change at the system provider level', () => {
    const state = portal();
    const admin: PortalActor = { kind: 'administrator', nodeId: SYS };
    const result = saveSettings(state, { actor: admin, nodeId: SYS, changes: { keepaliveSeconds: 120 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.refusal.code).toBe('TICKET_REQUIRED');
      expect(result.refusal.rule).toContain('ticket');
    }
    expect(saveSettings(state, { actor: ticket, nodeId: SYS, changes: { keepaliveSeconds: 120 } }).ok).toBe(true);
  });

  it('lets administrators change only their own level and below', () => {
    const state = portal();
    const out = saveSettings(state, { actor: groupAdmin, nodeId: RESELLER, changes: { keepaliveSeconds: 60 } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.refusal.code).toBe('OUT_OF_SCOPE');
    expect(saveSettings(state, { actor: resellerAdmin, nodeId: GROUP, changes: { keepaliveSeconds: 60 } }).ok).toBe(true);
    expect(saveSettings(state, { actor: resellerAdmin, nodeId: ENT_GROUP, changes: { keepaliveSeconds: 60 } }).ok).toBe(false);
  });

  it('saving at a level updates the same setting for all levels below', () => {
    let state = portal();
    state = saveSettings(state, { actor: groupAdmin, nodeId: USER, changes: { 'brand.name': 'Alice Brand' } }).state;
    state = saveSettings(state, { actor: groupAdmin, nodeId: GROUP, changes: { 'brand.name': 'Sales Brand' } }).state;
    expect(effectiveValue(state, USER, 'brand.name')).toBe('Sales Brand');
    expect(state.nodes.get(USER)!.settings.has('brand.name')).toBe(false);
    const reseller = saveSettings(state, { actor: resellerAdmin, nodeId: RESELLER, changes: { 'brand.name': 'R1' } });
    expect(reseller.ok).toBe(true);
    if (reseller.ok) expect(new Set(reseller.changedNodes)).toEqual(new Set([RESELLER, GROUP]));
    expect(effectiveValue(reseller.state, USER, 'brand.name')).toBe('R1');
    expect(effectiveValue(reseller.state, ENT_GROUP, 'brand.name')).toBe('Unity'); // not below the reseller
  });

  it('refuses unknown levels, unknown settings and wrongly typed values', () => {
    const state = portal();
    const cases = [
      { nodeId: 'nowhere', changes: { keepaliveSeconds: 5 }, code: 'UNKNOWN_LEVEL' },
      { nodeId: GROUP, changes: JSON.parse('{"__proto__": 5}'), code: 'UNKNOWN_SETTING' },
      { nodeId: GROUP, changes: { 'ociTls.securityProtocol': 'SSLv3' }, code: 'INVALID_VALUE' },
      { nodeId: GROUP, changes: { 'imp.host': 'not a host' }, code: 'INVALID_VALUE' },
      { nodeId: GROUP, changes: { 'callCenterStatsRefresh.minSeconds': 600 }, code: 'STATS_REFRESH_RANGE' },
      { nodeId: GROUP, changes: {}, code: 'EMPTY_SAVE' },
    ];
    for (const c of cases) {
      const r = saveSettings(state, { actor: ticket, nodeId: c.nodeId, changes: c.changes as Record<string, SettingValue> });
      expect(r.ok, c.code).toBe(false);
      if (!r.ok) expect(r.refusal.code).toBe(c.code);
      expect(r.state).toBe(state);
    }
  });

  it('is all-or-nothing: one bad change in a batch saves none of it', () => {
    const state = portal();
    const r = saveSettings(state, { actor: groupAdmin, nodeId: GROUP, changes: { keepaliveSeconds: 60, 'cti.tls.enabled': true } });
    expect(r.ok).toBe(false);
    expect(effectiveValue(r.state, GROUP, 'keepaliveSeconds')).toBe(300);
  });

  it('reports effective values with their source level', () => {
    const state = saveSettings(portal(), { actor: groupAdmin, nodeId: GROUP, changes: { 'cti.host': 'cti.lab.test' } }).state;
    const eff = effectiveSettings(state, USER);
    expect(eff['cti.host']).toEqual({ value: 'cti.lab.test', source: { nodeId: GROUP, kind: 'group' } });
    expect(eff['cti.port']).toEqual({ value: 8011, source: { nodeId: SYS, kind: 'systemProvider' } });
    expect(eff.voipServerPort).toEqual({ value: 2208, source: 'default' });
    expect(eff['ociTls.securityProtocol']).toEqual({ value: undefined, source: null });
  });
});

describe('portal save rules — invariants over random save sequences', () => {
  const nodes = [SYS, RESELLER, SP, GROUP, USER, ENT, ENT_GROUP];
  const actors: PortalActor[] = [ticket, resellerAdmin, groupAdmin, { kind: 'administrator', nodeId: ENT }, { kind: 'administrator', nodeId: USER }];
  const values: Record<string, fc.Arbitrary<SettingValue | null>> = {
    'ociTls.enabled': fc.oneof(fc.boolean(), fc.constant(null)),
    'ociTls.port': fc.oneof(fc.constantFrom(2209, 0, 70000), fc.constant(null)),
    'ociTls.securityProtocol': fc.oneof(fc.constantFrom('TLSv1.2', 'TLSv1.3', 'bogus'), fc.constant(null)),
    'cti.tls.enabled': fc.oneof(fc.boolean(), fc.constant(null)),
    'cti.tls.port': fc.oneof(fc.constantFrom(8012, -1), fc.constant(null)),
    'cti.tls.securityProtocol': fc.oneof(fc.constantFrom('TLSv1.2'), fc.constant(null)),
    'cti.port': fc.oneof(fc.constantFrom(8011, 8111, 0), fc.constant(null)),
    keepaliveSeconds: fc.oneof(fc.constantFrom(60, 300), fc.constant(null)),
  };
  const save = fc.record({
    actor: fc.constantFrom(...actors),
    nodeId: fc.constantFrom(...nodes),
    changes: fc.dictionary(fc.constantFrom(...Object.keys(values)), fc.constant(null), { minKeys: 1, maxKeys: 3 }).chain((keys) =>
      fc.record(Object.fromEntries(Object.keys(keys).map((k) => [k, values[k]!]))),
    ),
  });

  test.prop([fc.array(save, { maxLength: 25 })], { numRuns: 150 })(
    'refused saves change nothing; accepted saves keep every rule and cascade to the levels below',
    (saves) => {
      let state = portal();
      for (const s of saves) {
        const before = state;
        const result = saveSettings(state, s as Parameters<typeof saveSettings>[1]);
        if (!result.ok) {
          expect(result.state).toBe(before);
          continue;
        }
        state = result.state;
        expect(checkInvariants(state, SYS)).toBeNull();
        // Independent oracle for the seed's rules, not through checkInvariants.
        const root = state.nodes.get(SYS)!.settings;
        expect(root.get('cti.port')).toBeTypeOf('number');
        for (const level of state.nodes.values()) {
          if (effectiveValue(state, level.id, 'ociTls.enabled') === true) {
            expect(root.get('ociTls.port')).toBeTypeOf('number');
            expect(effectiveValue(state, level.id, 'ociTls.securityProtocol')).toBeDefined();
          }
          if (effectiveValue(state, level.id, 'cti.tls.enabled') === true) expect(root.get('cti.tls.port')).toBeTypeOf('number');
        }
        for (const key of Object.keys(s.changes) as Array<(typeof SETTING_KEYS)[number]>) {
          const here = effectiveValue(state, s.nodeId, key);
          for (const below of subtree(state, s.nodeId)) expect(effectiveValue(state, below.id, key)).toEqual(here);
        }
      }
    },
  );
});

describe('portal license store (seed §1.1, kakapo.md §2.2)', () => {
  const base = { serverHost: 'OCS.lab.test', clientType: 'Desktop', clientVersion: '4.1', groupId: 'support', serviceProviderId: 'NEWSP' };

  it('creates the provider, the group and the user on first sight, keyed by (loginId, serverHost)', () => {
    const state = portal();
    const r = recordLicenseRequest(state, { ...base, loginId: 'bob@lab.test', firstName: 'Bob', lastName: 'Jones', phoneNumber: '+441234' }, 1000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.created).toBe(true);
    expect(r.record.key).toBe('bob@lab.test|ocs.lab.test');
    expect(r.record).toMatchObject({ firstName: 'Bob', lastName: 'Jones', identityKind: 'loginId' });
    expect(JSON.stringify(r.record)).not.toContain('+441234');
    expect(r.state.nodes.get('acme/sp:NEWSP')?.kind).toBe('serviceProvider');
    expect(r.state.nodes.get('acme/sp:NEWSP/group:support')?.parentId).toBe('acme/sp:NEWSP');
    expect(r.state.nodes.get('acme/user:bob@lab.test')?.parentId).toBe('acme/sp:NEWSP/group:support');
    const again = recordLicenseRequest(r.state, { ...base, loginId: 'bob@lab.test' }, 2000);
    expect(again.ok && again.created).toBe(false);
    expect(again.ok && again.state.licenses.size).toBe(1);
    // Branding now resolves to the user.
    expect(resolveBrandingNode(again.ok ? again.state : state, { loginId: 'bob@lab.test', serverHost: 'ocs.lab.test' })?.level).toBe('User');
  });

  it('puts a group of an enterprise under the enterprise', () => {
    const r = recordLicenseRequest(portal(), { ...base, serviceProviderId: undefined, enterpriseId: 'E2', loginId: 'eve@lab.test' }, 1);
    expect(r.ok && r.state.nodes.get('acme/ent:E2/group:support')?.parentId).toBe('acme/ent:E2');
  });

  it('stores the login ID only for a data-protection provider', () => {
    const state = buildPortalState({ systemProvider: { id: SYS, name: 'Acme', serverHosts: ['ocs.lab.test'], dataProtection: true } });
    const r = recordLicenseRequest(state, { ...base, loginId: 'carol@lab.test', firstName: 'Carol', lastName: 'King' }, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.firstName).toBeUndefined();
    expect(JSON.stringify([...r.state.nodes.values(), r.record])).not.toMatch(/Carol|King/);
  });

  it('identifies Wallboard and Dashboard by MAC address and computer name', () => {
    const r = recordLicenseRequest(portal(), { ...base, clientType: 'Wallboard', macAddress: '00:11:22:33:44:55', computerName: 'WALL-1' }, 1);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.record).toMatchObject({ identity: '00:11:22:33:44:55', identityKind: 'macAddress', computerName: 'WALL-1' });
    const noMac = recordLicenseRequest(portal(), { ...base, clientType: 'Dashboard', loginId: 'x@lab.test' }, 1);
    expect(noMac.ok).toBe(false);
  });

  it('answers UnknownProvider for a server host no provider owns', () => {
    const r = recordLicenseRequest(portal(), { ...base, serverHost: 'other.example', loginId: 'a@b' }, 1);
    expect(r).toMatchObject({ ok: false, code: 'UnknownProvider' });
    expect(resolveBrandingNode(portal(), { serverHost: 'other.example' })).toBeUndefined();
    expect(resolveBrandingNode(portal(), { loginId: 'nobody@lab.test', serverHost: 'ocs.lab.test' })?.level).toBe('SystemProvider');
  });
});

describe('portal hierarchy in batches (reception scale)', () => {
  const root = () => addSystemProvider(emptyPortalState(), { id: SYS, name: 'Acme', serverHosts: ['ocs.lab.test'] });
  const specs = [
    { id: ENT, kind: 'enterprise', name: 'E1', parentId: SYS },
    { id: ENT_GROUP, kind: 'group', name: 'hq', parentId: ENT },
    { id: 'acme/user:a@lab.test', kind: 'user', name: 'a@lab.test', parentId: ENT_GROUP, settings: { keepaliveSeconds: 120 } },
  ] as const;

  it('addNodes gives the state addNode gives one node at a time', () => {
    const batch = addNodes(root(), specs);
    const single = specs.reduce((state, spec) => addNode(state, spec), root());
    expect([...batch.nodes.entries()]).toEqual([...single.nodes.entries()]);
    expect(effectiveValue(batch, 'acme/user:a@lab.test', 'keepaliveSeconds')).toBe(120);
    expect(addNodes(batch, [])).toBe(batch);
  });

  it('checks the whole batch first: a parent must come before its children, ids are unique, and a refused batch adds nothing', () => {
    const state = root();
    expect(() => addNodes(state, [specs[1], specs[0]])).toThrow('portal: a group cannot sit under nothing');
    expect(() => addNodes(state, [specs[0], specs[0]])).toThrow(`portal: node ${ENT} exists`);
    expect(() => addNodes(state, [specs[0], { id: 'acme/user:b@lab.test', kind: 'user', name: 'b', parentId: ENT }])).toThrow('portal: a user cannot sit under enterprise');
    expect([...state.nodes.keys()]).toEqual([SYS]);
  });

  it('builds a portal of 20,000 users in one enterprise group', () => {
    const users = Array.from({ length: 20_000 }, (_, i) => ({ loginId: `u${30_000 + i}@lab.test` }));
    const state = buildPortalState({
      systemProvider: { id: SYS, name: 'Acme', serverHosts: ['ocs.lab.test'] },
      providers: [{ id: 'E1', kind: 'enterprise', groups: [{ id: 'hq', users }] }],
    });
    expect(state.nodes.size).toBe(20_003);
    expect(resolveBrandingNode(state, { loginId: 'u49999@lab.test', serverHost: 'ocs.lab.test' })).toEqual({ nodeId: 'acme/user:u49999@lab.test', level: 'User' });
    expect(state.nodes.get('acme/user:u30000@lab.test')?.parentId).toBe(ENT_GROUP);
  });
});
