// The layering of DESIGN.md ("The layers"), checked by dependency-cruiser over src/ (every layer,
// type-only imports included) in the test run: test/smoke/dependency-rules.test.ts, or by hand with
// `npx depcruise src`. Arrows point down only:
//   cli-shell -> client -> adapters -> effects/codecs -> machines
// machines and codecs import none of the others and no Node built-ins; lab may use codecs and
// effects, never machines, adapters or client; cli-shell reaches the core only through the client's
// public API (src/client/index.ts) and the lab through its entry point (src/lab/index.ts).
/** Forbids `from` (a layer) to import any src/ module outside `allowed` (path patterns). */
const onlyInto = (name, layer, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: allowed },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'Zero import cycles, in every layer.', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-unresolvable', comment: 'Every import resolves to a file or a package.', severity: 'error', from: {}, to: { couldNotResolve: true } },
    {
      name: 'pure-layers-no-node-builtins',
      comment: 'machines and codecs run unchanged in a browser, a worker or a test: no Node built-ins.',
      severity: 'error',
      from: { path: '^src/(machines|codecs)/' },
      to: { dependencyTypes: ['core'] },
    },
    onlyInto('machines-import-machines-only', 'machines', ['^src/machines/'], 'Machines import nothing of the other layers.'),
    onlyInto('codecs-import-codecs-only', 'codecs', ['^src/codecs/'], 'Codecs import nothing of the other layers.'),
    onlyInto('effects-import-down-only', 'effects', ['^src/(effects|machines)/'], 'Effects use the machines’ contract types, nothing above.'),
    onlyInto('adapters-import-down-only', 'adapters', ['^src/(adapters|effects|codecs|machines)/'], 'Drivers bind codecs and effects to the machines; never the client or a UI.'),
    onlyInto('client-import-down-only', 'client', ['^src/(client|adapters|effects|codecs|machines)/'], 'The client assembles the layers below; never a UI or the lab.'),
    onlyInto(
      'cli-shell-uses-public-apis-only',
      'cli-shell',
      ['^src/cli-shell/', '^src/client/index\\.ts$', '^src/lab/index\\.ts$'],
      'The shell uses the client only through its public API, and the lab through its entry point.',
    ),
    // issue 11: the domain state is pure reducers over logged events, usable alone (a UI folding a
    // recorded log): they import only each other (and immer).
    onlyInto('domain-reducers-import-domain-only', 'machines/domain', ['^src/machines/domain/'], 'The domain reducers are self-contained.'),
    {
      name: 'client-internals-stay-in-the-client',
      comment: 'The runtime and driver handles below the public API are for the client itself (and tests); no other module reaches them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/client/create-unity-client\\.ts$'] },
      to: { path: '^src/client/client-internals\\.ts$' },
    },
    onlyInto('lab-uses-codecs-and-effects-only', 'lab', ['^src/(lab|codecs|effects)/'], 'The lab simulates servers: codecs and effects, never machines, adapters or client.'),
    {
      name: 'package-root-is-the-client-api',
      comment: 'The package root re-exports the client API and the pure selection rules.',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/client/index\\.ts$', '^src/machines/protocol-selection/index\\.ts$'] },
    },
    {
      name: 'src-never-imports-tests',
      comment: 'The library never depends on its tests, benchmarks, examples or scripts.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|examples|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
